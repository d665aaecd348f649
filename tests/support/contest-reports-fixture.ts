import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { makeNominatingCompetition, makeTree, makeUser } from "./factories";
import { insertGroup, insertIndicator, insertParticipant, insertPeriod, openContest } from "./contest-rows";

/**
 * A running contest written into the tables (tests/support/contest-rows.ts): the tree's two cities and the county compete in one group; period Q1's window has
 * closed, Q2's is open, Q3's opens in 2100. Indicators: invest (target), award (bonus), accident
 * (veto), households (aid-bound, computed).
 */
export async function makeReportsWorld(db: Kysely<Database>) {
  const tree = await makeTree(db);
  const { competitionId } = await makeNominatingCompetition(db, tree, {
    cityA: 1,
    cityB: 1,
    county: 1,
    collective: 1,
  });
  await openContest(db, competitionId);
  const group = await insertGroup(db, competitionId, 0, "市总工会组");
  // Covering one day of 2001: only the report page's aid-bound test writes activities.
  const period = (position: number, label: string, opens: string, closes: string) =>
    insertPeriod(db, competitionId, position, { label, opens, closes, from: "2001-01-01", to: "2001-01-01" });
  const periods = {
    q1: await period(0, "Q1", "2001-01-01", "2001-01-10"),
    q2: await period(1, "Q2", "2001-02-01", "2099-12-31"),
    q3: await period(2, "Q3", "2100-01-01", "2100-01-10"),
  };
  const indicator = (
    position: number,
    code: string,
    over: Omit<Parameters<typeof insertIndicator>[3], "code">,
  ) => insertIndicator(db, competitionId, position, { code, title: `指标${code}`, ...over });
  const indicators = {
    invest: await indicator(0, "invest", { method: "target", weight: 30 }),
    award: await indicator(1, "award", { method: "bonus", per_unit: 2, max_points: 5 }),
    accident: await indicator(2, "accident", { method: "veto" }),
    households: await indicator(3, "households", {
      method: "rank",
      weight: 20,
      direction: "higher",
      measure: "households_helped",
    }),
  };
  const participants = {
    cityA: await insertParticipant(db, competitionId, tree.cityA.id, group),
    cityB: await insertParticipant(db, competitionId, tree.cityB.id, group),
    county: await insertParticipant(db, competitionId, tree.county.id, group),
  };
  const users = {
    countyNominator: await makeUser(db, tree.county, ["nominator"]),
    cityBNominator: await makeUser(db, tree.cityB, ["nominator"]),
    cityAAdmin: await makeUser(db, tree.cityA, ["admin"]),
    cityBAdmin: await makeUser(db, tree.cityB, ["admin"]),
    provinceAdmin: await makeUser(db, tree.province, ["admin"]),
  };
  return { tree, competitionId, periods, indicators, participants, users };
}
export type ReportsWorld = Awaited<ReturnType<typeof makeReportsWorld>>;

export async function standingsVersion(db: Kysely<Database>, competitionId: number): Promise<number> {
  const row = await db
    .selectFrom("contests")
    .select("standings_version")
    .where("competition_id", "=", competitionId)
    .executeTakeFirstOrThrow();
  return row.standings_version;
}
