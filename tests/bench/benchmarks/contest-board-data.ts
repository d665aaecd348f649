import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { seededRandom } from "../../../app/domain/seeded-random";
import { SYSTEM_ACTOR } from "../../../app/models/audit.server";
import { createOrg } from "../../../app/models/org.server";

/** The size the public board must carry at speed (issue 18): one group of 500 units. */
export const BOARD_SIZE = { units: 500, periods: 4 };

const NOW = "2018-12-31T00:00:00.000Z";
const INDICATORS = [
  { code: "invest", title: "帮扶投入", unit: "万元", method: "target", weight: 40, cap: 1.2 },
  { code: "households", title: "帮扶贫困户", unit: "户", method: "rank", weight: 30, direction: "higher" },
  { code: "award", title: "获上级表彰", unit: "项", method: "bonus", per_unit: 2, max_points: 5 },
  {
    code: "audit",
    title: "内部审计",
    unit: "项",
    method: "bonus",
    per_unit: 1,
    max_points: 5,
    confidential: 1,
  },
  { code: "accident", title: "重大安全事故", unit: "起", method: "veto" },
] as const;

/**
 * A contest on competition `competitionId` of the demo, its board open: one group of 500 units
 * (new orgs under `parentId`), four quarters, five indicators (one confidential), every value
 * verified. Written in one transaction; seeded, so every run is the same.
 */
export async function addBoardContest(db: Kysely<Database>, competitionId: number, parentId: number) {
  const rnd = seededRandom(29);
  await db.transaction().execute(async (trx) => {
    const parent = await trx
      .selectFrom("orgs")
      .select(["id", "name", "kind", "region_code", "parent_id", "path", "created_at"])
      .where("id", "=", parentId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("contests")
      .values({
        competition_id: competitionId,
        board_public: 1,
        board_opened_at: NOW,
        standings_version: 1,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    const { id: groupId } = await trx
      .insertInto("contest_groups")
      .values({ competition_id: competitionId, position: 0, name: "省属国企组", top_n: 10 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const periods: number[] = [];
    for (let k = 0; k < BOARD_SIZE.periods; k++) {
      const month = String(k * 3 + 4).padStart(2, "0");
      const row = await trx
        .insertInto("contest_periods")
        .values({
          competition_id: competitionId,
          position: k,
          label: `2018Q${k + 1}`,
          opens_on: `2018-${month}-01`,
          closes_on: `2018-${month}-10`,
          covers_from: `2018-${String(k * 3 + 1).padStart(2, "0")}-01`,
          covers_to: `2018-${String(k * 3 + 3).padStart(2, "0")}-28`,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      periods.push(row.id);
    }
    const indicators: number[] = [];
    for (const [position, i] of INDICATORS.entries()) {
      const row = await trx
        .insertInto("contest_indicators")
        .values({
          competition_id: competitionId,
          position,
          aggregation: "sum",
          weight: null,
          cap: null,
          direction: null,
          per_unit: null,
          max_points: null,
          measure: null,
          confidential: 0,
          ...i,
        } as never)
        .returning("id")
        .executeTakeFirstOrThrow();
      indicators.push(row.id);
    }
    for (let u = 0; u < BOARD_SIZE.units; u++) {
      const org = await createOrg(trx, SYSTEM_ACTOR, parent, {
        name: `竞赛单位${String(u + 1).padStart(3, "0")}工会`,
        kind: "grassroots",
        regionCode: null,
      });
      const { id: pid } = await trx
        .insertInto("contest_participants")
        .values({
          competition_id: competitionId,
          org_id: org.id,
          group_id: groupId,
          status: u % 97 === 5 ? "disqualified" : "admitted",
          admitted_at: NOW,
          created_at: NOW,
          updated_at: NOW,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("contest_targets")
        .values({
          participant_id: pid,
          indicator_id: indicators[0],
          period_id: null,
          target: 400,
          updated_at: NOW,
        })
        .execute();
      for (const periodId of periods) {
        const { id: reportId } = await trx
          .insertInto("contest_reports")
          .values({
            participant_id: pid,
            period_id: periodId,
            status: "verified",
            note: "",
            late: 0,
            created_at: NOW,
            updated_at: NOW,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        const values = [
          Math.round(rnd() * 120),
          Math.round(rnd() * 300),
          Math.floor(rnd() * 3),
          Math.floor(rnd() * 4),
          rnd() < 0.01 ? 1 : 0,
        ];
        await trx
          .insertInto("contest_values")
          .values(values.map((value, i) => ({ report_id: reportId, indicator_id: indicators[i], value })))
          .execute();
      }
    }
  });
}
