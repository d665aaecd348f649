import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import { effectiveRules, type CompositionRule } from "~/domain/judging/composition-rules";
import { chooseReplacement } from "~/domain/notice/promotion";
import type { IsoDate } from "~/domain/notice/iso-date";
import { type Actor, recordAudit } from "./audit.server";
import { transitionNomination } from "./nomination.server";

const ATTRIBUTE_COLUMNS = [
  "n.gender",
  "n.ethnicity",
  "n.occupation_group",
  "n.migrant",
  "n.sector",
  "n.political_status",
  "n.education",
] as const;

function nominationsOfCategory(trx: Transaction<Database>, categoryId: number) {
  return trx
    .selectFrom("nominations as n")
    .innerJoin("proposed_entries as p", "p.nomination_id", "n.id")
    .innerJoin("orgs as o", "o.id", "n.org_id")
    .select(["n.id", "n.ref", "n.status", "o.path as org_path", "p.rank", "p.proposed", ...ATTRIBUTE_COLUMNS])
    .where("n.category_id", "=", categoryId)
    .orderBy("p.rank")
    .orderBy("n.ref")
    .execute();
}

async function categoryRules(
  trx: Transaction<Database>,
  categoryId: number,
): Promise<{ quota: number; rules: CompositionRule[] }> {
  const cat = await trx
    .selectFrom("categories")
    .select(["quota"])
    .where("id", "=", categoryId)
    .executeTakeFirstOrThrow();
  const rows = await trx
    .selectFrom("composition_rules")
    .select(["label", "attribute", "values_json", "op", "share"])
    .where("category_id", "=", categoryId)
    .orderBy("position")
    .execute();
  return {
    quota: cat.quota,
    rules: effectiveRules(
      rows.map((r) => ({
        label: r.label,
        attribute: r.attribute,
        values: JSON.parse(r.values_json) as string[],
        op: r.op,
        share: r.share,
      })),
    ).rules,
  };
}

/** Nominations the committee took off the list with a reason: no promotion brings them back. */
async function committeeRemovals(trx: Transaction<Database>, categoryId: number): Promise<Set<number>> {
  const rows = await trx
    .selectFrom("committee_overrides")
    .select("nomination_id")
    .where("category_id", "=", categoryId)
    .where("decision", "=", "exclude")
    .execute();
  return new Set(rows.map((r) => r.nomination_id));
}

export interface Replacement {
  /** The withdrawn entry's place on the list. */
  position: number | null;
  /** The day of the promotion (the notice clock's today). */
  today: IsoDate;
  /** The last day of the replacement's own notice period, or null when it ends with the first notice. */
  noticeEndsOn: IsoDate | null;
}

/**
 * Puts the best-ranked scored nomination that keeps every composition rule, and that the
 * committee did not remove, on notice in the withdrawn entry's place; refuses when none does.
 * The entry carries the day of its promotion (the public notice marks it 递补) and the end of its
 * own notice period, if any (decision 018). Run inside a transaction.
 */
export async function promoteReplacement(
  trx: Transaction<Database>,
  actor: Actor,
  categoryId: number,
  replacement: Replacement,
): Promise<number> {
  const { position } = replacement;
  const [{ quota, rules }, all, removed] = await Promise.all([
    categoryRules(trx, categoryId),
    nominationsOfCategory(trx, categoryId),
    committeeRemovals(trx, categoryId),
  ]);
  const attributes = (n: (typeof all)[number]) => ({
    gender: n.gender,
    ethnicity: n.ethnicity,
    occupation_group: n.occupation_group,
    migrant: n.migrant,
    sector: n.sector,
    political_status: n.political_status,
    education: n.education,
  });
  const kept = all.filter((n) => n.status === "on_notice").map(attributes);
  const candidates = all
    .filter((n) => n.status === "scored" && !n.proposed)
    .map((n) => ({
      id: n.id,
      rank: n.rank,
      attributes: attributes(n),
      removedByCommittee: removed.has(n.id),
      row: n,
    }));
  const chosen = chooseReplacement({ quota, rules, kept, candidates });
  if (!chosen) throw new DomainError("objection.noPromotion", undefined, "promote");
  const row = candidates.find((c) => c.id === chosen.id)!.row;
  await transitionNomination(
    trx,
    actor,
    { id: row.id, status: "scored", org_path: row.org_path },
    "shortlisted",
    "admin",
  );
  await transitionNomination(
    trx,
    actor,
    { id: row.id, status: "shortlisted", org_path: row.org_path },
    "on_notice",
    "admin",
  );
  const last = all.filter((n) => n.proposed).length;
  await trx
    .updateTable("proposed_entries")
    .set({
      proposed: 1,
      position: position ?? last + 1,
      override_reason: "promoted after an upheld objection",
      promoted_on: replacement.today,
      notice_ends_on: replacement.noticeEndsOn,
    })
    .where("nomination_id", "=", row.id)
    .execute();
  await recordAudit(trx, actor, {
    action: "notice.promote",
    entity: "nomination",
    entityId: row.id,
    orgPath: row.org_path,
    after: { category_id: categoryId, position, notice_ends_on: replacement.noticeEndsOn },
  });
  return row.id;
}
