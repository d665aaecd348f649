import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Refusal } from "~/domain/competitions/stages";
import { overrideChangesSelection } from "~/domain/judging/committee";
import { DomainError } from "~/domain/errors";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { isDecisionOpen } from "./judging-category.server";
import { transitionNomination } from "./nomination.server";
import { categoryResults, type CategoryResults } from "./results.server";
import { writeResultSnapshot } from "./result-snapshot.server";

/**
 * The committee overrides the computed selection for one nomination, with a reason; `clear`
 * takes an override back. Only while the competition is deciding.
 */
export async function setOverride(
  trx: Transaction<Database>,
  actor: Actor,
  categoryId: number,
  input: { ref: string; decision: "include" | "exclude" | "clear"; reason: string | null },
) {
  const results = await categoryResults(trx, categoryId);
  if (!results) throw new DomainError("judging.unknownCategory");
  if (!isDecisionOpen(results.category.stage)) throw new DomainError("judging.decision.closed");
  const entry = results.entries.find((e) => e.ref === input.ref);
  if (!entry) throw new DomainError("judging.decision.notRanked", { ref: input.ref }, "ref");
  await trx.deleteFrom("committee_overrides").where("nomination_id", "=", entry.nominationId).execute();
  const orgPath = results.category.org_path;
  if (input.decision === "clear") {
    await recordAudit(trx, actor, {
      action: "committee.clear",
      entity: "nomination",
      entityId: entry.nominationId,
      orgPath,
    });
    return;
  }
  if (!input.reason) throw new DomainError("form.required", undefined, "reason");
  const selected = results.selection.selected.some((s) => s.ref === input.ref);
  if (!overrideChangesSelection(input.decision, selected))
    throw new DomainError(
      input.decision === "include" ? "judging.decision.alreadySelected" : "judging.decision.notSelected",
      { ref: input.ref },
      "ref",
    );
  await trx
    .insertInto("committee_overrides")
    .values({
      category_id: categoryId,
      nomination_id: entry.nominationId,
      decision: input.decision,
      reason: input.reason,
      decided_by: actor.userId,
      decided_at: nowIso(),
    })
    .execute();
  await recordAudit(trx, actor, {
    action: `committee.${input.decision}`,
    entity: "nomination",
    entityId: entry.nominationId,
    orgPath,
    after: { ref: input.ref, reason: input.reason },
  });
}

/**
 * Why the final list of a category may not go forward: empty, or longer than the quota. A
 * category that never had a nomination to judge has nothing to propose and does not hold the
 * competition back.
 */
export function finalListRefusal(r: CategoryResults): Refusal | null {
  if (r.entries.length === 0 && r.unscored.length === 0) return null;
  if (r.final.length === 0)
    return { messageKey: "judging.refuse.emptyList", params: { category: r.category.name } };
  if (r.final.length > r.category.quota)
    return {
      messageKey: "judging.refuse.overQuota",
      params: { category: r.category.name, count: r.final.length, quota: r.category.quota },
    };
  return null;
}

/**
 * Freezes the category's ranking into proposed_entries, and its results as decided into a
 * snapshot (decision 018), and shortlists the final list, each move recorded in the nomination's
 * history. Run inside the advance transaction.
 */
export async function writeProposedEntries(
  trx: Transaction<Database>,
  actor: Actor,
  r: CategoryResults,
): Promise<void> {
  await trx.deleteFrom("proposed_entries").where("category_id", "=", r.category.id).execute();
  const position = new Map(r.final.map((f) => [f.nominationId, f.position]));
  const override = new Map(r.overrides.map((o) => [o.nominationId, o.reason]));
  const rows = r.entries.map((e) => ({
    category_id: r.category.id,
    nomination_id: e.nominationId,
    rank: e.rank,
    score: e.score,
    tied: e.tied ? 1 : 0,
    proposed: position.has(e.nominationId) ? 1 : 0,
    position: position.get(e.nominationId) ?? null,
    override_reason: override.get(e.nominationId) ?? null,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto("proposed_entries")
      .values(rows.slice(i, i + 500))
      .execute();
  const proposed = await trx
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select(["nominations.id", "nominations.status", "orgs.path as org_path"])
    .where("nominations.id", "in", r.final.length ? r.final.map((f) => f.nominationId) : [-1])
    .execute();
  for (const n of proposed)
    if (n.status === "scored") await transitionNomination(trx, actor, n, "shortlisted", "admin");
  await writeResultSnapshot(trx, actor, r);
  await recordAudit(trx, actor, {
    action: "committee.propose",
    entity: "category",
    entityId: r.category.id,
    orgPath: r.category.org_path,
    after: { method: r.method, proposed: r.final.map((f) => f.ref) },
  });
}
