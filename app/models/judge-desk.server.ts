import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { getJudgingCategory, JUDGED_STATUSES } from "./judging-category.server";

/** A judge's assignments across competitions still in or past judging, with each sheet's state. */
export function listJudgeQueue(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom("judge_assignments")
    .innerJoin("panel_members", "panel_members.id", "judge_assignments.panel_member_id")
    .innerJoin("nominations", "nominations.id", "judge_assignments.nomination_id")
    .innerJoin("categories", "categories.id", "panel_members.category_id")
    .innerJoin("competitions", "competitions.id", "categories.competition_id")
    .leftJoin("score_sheets", (j) =>
      j
        .onRef("score_sheets.panel_member_id", "=", "judge_assignments.panel_member_id")
        .onRef("score_sheets.nomination_id", "=", "judge_assignments.nomination_id"),
    )
    .select([
      "nominations.id as nomination_id",
      "nominations.ref",
      "nominations.name",
      "categories.id as category_id",
      "categories.name as category_name",
      "categories.blind",
      "competitions.title as competition_title",
      "competitions.stage",
      "score_sheets.status as sheet_status",
      "score_sheets.total",
    ])
    .where("panel_members.user_id", "=", userId)
    .where("nominations.status", "in", JUDGED_STATUSES)
    .where("competitions.stage", "in", ["judging", "deciding", "notice", "published"])
    .orderBy("competitions.id", "desc")
    .orderBy("categories.position")
    .orderBy("nominations.ref")
    .execute();
}

/**
 * What a judge sees of one nomination assigned to them: the rubric, their own sheet (never
 * another judge's), and the dossier without private data; in blind mode without name and org.
 * undefined when the nomination is not theirs to score.
 */
export async function getJudgeTarget(db: Kysely<Database>, userId: number, nominationId: number) {
  const row = await db
    .selectFrom("judge_assignments")
    .innerJoin("panel_members", "panel_members.id", "judge_assignments.panel_member_id")
    .innerJoin("nominations", "nominations.id", "judge_assignments.nomination_id")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select([
      "panel_members.id as member_id",
      "panel_members.category_id",
      "nominations.id",
      "nominations.ref",
      "nominations.kind",
      "nominations.name",
      "orgs.name as org_name",
      "nominations.gender",
      "nominations.ethnicity",
      "nominations.birth_date",
      "nominations.political_status",
      "nominations.education",
      "nominations.workplace",
      "nominations.post",
      "nominations.occupation_group",
      "nominations.migrant",
      "nominations.sector",
      "nominations.id_number_masked",
      "nominations.collective_kind",
      "nominations.member_count",
      "nominations.leader",
      "nominations.summary",
      "nominations.deeds",
    ])
    .where("panel_members.user_id", "=", userId)
    .where("nominations.id", "=", nominationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const cat = (await getJudgingCategory(db, row.category_id))!;
  const [sheet, files] = await Promise.all([
    db
      .selectFrom("score_sheets")
      .select(["id", "status", "points_json", "total", "comment", "version"])
      .where("panel_member_id", "=", row.member_id)
      .where("nomination_id", "=", row.id)
      .executeTakeFirst(),
    db
      .selectFrom("nomination_files")
      .select(["id", "filename", "content_type", "size", "created_at"])
      .where("nomination_id", "=", row.id)
      .orderBy("id")
      .execute(),
  ]);
  const blind = !!cat.blind;
  const { member_id, ...n } = row;
  // Only the birth year reaches a judge; in blind mode neither the names nor what points to them
  // (the masked ID number starts with the region code; files are often named after the nominee).
  const facts = { ...n, birth_date: n.birth_date ? n.birth_date.slice(0, 4) : null };
  const dossier = blind
    ? { ...facts, name: null, org_name: null, leader: null, workplace: null, id_number_masked: null }
    : facts;
  const shown = blind ? files.map((f) => ({ ...f, filename: `file-${f.id}` })) : files;
  return {
    memberId: member_id,
    cat,
    blind,
    dossier,
    files: shown,
    sheet: sheet ? { ...sheet, points: JSON.parse(sheet.points_json) as (number | null)[] } : null,
  };
}
export type JudgeTarget = NonNullable<Awaited<ReturnType<typeof getJudgeTarget>>>;

/**
 * The least a judge's write needs: their panel seat on this nomination's category and the
 * category's stage and rubric. Cheaper than the whole dossier, since every save runs it.
 */
export async function getJudgeSeat(db: Kysely<Database>, userId: number, nominationId: number) {
  const row = await db
    .selectFrom("judge_assignments")
    .innerJoin("panel_members", "panel_members.id", "judge_assignments.panel_member_id")
    .innerJoin("categories", "categories.id", "panel_members.category_id")
    .innerJoin("competitions", "competitions.id", "categories.competition_id")
    .innerJoin("orgs", "orgs.id", "competitions.org_id")
    .select([
      "panel_members.id as member_id",
      "categories.id",
      "categories.judges_per_nomination",
      "competitions.stage",
      "orgs.path as org_path",
    ])
    .where("panel_members.user_id", "=", userId)
    .where("judge_assignments.nomination_id", "=", nominationId)
    .executeTakeFirst();
  if (!row) return undefined;
  const criteria = await db
    .selectFrom("criteria")
    .select(["title", "max_points"])
    .where("category_id", "=", row.id)
    .orderBy("position")
    .execute();
  const { member_id, ...cat } = row;
  return {
    memberId: member_id,
    nominationId,
    cat: { ...cat, criteria: criteria.map((c) => ({ title: c.title, maxPoints: c.max_points })) },
  };
}
