import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import type { Refusal } from "~/domain/competitions/stages";
import type { Actor } from "../audit.server";
import type { CompetitionRow } from "../competition.server";
import { listCategories } from "../competition.server";
import { transitionNomination } from "../nomination.server";
import { categoryResults } from "../results.server";
import { finalListRefusal, writeProposedEntries } from "../results-decision.server";
import type { StageStep } from "./step";

/** Assigned pairs of eligible nominations whose judge has not submitted a sheet yet. */
function pendingPairs(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("judge_assignments")
    .innerJoin("nominations", "nominations.id", "judge_assignments.nomination_id")
    .leftJoin("score_sheets", (j) =>
      j
        .onRef("score_sheets.panel_member_id", "=", "judge_assignments.panel_member_id")
        .onRef("score_sheets.nomination_id", "=", "judge_assignments.nomination_id"),
    )
    .select(["judge_assignments.panel_member_id", "judge_assignments.nomination_id"])
    .where("nominations.competition_id", "=", competitionId)
    .where("nominations.status", "=", "eligible")
    .where((eb) =>
      eb.or([eb("score_sheets.status", "is", null), eb("score_sheets.status", "<>", "submitted")]),
    )
    .execute();
}

/** Eligible nominations without a single submitted sheet (nobody assigned, nothing imported). */
async function sheetlessCount(db: Kysely<Database>, competitionId: number): Promise<number> {
  const row = await db
    .selectFrom("nominations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("nominations.competition_id", "=", competitionId)
    .where("nominations.status", "=", "eligible")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("score_sheets")
            .select("score_sheets.id")
            .whereRef("score_sheets.nomination_id", "=", "nominations.id")
            .where("score_sheets.status", "=", "submitted"),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("judge_assignments")
            .select("judge_assignments.id")
            .whereRef("judge_assignments.nomination_id", "=", "nominations.id"),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Leaving `judging`: every eligible nomination's assigned sheets submitted; then they are `scored`. */
export const judgingStep: StageStep = {
  async exitRefusals(trx, c: CompetitionRow): Promise<Refusal[]> {
    const out: Refusal[] = [];
    const pending = await pendingPairs(trx, c.id);
    if (pending.length) {
      const nominations = new Set(pending.map((p) => p.nomination_id)).size;
      const judges = new Set(pending.map((p) => p.panel_member_id)).size;
      out.push({ messageKey: "judging.refuse.unscored", params: { count: nominations, judges } });
    }
    const sheetless = await sheetlessCount(trx, c.id);
    if (sheetless) out.push({ messageKey: "judging.refuse.sheetless", params: { count: sheetless } });
    return out;
  },
  async onExit(trx, actor: Actor, c: CompetitionRow) {
    const eligible = await trx
      .selectFrom("nominations")
      .innerJoin("orgs", "orgs.id", "nominations.org_id")
      .select(["nominations.id", "nominations.status", "orgs.path as org_path"])
      .where("nominations.competition_id", "=", c.id)
      .where("nominations.status", "=", "eligible")
      .execute();
    for (const n of eligible) await transitionNomination(trx, actor, n, "scored", "admin");
  },
};

/** Leaving `deciding`: each category's final list within its quota and not empty; then frozen. */
export const decidingStep: StageStep = {
  async exitRefusals(trx, c: CompetitionRow): Promise<Refusal[]> {
    const out: Refusal[] = [];
    for (const cat of await listCategories(trx, c.id)) {
      const results = await categoryResults(trx, cat.id);
      const refusal = results && finalListRefusal(results);
      if (refusal) out.push(refusal);
    }
    return out;
  },
  async onExit(trx, actor: Actor, c: CompetitionRow) {
    for (const cat of await listCategories(trx, c.id)) {
      const results = await categoryResults(trx, cat.id);
      if (results) await writeProposedEntries(trx, actor, results);
    }
  },
};
