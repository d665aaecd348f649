import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { OrgRow } from "../../app/models/org.server";
import { insertGroup, insertIndicator, insertPeriod, makeContestCompetition } from "./contest-rows";

/**
 * A contest for the participants' and sheets' tests: two groups, two quarters (their windows in
 * April and July 2018), and one indicator of each method, `vill` a `target` bound to an aid measure.
 */
export async function makeContest(
  db: Kysely<Database>,
  organizer: OrgRow,
  stage: "draft" | "running" = "draft",
) {
  const id = await makeContestCompetition(db, organizer, { quota: 5, stage });
  const period = (position: number, label: string, opens: string, closes: string) =>
    insertPeriod(db, id, position, { label, opens, closes });
  const indicator = (position: number, over: Parameters<typeof insertIndicator>[3]) =>
    insertIndicator(db, id, position, { unit: "万元", ...over });
  return {
    id,
    groups: {
      soe: await insertGroup(db, id, 0, "省属国企组"),
      city: await insertGroup(db, id, 1, "市总工会组"),
    },
    periods: {
      q1: await period(0, "2018Q1", "2018-04-01", "2018-04-10"),
      q2: await period(1, "2018Q2", "2018-07-01", "2018-07-10"),
    },
    indicators: {
      invest: await indicator(0, { code: "invest", method: "target", weight: 30, cap: 1.2 }),
      households: await indicator(1, { code: "households", method: "rank", weight: 20, direction: "higher" }),
      award: await indicator(2, { code: "award", method: "bonus", per_unit: 2, max_points: 5 }),
      accident: await indicator(3, { code: "accident", method: "veto" }),
      vill: await indicator(4, {
        code: "vill",
        method: "target",
        weight: 10,
        aggregation: "latest",
        measure: "villages",
      }),
    },
  };
}
