import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Stage } from "~/domain/competitions/vocabulary";
import type { Criterion } from "~/domain/judging/score-sheet";
import { effectiveRules, type CompositionRule } from "~/domain/judging/composition-rules";

/** Statuses a nomination passes through once found eligible: the ones judging and results look at. */
export const JUDGED_STATUSES = ["eligible", "scored", "shortlisted", "on_notice", "commended"] as const;

/** Stages in which judges may write sheets, and admins correct them. */
export const isJudgingOpen = (stage: Stage) => stage === "judging";
export const isCorrectionOpen = (stage: Stage) => stage === "judging" || stage === "deciding";
export const isDecisionOpen = (stage: Stage) => stage === "deciding";
/** Judges' scores are nobody's business while judging runs: the score matrix opens once it has closed. */
export const isMatrixOpen = (stage: Stage) => ["deciding", "notice", "published", "archived"].includes(stage);

/** A category with its competition, rubric and rules: what every judging page and command starts from. */
export async function getJudgingCategory(db: Kysely<Database>, categoryId: number) {
  const row = await db
    .selectFrom("categories")
    .innerJoin("competitions", "competitions.id", "categories.competition_id")
    .innerJoin("orgs", "orgs.id", "competitions.org_id")
    .select([
      "categories.id",
      "categories.name",
      "categories.kind",
      "categories.quota",
      "categories.aggregation",
      "categories.judges_per_nomination",
      "categories.blind",
      "competitions.id as competition_id",
      "competitions.title as competition_title",
      "competitions.stage",
      "orgs.path as org_path",
    ])
    .where("categories.id", "=", categoryId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [criteria, rules] = await Promise.all([
    db
      .selectFrom("criteria")
      .select(["title", "max_points", "description"])
      .where("category_id", "=", categoryId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("composition_rules")
      .select(["label", "attribute", "values_json", "op", "share"])
      .where("category_id", "=", categoryId)
      .orderBy("position")
      .execute(),
  ]);
  const checked = effectiveRules(
    rules.map(
      (r): CompositionRule => ({
        label: r.label,
        attribute: r.attribute,
        values: JSON.parse(r.values_json) as string[],
        op: r.op,
        share: r.share,
      }),
    ),
  );
  return {
    ...row,
    criteria: criteria.map((c): Criterion & { description: string } => ({
      title: c.title,
      maxPoints: c.max_points,
      description: c.description,
    })),
    /** The rules as applied: unknown values left out (see `effectiveRules`). */
    rules: checked.rules,
    invalidRules: checked.invalid,
  };
}
/** The competition's category: another competition's is undefined, so a URL cannot pair them (issue #14). */
export async function getCompetitionCategory(
  db: Kysely<Database>,
  competitionId: number,
  categoryId: number,
) {
  const own = await db
    .selectFrom("categories")
    .select("id")
    .where("id", "=", categoryId)
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  return own ? getJudgingCategory(db, own.id) : undefined;
}

export type JudgingCategory = NonNullable<Awaited<ReturnType<typeof getJudgingCategory>>>;

/** The category's nominations that judging covers, best-known columns for ranking and selection. */
export function listJudgedNominations(db: Kysely<Database>, categoryId: number) {
  return db
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select([
      "nominations.id",
      "nominations.ref",
      "nominations.name",
      "nominations.status",
      "nominations.gender",
      "nominations.ethnicity",
      "nominations.occupation_group",
      "nominations.migrant",
      "nominations.sector",
      "nominations.political_status",
      "nominations.education",
      "orgs.name as org_name",
      "orgs.path as org_path",
    ])
    .where("nominations.category_id", "=", categoryId)
    .where("nominations.status", "in", JUDGED_STATUSES)
    .orderBy("nominations.ref")
    .execute();
}
export type JudgedNomination = Awaited<ReturnType<typeof listJudgedNominations>>[number];
