import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { makeNominatingCompetition, makeTree, makeUser } from "./factories";

/**
 * A running contest set up directly in the tables of migration 0011 (the scheme pages are another
 * engineer's): the tree's two cities and the county compete in one group; period Q1's window has
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
    .values({ competition_id: competitionId, position: 0, name: "市总工会组", top_n: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const period = async (position: number, label: string, opens: string, closes: string) =>
    (
      await db
        .insertInto("contest_periods")
        .values({
          competition_id: competitionId,
          position,
          label,
          opens_on: opens,
          closes_on: closes,
          covers_from: "2001-01-01",
          covers_to: "2001-01-01",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const periods = {
    q1: await period(0, "Q1", "2001-01-01", "2001-01-10"),
    q2: await period(1, "Q2", "2001-02-01", "2099-12-31"),
    q3: await period(2, "Q3", "2100-01-01", "2100-01-10"),
  };
  const indicator = async (
    position: number,
    code: string,
    method: "target" | "bonus" | "veto" | "rank",
    extra: Partial<{
      weight: number;
      per_unit: number;
      max_points: number;
      direction: "higher";
      measure: "households_helped";
    }> = {},
  ) =>
    (
      await db
        .insertInto("contest_indicators")
        .values({
          competition_id: competitionId,
          position,
          code,
          title: `指标${code}`,
          unit: "项",
          aggregation: "sum",
          method,
          weight: extra.weight ?? null,
          cap: null,
          direction: extra.direction ?? null,
          per_unit: extra.per_unit ?? null,
          max_points: extra.max_points ?? null,
          measure: extra.measure ?? null,
          confidential: 0,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const indicators = {
    invest: await indicator(0, "invest", "target", { weight: 30 }),
    award: await indicator(1, "award", "bonus", { per_unit: 2, max_points: 5 }),
    accident: await indicator(2, "accident", "veto"),
    households: await indicator(3, "households", "rank", {
      weight: 20,
      direction: "higher",
      measure: "households_helped",
    }),
  };
  const participant = async (orgId: number, status: "admitted" | "applied" = "admitted") =>
    (
      await db
        .insertInto("contest_participants")
        .values({
          competition_id: competitionId,
          org_id: orgId,
          group_id: group.id,
          status,
          awaiting_org_id: null,
          reason: null,
          applied_by: null,
          admitted_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const participants = {
    cityA: await participant(tree.cityA.id),
    cityB: await participant(tree.cityB.id),
    county: await participant(tree.county.id),
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
