import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOrg, makeTree } from "../support/factories";
import { insertCounties } from "../support/activities";
import { enrol, fileReport, makeContest, makeExampleContest } from "../support/contest-fixture";
import { AID_MEASURES } from "~/domain/contest/scheme";
import { loadContestData, loadScheme } from "~/models/contest-data.server";
import {
  boardOf,
  loadStandings,
  officialBoard,
  provisionalBoard,
  unitGap,
} from "~/models/contest-standings.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.destroy());

const brief = (board: Awaited<ReturnType<typeof officialBoard>>, g: number, scope: "period" | "cumulative") =>
  board!.groups[g][scope].entries.map((e) => [e.name, e.total, e.rank, e.tied, e.vetoed, e.disqualified]);

describe("aid-bound values from the activities of the participant's subtree", () => {
  it("counts each measure over the subtree and the period's covered days, and ignores typed values", async () => {
    const tree = await makeTree(t.db);
    const counties = await insertCounties(t.db);
    const countyId = new Map(
      (await t.db.selectFrom("counties").select(["id", "code"]).execute()).map((c) => [c.code, c.id]),
    );
    const [c1, c2] = counties.map((c) => countyId.get(c.code)!);
    const contest = await makeContest(
      t.db,
      tree.province,
      {
        groups: ["市总工会组"],
        periods: [
          { label: "Q1", from: "2018-01-01", to: "2018-03-31" },
          { label: "Q2", from: "2018-04-01", to: "2018-06-30" },
        ],
        indicators: AID_MEASURES.map((measure) => ({
          code: measure,
          method: "bonus" as const,
          per_unit: 1,
          max_points: 1000,
          measure,
        })),
      },
      "帮扶竞赛",
    );
    // cityA's subtree holds the county; cityB is a participant of its own; the province is not one.
    await enrol(t.db, contest, tree.cityA, "市总工会组");
    await enrol(t.db, contest, tree.cityB, "市总工会组");
    const other = await makeOrg(t.db, tree.province, { name: "甲市总工会分会", kind: "grassroots" });
    const team = async (name: string, orgId: number | null) =>
      (
        await t.db
          .insertInto("aid_teams")
          .values({ name, org_id: orgId, created_at: "2018-01-01" })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const [a, aCounty, b, province, nobody, sibling] = [
      await team("甲市服务队", tree.cityA.id),
      await team("某县服务队", tree.county.id),
      await team("乙市服务队", tree.cityB.id),
      await team("省服务队", tree.province.id),
      await team("无主服务队", null),
      // A sibling of cityA's, not in its subtree.
      await team("分会服务队", other.id),
    ];
    let day = 0;
    const act = (teamId: number, held_on: string, county_id: number, village: string, n: number) => ({
      team_id: teamId,
      held_on,
      year: 2018,
      county_id,
      village,
      kind: `送技术${day++}`,
      person_times: n,
      funds_fen: n * 150,
      households_helped: n * 2,
      people_helped: n * 3,
      households_lifted: n * 4,
      people_lifted: n * 5,
      created_at: "2018-01-01",
    });
    await t.db
      .insertInto("activities")
      .values([
        act(a, "2018-01-01", c1, "张村", 1), // Q1's first day
        act(aCounty, "2018-03-31", c1, "张村", 2), // Q1's last day, same village: one village
        act(aCounty, "2018-02-10", c2, "张村", 4), // same name in another county: another village
        act(a, "2018-04-01", c1, "李村", 8), // Q2
        act(a, "2017-12-31", c1, "王村", 16), // before the periods: never counted
        act(b, "2018-05-05", c2, "赵村", 32), // cityB, Q2
        act(province, "2018-02-02", c1, "钱村", 64), // the organizer's own: nobody's
        act(nobody, "2018-02-03", c1, "孙村", 128),
        act(sibling, "2018-02-04", c1, "周村", 256),
      ])
      .execute();
    // A typed value for an aid-bound indicator is not what counts.
    await fileReport(t.db, contest, tree.cityA.id, "Q1", { activities: 99 }, "verified");

    const scheme = (await loadScheme(t.db, contest.competitionId))!;
    const data = await loadContestData(t.db, scheme);
    const value = (orgId: number, period: string) =>
      Object.fromEntries(
        data.values
          .filter((v) => v.orgId === orgId && v.period === period)
          .map((v) => [v.indicator, [v.value, v.status]]),
      );
    const row = (activities: number, n: number, villages: number) => ({
      activities: [activities, "verified"],
      person_times: [n, "verified"],
      funds_yuan: [n * 1.5, "verified"],
      villages: [villages, "verified"],
      households_helped: [n * 2, "verified"],
      people_helped: [n * 3, "verified"],
      households_lifted: [n * 4, "verified"],
      people_lifted: [n * 5, "verified"],
    });
    expect(value(tree.cityA.id, "Q1")).toEqual(row(3, 7, 2));
    expect(value(tree.cityA.id, "Q2")).toEqual(row(1, 8, 1));
    expect(value(tree.cityB.id, "Q1")).toEqual(row(0, 0, 0));
    expect(value(tree.cityB.id, "Q2")).toEqual(row(1, 32, 1));
    expect(data.values).toHaveLength(2 * 2 * AID_MEASURES.length);
  });
});

describe("the standings from the database", () => {
  let competitionId: number;
  let orgs: Awaited<ReturnType<typeof makeExampleContest>>["orgs"];
  beforeAll(async () => {
    const organizer = await makeOrg(t.db, null, { name: "示例省总工会", kind: "provincial" });
    ({
      contest: { competitionId },
      orgs,
    } = await makeExampleContest(t.db, organizer));
  });

  it("gives the hand-worked figures of the example (docs/domain.md#contest)", async () => {
    const q2 = await officialBoard(t.db, competitionId, "Q2");
    expect(q2!.indicators).toEqual(["invest", "hh", "award", "complaint", "accident", "villages"]);
    expect(brief(q2, 0, "cumulative")).toEqual([
      ["法士特", 64, 1, false, false, false],
      ["延长石油", 59, 2, false, false, false],
      ["陕煤集团", 45.6667, 3, false, false, false],
      ["秦川机床", 39, 4, false, false, false],
      ["陕西建工", 39, null, false, true, false],
    ]);
    expect(brief(q2, 0, "period")).toEqual([
      ["法士特", 64, 1, false, false, false],
      ["延长石油", 54, 2, false, false, false],
      ["秦川机床", 47, 3, true, false, false],
      ["陕煤集团", 47, 3, true, false, false],
      ["陕西建工", 47, 3, true, false, false],
    ]);
    expect(q2!.groups[0].cumulative.entries.map((e) => e.redFlags)).toEqual([["Q2"], ["Q1"], [], [], []]);
    expect(brief(q2, 1, "period")).toEqual([
      ["西安市总工会", 23, 1, false, false, false],
      ["宝鸡市总工会", 48, null, false, false, true],
    ]);
    expect(await officialBoard(t.db, competitionId, "Q9")).toBeNull();
    expect(await officialBoard(t.db, competitionId + 999, "Q1")).toBeNull();
  });

  it("gives a unit its gap to the next place", async () => {
    const source = (await loadStandings(t.db, competitionId))!;
    const [, 延长, 陕西建工] = orgs;
    // Q2 cumulative: 延长 59 behind 法士特 64 → 5 points. invest: 5 of its 30 points are a sixth
    // of the target 100, so about 16.667 万元 more (to the 4th decimal of the total).
    const gap = unitGap(source, "Q2", "cumulative", 延长.id, { kind: "official" })!;
    expect(gap.nextRank).toBe(1);
    expect(gap.points).toBe(5);
    const invest = gap.byIndicator.find((g) => g.code === "invest")!;
    expect(invest.closes && invest.amount).toBeCloseTo(16.667, 3);
    // hh: 延长 already shares rank 1 there; award: 4 of 5 points, one more is not enough.
    expect(gap.byIndicator.find((g) => g.code === "award")).toEqual({
      code: "award",
      closes: false,
      reason: "not_enough",
    });
    expect(gap.byIndicator.find((g) => g.code === "accident")).toEqual({
      code: "accident",
      closes: false,
      reason: "veto",
    });
    // The leader and a vetoed unit have none.
    expect(unitGap(source, "Q2", "cumulative", orgs[3].id, { kind: "official" })).toBeNull();
    expect(unitGap(source, "Q2", "cumulative", 陕西建工.id, { kind: "official" })).toBeNull();
  });
  it("counts a unit's own submitted report provisionally, and nobody else's; withdrawn units vanish", async () => {
    const contestRow = await t.db
      .selectFrom("contest_participants")
      .select(["id", "org_id"])
      .where("competition_id", "=", competitionId)
      .execute();
    const participantOf = new Map(contestRow.map((r) => [r.org_id, r.id]));
    const stored = {
      competitionId,
      participant: participantOf,
      group: new Map<string, number>(),
      period: new Map(
        (
          await t.db
            .selectFrom("contest_periods")
            .select(["id", "label"])
            .where("competition_id", "=", competitionId)
            .execute()
        ).map((p) => [p.label, p.id]),
      ),
      indicator: new Map(
        (
          await t.db
            .selectFrom("contest_indicators")
            .select(["id", "code"])
            .where("competition_id", "=", competitionId)
            .execute()
        ).map((i) => [i.code, i.id]),
      ),
    };
    // A third period nobody has verified: 法士特 submitted, 陕煤 saved a draft, 延长 was returned.
    await t.db
      .insertInto("contest_periods")
      .values({
        competition_id: competitionId,
        position: 2,
        label: "Q3",
        opens_on: "2018-10-01",
        closes_on: "2018-10-10",
        covers_from: "2018-07-01",
        covers_to: "2018-09-30",
      })
      .execute();
    stored.period.set(
      "Q3",
      (await t.db
        .selectFrom("contest_periods")
        .select("id")
        .where("competition_id", "=", competitionId)
        .where("label", "=", "Q3")
        .executeTakeFirstOrThrow())!.id,
    );
    const [陕煤, 延长, , 法士特] = orgs;
    await fileReport(t.db, stored, 法士特.id, "Q3", { invest: 45.25, hh: 10 }, "submitted");
    await fileReport(t.db, stored, 陕煤.id, "Q3", { invest: 50, hh: 10 }, "draft");
    await fileReport(t.db, stored, 延长.id, "Q3", { invest: 50, hh: 10 }, "returned");

    const official = await officialBoard(t.db, competitionId, "Q3");
    expect(official!.groups[0].period.entries.every((e) => !e.reported)).toBe(true);
    // 法士特's own: invest 45.25 of 33.3333 capped at 1.2 → 36; hh alone (n 1) → 20.
    const mine = await provisionalBoard(t.db, competitionId, "Q3", 法士特.id);
    const first = mine!.groups[0].period.entries[0];
    // With three periods the year's target splits in thirds, and 法士特 wins neither earlier flag
    // (Q1: 陕煤 63 over 延长 59; Q2: 延长 66 over 法士特 64).
    expect([first.name, first.total, first.rank, first.redFlags]).toEqual(["法士特", 56, 1, []]);
    expect(first.actual.slice(0, 2)).toEqual([45.25, 10]);
    expect(mine!.groups[0].period.entries.filter((e) => e.reported)).toHaveLength(1);
    // 陕煤's provisional view holds none of 法士特's submitted values, nor its own draft.
    const theirs = await provisionalBoard(t.db, competitionId, "Q3", 陕煤.id);
    expect(theirs!.groups[0].period.entries.every((e) => !e.reported)).toBe(true);

    // Every submitted value (the operator's --provisional) counts 法士特's, not the draft or the returned one.
    const source = (await loadStandings(t.db, competitionId))!;
    const all = boardOf(source, "Q3", { kind: "submitted" });
    expect(all.groups[0].period.entries.filter((e) => e.reported).map((e) => e.name)).toEqual(["法士特"]);

    await t.db
      .updateTable("contest_participants")
      .set({ status: "withdrawn" })
      .where("id", "=", participantOf.get(陕煤.id)!)
      .execute();
    const after = await officialBoard(t.db, competitionId, "Q2");
    expect(after!.groups[0].period.entries.map((e) => e.name)).not.toContain("陕煤集团");
    await t.db
      .updateTable("contest_participants")
      .set({ status: "admitted" })
      .where("id", "=", participantOf.get(陕煤.id)!)
      .execute();
  });
});
