import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { PairingTier } from "~/domain/registry/vocabulary";
import { DomainError } from "~/domain/errors";
import type { MatchOptions, MatchResult } from "~/domain/registry/matching";
import { type Actor, recordAudit } from "./audit.server";
import { registryAuditPath } from "./county.server";
import { createPairing } from "./pairing.server";
import { loadMatchInput } from "./registry-coverage.server";
import { runMatcher } from "./matching-thread.server";

export interface MatchRun {
  result: MatchResult;
  helperNames: Record<string, string>;
  countyNames: Record<string, string>;
}

/** Runs the matcher over the whole registry (on a worker thread when it is large). */
export async function runMatching(
  db: Kysely<Database>,
  options: MatchOptions = {},
  thread?: boolean,
): Promise<MatchRun> {
  const input = await loadMatchInput(db);
  const result = await runMatcher(input, options, { thread });
  const helperRefs = [...new Set(result.suggestions.map((s) => s.helper_id))];
  const [helpers, counties] = await Promise.all([
    helperRefs.length
      ? db.selectFrom("helpers").select(["ref", "name"]).where("ref", "in", helperRefs).execute()
      : [],
    db.selectFrom("counties").select(["code", "name"]).execute(),
  ]);
  return {
    result,
    helperNames: Object.fromEntries(helpers.map((h) => [h.ref, h.name])),
    countyNames: Object.fromEntries(counties.map((c) => [c.code, c.name])),
  };
}

/** The `match --format json` document (docs/domain.md#command-line): the domain result without its extra fields. */
export function matchJson(r: MatchResult) {
  return {
    cost: r.cost,
    lower_bound: r.lower_bound,
    optimal: r.optimal,
    suggestions: r.suggestions.map((s) => ({
      helper_id: s.helper_id,
      county_code: s.county_code,
      cost: s.cost,
    })),
    uncovered: r.uncovered.map((u) => ({ county_code: u.county_code, need: u.need })),
  };
}

export interface AcceptedPick {
  helper_id: string;
  county_code: string;
}

/**
 * Turns accepted suggestions into pairings, all or none: the registry may have changed since the
 * run (a capacity used, a pair made), and a half-applied set would leave gaps nobody chose.
 */
export async function acceptSuggestions(
  trx: Transaction<Database>,
  actor: Actor,
  picks: AcceptedPick[],
  tier: PairingTier,
): Promise<number> {
  const auditPath = await registryAuditPath(trx);
  for (const pick of picks) {
    const helper = await trx
      .selectFrom("helpers")
      .select(["id", "ref", "capacity", "revoked_at"])
      .where("ref", "=", pick.helper_id)
      .executeTakeFirst();
    if (!helper) throw new DomainError("registry.row.helperUnknown", { id: pick.helper_id });
    const county = await trx
      .selectFrom("counties")
      .select(["id", "code"])
      .where("code", "=", pick.county_code)
      .executeTakeFirst();
    if (!county) throw new DomainError("registry.row.countyUnknown", { code: pick.county_code });
    await createPairing(trx, actor, { helper, county, tier, startedOn: null, source: "match" }, auditPath);
  }
  if (picks.length)
    await recordAudit(trx, actor, {
      action: "registry.match.accept",
      entity: "registry",
      orgPath: auditPath,
      after: { accepted: picks.length, tier },
    });
  return picks.length;
}
