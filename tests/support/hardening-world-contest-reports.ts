import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { CompetitionTemplateSchema } from "~/domain/competitions/template";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { createCompetition } from "~/models/competition.server";
import type { OrgRow } from "~/models/org.server";
import { PNG_BYTES } from "./hardening-world";

/**
 * A running contest organized by city A, the county admitted, with the county's draft report of
 * period Q1 carrying one evidence file: the report pages' objects for the authorization matrix.
 * Written into migration 0011's tables directly (the scheme pages are another part's).
 */
export async function makeContestReports(
  db: Kysely<Database>,
  orgs: { cityA: OrgRow; county: OrgRow },
  nominator: number,
) {
  const template = CompetitionTemplateSchema.parse({
    title: "2018年全省国有企业脱贫攻坚主题竞赛",
    year: 2018,
    organizer: orgs.cityA.name,
    categories: [
      {
        name: "先进集体",
        kind: "collective",
        quota: 2,
        criteria: [{ title: "成效", max_points: 100 }],
        allocations: [],
      },
    ],
  });
  const competitionId = await db
    .transaction()
    .execute((trx) => createCompetition(trx, SYSTEM_ACTOR, orgs.cityA, template));
  await db.updateTable("competitions").set({ stage: "running" }).where("id", "=", competitionId).execute();
  const now = new Date().toISOString();
  await db
    .insertInto("contests")
    .values({
      competition_id: competitionId,
      board_public: 0,
      board_opened_at: null,
      standings_version: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const group = await db
    .insertInto("contest_groups")
    .values({ competition_id: competitionId, position: 0, name: "县总工会组", top_n: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const [period, period2] = await db
    .insertInto("contest_periods")
    .values(
      ["Q1", "Q2"].map((label, position) => ({
        competition_id: competitionId,
        position,
        label,
        opens_on: position ? "2100-01-01" : "2001-01-01",
        closes_on: position ? "2100-01-10" : "2099-12-31",
        covers_from: "2001-01-01",
        covers_to: "2001-01-01",
      })),
    )
    .returning("id")
    .execute();
  await db
    .insertInto("contest_indicators")
    .values({
      competition_id: competitionId,
      position: 0,
      code: "invest",
      title: "帮扶投入",
      unit: "万元",
      aggregation: "sum",
      method: "target",
      weight: 30,
      cap: null,
      direction: null,
      per_unit: null,
      max_points: null,
      measure: null,
      confidential: 0,
    })
    .execute();
  const participant = await db
    .insertInto("contest_participants")
    .values({
      competition_id: competitionId,
      org_id: orgs.county.id,
      group_id: group.id,
      status: "admitted",
      awaiting_org_id: null,
      reason: null,
      applied_by: null,
      admitted_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const draftWithFile = async (periodId: number) => {
    const report = await db
      .insertInto("contest_reports")
      .values({
        participant_id: participant.id,
        period_id: periodId,
        status: "draft",
        note: "",
        late: 0,
        late_consented_by: null,
        late_consented_at: null,
        return_reason: null,
        submitted_by: null,
        submitted_at: null,
        verified_by: null,
        verified_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const file = await db
      .insertInto("contest_report_files")
      .values({
        report_id: report.id,
        filename: "佐证.png",
        content_type: "image/png",
        size: PNG_BYTES.length,
        sha256: "0".repeat(64),
        data: PNG_BYTES,
        uploaded_by: nominator,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { reportId: report.id, fileId: file.id };
  };
  const { reportId, fileId } = await draftWithFile(period.id);
  /** Another report's file: the foreign child of the first report's URL. */
  const other = await draftWithFile(period2.id);
  return {
    competitionId,
    participantId: participant.id,
    periodId: period.id,
    reportId,
    fileId,
    otherFileId: other.fileId,
  };
}
