import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Stage } from "~/domain/competitions/vocabulary";
import { DomainError } from "~/domain/errors";
import type { NominationStatus } from "~/domain/nominations/vocabulary";
import { openSteps } from "~/domain/nominations/stage-windows";
import type { Actor } from "./audit.server";
import { transitionNomination } from "./nomination.server";

/*
 * The eligibility review of many nominations in one submit (decision 019). Each decision is the
 * single review's: the same open steps, transitionNomination with its event and audit entry; they
 * run in the caller's one transaction, so one refusal leaves every nomination as it was.
 */

/** Nominations selected at once, at most: 150 is a big category; the form's field limit is 1,000. */
export const MAX_BULK_REVIEW = 500;

const UNDECIDED: NominationStatus[] = ["submitted", "resubmitted"];

/** The competition's nominations awaiting the eligibility decision, optionally in one category. */
export function listUndecided(db: Kysely<Database>, competitionId: number, categoryId?: number) {
  let q = db
    .selectFrom("nominations")
    .innerJoin("categories", "categories.id", "nominations.category_id")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select([
      "nominations.id",
      "nominations.ref",
      "nominations.name",
      "nominations.status",
      "categories.name as category_name",
      "orgs.name as org_name",
    ])
    .where("nominations.competition_id", "=", competitionId)
    .where("nominations.status", "in", UNDECIDED);
  if (categoryId !== undefined) q = q.where("nominations.category_id", "=", categoryId);
  return q.orderBy("categories.position").orderBy("orgs.path").orderBy("nominations.id").execute();
}
export type UndecidedRow = Awaited<ReturnType<typeof listUndecided>>[number];

export interface BulkReview {
  ids: number[];
  decision: "markEligible" | "markIneligible";
  /** One reason for all; required for markIneligible, as in the single review. */
  reason: string | null;
}

/**
 * Records one decision for each selected nomination of the competition, in the caller's
 * transaction. A nomination of another competition, or one whose decision is no longer open
 * (decided meanwhile, withdrawn), refuses the whole batch naming it. Returns how many were decided.
 */
export async function reviewNominations(
  trx: Transaction<Database>,
  actor: Actor,
  competition: { id: number; stage: Stage },
  { ids, decision, reason }: BulkReview,
): Promise<number> {
  const wanted = [...new Set(ids)];
  const found = await trx
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select([
      "nominations.id",
      "nominations.ref",
      "nominations.name",
      "nominations.status",
      "orgs.path as org_path",
    ])
    .where("nominations.competition_id", "=", competition.id)
    .where("nominations.id", "in", wanted)
    .orderBy("nominations.id")
    .execute();
  if (found.length !== wanted.length)
    throw new DomainError("review.bulk.unknown", { count: wanted.length - found.length }, "ids");
  for (const n of found) {
    const step = openSteps(competition.stage, n.status, "admin").find((s) => s.action === decision);
    if (!step) throw new DomainError("review.bulk.notOpen", { name: n.name, ref: n.ref }, "ids");
    try {
      await transitionNomination(trx, actor, n, step.to, "admin", reason);
    } catch (error) {
      // The reason's refusal is the form's, once; any other names the nomination it stopped at.
      if (!(error instanceof DomainError) || error.field === "reason") throw error;
      throw new DomainError("review.bulk.refused", { name: n.name, ref: n.ref }, "ids");
    }
  }
  return found.length;
}
