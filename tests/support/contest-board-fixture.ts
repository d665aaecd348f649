import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { makeNominatingCompetition, makeOrg, makeTree, makeUser } from "./factories";
import { insertGroup, insertIndicator, insertParticipant, insertPeriod, openContest } from "./contest-rows";

export const SECRET_TITLE = "保密指标甲";
export const SECRET_CODE = "secretsauce";
export const ENTERPRISES = "企业组";
export const COUNTIES = "县区组";

const NOW = "2018-07-01T00:00:00.000Z";

/**
 * A contest written into the tables (tests/support/contest-rows.ts), at nominating:
 * the tree's province organizes, two groups, two quarters, three indicators — `invest` (target,
 * weight 60), a confidential bonus and a veto. 企业组: 甲电力 and 乙化工 tie at the top of the
 * final cumulative standing (65 points each), 甲钢铁 third (64), 甲煤矿 vetoed, 甲建材 disqualified.
 * 甲 units sit under 甲市 (one collective place), 乙化工 under 乙市 (none).
 */
export async function makeContestBoard(db: Kysely<Database>) {
  const tree = await makeTree(db);
  const competition = await makeNominatingCompetition(db, tree, {
    cityA: 1,
    cityB: 1,
    county: 1,
    collective: 1,
  });
  const id = competition.competitionId;
  const unit = (parent: typeof tree.cityA, name: string) => makeOrg(db, parent, { name, kind: "grassroots" });
  const power = await unit(tree.cityA, "甲市电力公司工会");
  const steel = await unit(tree.cityA, "甲市钢铁公司工会");
  const coal = await unit(tree.cityA, "甲市煤矿工会");
  const building = await unit(tree.cityA, "甲市建材公司工会");
  const chemical = await unit(tree.cityB, "乙市化工公司工会");
  const admin = await makeUser(db, tree.province, ["admin"]);
  const cityAdmin = await makeUser(db, tree.cityA, ["admin"]);

  await openContest(db, id, { stage: "nominating", standingsVersion: 1 });
  const enterprises = await insertGroup(db, id, 0, ENTERPRISES);
  const counties = await insertGroup(db, id, 1, COUNTIES);
  const period = (position: number, label: string, opens: string, from: string, to: string) =>
    insertPeriod(db, id, position, { label, opens, closes: opens.replace(/-01$/, "-10"), from, to });
  const q1 = await period(0, "2018Q1", "2018-04-01", "2018-01-01", "2018-03-31");
  const q2 = await period(1, "2018Q2", "2018-07-01", "2018-04-01", "2018-06-30");
  const indicator = (position: number, over: Parameters<typeof insertIndicator>[3]) =>
    insertIndicator(db, id, position, over);
  const invest = await indicator(0, {
    code: "invest",
    title: "帮扶投入",
    unit: "万元",
    method: "target",
    weight: 60,
    cap: 1,
  });
  const secret = await indicator(1, {
    code: SECRET_CODE,
    title: SECRET_TITLE,
    method: "bonus",
    per_unit: 1,
    max_points: 10,
    confidential: 1,
  });
  const accident = await indicator(2, {
    code: "accident",
    title: "重大安全事故",
    unit: "起",
    method: "veto",
  });
  const participant = (orgId: number, groupId: number, status: "admitted" | "disqualified") =>
    insertParticipant(db, id, orgId, groupId, status);
  const p = {
    power: await participant(power.id, enterprises, "admitted"),
    steel: await participant(steel.id, enterprises, "admitted"),
    coal: await participant(coal.id, enterprises, "admitted"),
    building: await participant(building.id, enterprises, "disqualified"),
    chemical: await participant(chemical.id, enterprises, "admitted"),
    county: await participant(tree.county.id, counties, "admitted"),
  };
  for (const pid of Object.values(p))
    await db
      .insertInto("contest_targets")
      .values({ participant_id: pid, indicator_id: invest, period_id: null, target: 100, updated_at: NOW })
      .execute();

  const report = async (pid: number, periodId: number, values: [number, number][]) => {
    const { id: reportId } = await db
      .insertInto("contest_reports")
      .values({
        participant_id: pid,
        period_id: periodId,
        status: "verified",
        note: "",
        late: 0,
        submitted_at: NOW,
        verified_at: NOW,
        created_at: NOW,
        updated_at: NOW,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [indicatorId, value] of values)
      await db
        .insertInto("contest_values")
        .values({ report_id: reportId, indicator_id: indicatorId, value })
        .execute();
  };
  // Q1: 电力 60 + 5, 化工 60 + 5 (tied first), 钢铁 48 + 10, 煤矿 vetoed, 建材 disqualified.
  await report(p.power, q1, [
    [invest, 50],
    [secret, 5],
  ]);
  await report(p.chemical, q1, [
    [invest, 50],
    [secret, 5],
  ]);
  await report(p.steel, q1, [
    [invest, 40],
    [secret, 10],
  ]);
  await report(p.coal, q1, [
    [invest, 50],
    [accident, 1],
  ]);
  await report(p.building, q1, [[invest, 50]]);
  await report(p.county, q1, [[invest, 30]]);
  // Q2, cumulative: 电力 100/100 → 65, 化工 65, 钢铁 90/100 → 54 + 10 = 64.
  await report(p.power, q2, [[invest, 50]]);
  await report(p.chemical, q2, [[invest, 50]]);
  await report(p.steel, q2, [[invest, 50]]);

  return {
    tree,
    competitionId: id,
    collectiveCategoryId: competition.collective.id,
    individualCategoryId: competition.individual.id,
    groups: { enterprises, counties },
    periods: { q1, q2 },
    units: { power, steel, coal, building, chemical },
    adminId: admin.id,
    cityAdminId: cityAdmin.id,
  };
}

export async function openBoard(db: Kysely<Database>, competitionId: number) {
  await db
    .updateTable("contests")
    .set({ board_public: 1, board_opened_at: NOW })
    .where("competition_id", "=", competitionId)
    .execute();
}
