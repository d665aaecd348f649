import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { runLaurel } from "../support/cli";
import { makeOrg } from "../support/factories";
import { makeExampleContest } from "../support/contest-fixture";

/*
 * `contest standings` on the hand-worked contest of tests/unit/contest-example.test.ts (every
 * method, a veto, a disqualified unit, ties on the total and a full tie): the figures below are
 * worked out by hand there, from the rules of docs/domain.md#contest.
 */
let t: TestDatabase;
let competitionId: number;
let orgs: Awaited<ReturnType<typeof makeExampleContest>>["orgs"];
beforeAll(async () => {
  t = await createTestDatabase();
  const organizer = await makeOrg(t.db, null, { name: "示例省总工会", kind: "provincial" });
  ({
    contest: { competitionId },
    orgs,
  } = await makeExampleContest(t.db, organizer));
});
afterAll(async () => t.destroy());

const standings = (...args: string[]) =>
  runLaurel(["contest", "standings", "--competition", String(competitionId), ...args], t.env);

const entry = (
  org: string,
  points: number,
  rank: number | null,
  by: number[],
  more: Partial<{ tied: boolean; vetoed: boolean; disqualified: boolean; red_flags: string[] }> = {},
) => ({
  org,
  points,
  rank,
  tied: false,
  vetoed: false,
  disqualified: false,
  red_flags: [],
  ...more,
  by_indicator: Object.fromEntries(
    ["invest", "hh", "award", "complaint", "accident", "villages"].map((c, i) => [c, by[i]]),
  ),
});

describe("laurel contest standings", () => {
  it("prints the cumulative standings by default, as docs/domain.md#command-line gives it", async () => {
    const r = await standings("--period", "Q2", "--group", "省属国企组", "--format", "json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      period: "Q2",
      scope: "cumulative",
      groups: [
        {
          group: "省属国企组",
          entries: [
            entry("法士特", 64, 1, [36, 20, 0, -2, 0, 10], { red_flags: ["Q2"] }),
            entry("延长石油", 59, 2, [30, 20, 4, -1, 0, 6], { red_flags: ["Q1"] }),
            entry("陕煤集团", 45.6667, 3, [30, 6.6667, 2, 0, 0, 7]),
            entry("秦川机床", 39, 4, [30, 0, 2, 0, 0, 7]),
            entry("陕西建工", 39, null, [27, 0, 5, 0, 0, 7], { vetoed: true }),
          ],
        },
      ],
    });
  });

  it("prints a period's own standing: the tie at rank 3 listed by name, and every group", async () => {
    const r = await standings("--period", "Q2", "--scope", "period", "--format", "json");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.groups.map((g: { group: string }) => g.group)).toEqual(["省属国企组", "市总工会组"]);
    const brief = (g: number) =>
      doc.groups[g].entries.map((e: ReturnType<typeof entry>) => [e.org, e.points, e.rank, e.tied]);
    expect(brief(0)).toEqual([
      ["法士特", 64, 1, false],
      ["延长石油", 54, 2, false],
      ["秦川机床", 47, 3, true],
      ["陕煤集团", 47, 3, true],
      ["陕西建工", 47, 3, true],
    ]);
    // 西安: invest without a target → 0, hh alone → 20, villages 3; 宝鸡 disqualified, unranked.
    expect(doc.groups[1].entries).toEqual([
      entry("西安市总工会", 23, 1, [0, 20, 0, 0, 0, 3], { red_flags: ["Q2"] }),
      entry("宝鸡市总工会", 48, null, [36, 0, 2, 0, 0, 10], { disqualified: true }),
    ]);
  });

  it("counts every submitted value with --provisional, and only verified ones without", async () => {
    const xian = orgs[5];
    await t.db
      .updateTable("contest_reports")
      .set({ status: "submitted" })
      .where("participant_id", "in", (eb) =>
        eb.selectFrom("contest_participants").select("id").where("org_id", "=", xian.id),
      )
      .execute();
    const args = ["--period", "Q2", "--scope", "period", "--group", "市总工会组", "--format", "json"];
    const official = JSON.parse((await standings(...args)).stdout);
    // Nothing of 西安's verified: 0 points, still rank 1 of the ranked; no flag for an empty standing.
    expect(official.groups[0].entries[0]).toEqual(entry("西安市总工会", 0, 1, [0, 0, 0, 0, 0, 0]));
    const provisional = JSON.parse((await standings(...args, "--provisional")).stdout);
    // Its submitted values count: 23 as above, but the red flag stays the official standing's (none).
    expect(provisional.groups[0].entries[0]).toEqual(entry("西安市总工会", 23, 1, [0, 20, 0, 0, 0, 3]));
    await t.db
      .updateTable("contest_reports")
      .set({ status: "verified" })
      .where("status", "=", "submitted")
      .execute();
  });

  it("prints a plain table without --format json", async () => {
    const r = await standings("--period", "Q1", "--scope", "period", "--group", "省属国企组");
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Q1 · This period");
    expect(lines).toContain("1\t延长石油\t59\t36\t20\t0\t-1\t0\t4\tRed flag Q1");
    expect(lines).toContain("-\t陕西建工\t39\t24\t0\t5\t0\t0\t10\tVetoed");
  });

  it("refuses an unknown period, group or competition (exit 1) and bad arguments (exit 2)", async () => {
    const period = await standings("--period", "Q9");
    expect(period.status).toBe(1);
    expect(period.stderr).toContain("There is no period “Q9”; the periods are: Q1, Q2.");
    const group = await standings("--period", "Q1", "--group", "产业工会组");
    expect(group.status).toBe(1);
    expect(group.stderr).toContain("There is no group “产业工会组”.");
    const none = await runLaurel(["contest", "standings", "--competition", "9999", "--period", "Q1"], t.env);
    expect(none.status).toBe(1);
    expect((await standings("--period", "Q1", "--scope", "year")).status).toBe(2);
    expect((await standings()).status).toBe(2);
  });
});
