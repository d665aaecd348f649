import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { OrgRow } from "~/models/org.server";
import { PNG_BYTES } from "./hardening-world";
import {
  insertGroup,
  insertIndicator,
  insertParticipant,
  insertPeriod,
  makeContestCompetition,
} from "./contest-rows";

/**
 * A running contest organized by city A, the county admitted, with the county's draft report of
 * period Q1 carrying one evidence file: the report pages' objects for the authorization matrix.
 * Written into the tables (tests/support/contest-rows.ts).
 */
export async function makeContestReports(
  db: Kysely<Database>,
  orgs: { cityA: OrgRow; county: OrgRow },
  nominator: number,
) {
  const competitionId = await makeContestCompetition(db, orgs.cityA);
  const now = new Date().toISOString();
  const group = await insertGroup(db, competitionId, 0, "县总工会组");
  const period = await insertPeriod(db, competitionId, 0, {
    label: "Q1",
    opens: "2001-01-01",
    closes: "2099-12-31",
    from: "2001-01-01",
    to: "2001-01-01",
  });
  const period2 = await insertPeriod(db, competitionId, 1, {
    label: "Q2",
    opens: "2100-01-01",
    closes: "2100-01-10",
    from: "2001-01-01",
    to: "2001-01-01",
  });
  await insertIndicator(db, competitionId, 0, {
    code: "invest",
    title: "帮扶投入",
    unit: "万元",
    method: "target",
    weight: 30,
  });
  const participantId = await insertParticipant(db, competitionId, orgs.county.id, group);
  const draftWithFile = async (periodId: number) => {
    const report = await db
      .insertInto("contest_reports")
      .values({
        participant_id: participantId,
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
  const { reportId, fileId } = await draftWithFile(period);
  /** Another report's file: the foreign child of the first report's URL. */
  const other = await draftWithFile(period2);
  return {
    competitionId,
    participantId,
    periodId: period,
    reportId,
    fileId,
    otherFileId: other.fileId,
  };
}
