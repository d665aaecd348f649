import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../seed/load";
import { DEMO_CONTEST_TITLE } from "../../seed/contest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { listStages } from "~/models/competition.server";
import { loadContestData, loadScheme } from "~/models/contest-data.server";
import { buildContestTable } from "~/domain/contest/table";

let t: TestDatabase;
let id: number;
beforeAll(async () => {
  t = await createTestDatabase();
  await loadDemo(t.db, crypto.randomBytes(32));
  id = (
    await t.db
      .selectFrom("competitions")
      .select("id")
      .where("title", "=", DEMO_CONTEST_TITLE)
      .executeTakeFirstOrThrow()
  ).id;
}, 300_000);
afterAll(() => t.destroy());

const reports = () =>
  t.db
    .selectFrom("contest_reports as r")
    .innerJoin("contest_participants as p", "p.id", "r.participant_id")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .innerJoin("contest_periods as pe", "pe.id", "r.period_id")
    .select(["o.name", "pe.label", "r.status", "r.late", "r.return_reason"])
    .where("p.competition_id", "=", id)
    .execute();

describe("the demo's 2018 contest", () => {
  it("is running, with two groups, four quarters and an indicator of every method, one aid-bound and one confidential", async () => {
    const c = await t.db
      .selectFrom("competitions")
      .select("stage")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(c.stage).toBe("running");
    expect((await listStages(t.db, id)).find((s) => s.stage === "running")?.entered_at).not.toBeNull();
    const scheme = (await loadScheme(t.db, id))!;
    expect(scheme.groups.map((g) => g.name)).toEqual(["省属国企组", "市总工会组"]);
    expect(scheme.periods.map((p) => p.label)).toEqual(["2018Q1", "2018Q2", "2018Q3", "2018Q4"]);
    expect(new Set(scheme.indicators.map((i) => i.method))).toEqual(
      new Set(["target", "rank", "bonus", "deduction", "veto"]),
    );
    expect(scheme.indicators.find((i) => i.method === "target")?.cap).toBe(1.2);
    expect(scheme.indicators.filter((i) => i.measure === "households_helped")).toHaveLength(1);
    expect(scheme.indicators.filter((i) => i.confidential)).toHaveLength(1);
  });

  it("leaves work for every role: to verify, a returned report, a late one, a veto, an application", async () => {
    const all = await reports();
    const find = (name: string, label: string) => all.find((r) => r.name === name && r.label === label);
    expect(find("宝鸡市总工会", "2018Q3")?.status).toBe("submitted");
    expect(find("西安市总工会", "2018Q3")).toMatchObject({ status: "returned" });
    expect(find("西安市总工会", "2018Q3")?.return_reason).toBeTruthy();
    expect(find("咸阳市总工会", "2018Q2")).toMatchObject({ status: "submitted", late: 1 });
    expect(all.filter((r) => r.label === "2018Q4")).toHaveLength(0);
    expect(all.filter((r) => r.status === "verified").length).toBeGreaterThan(15);
    const pending = await t.db
      .selectFrom("contest_participants as p")
      .innerJoin("orgs as o", "o.id", "p.org_id")
      .innerJoin("orgs as a", "a.id", "p.awaiting_org_id")
      .select(["o.name", "a.name as awaiting"])
      .where("p.competition_id", "=", id)
      .where("p.status", "=", "applied")
      .execute();
    expect(pending).toEqual([{ name: "周至县总工会", awaiting: "西安市总工会" }]);
  });

  it("gives the standings their data: admitted units of both groups, targets, and a veto in Q2", async () => {
    const data = await loadContestData(t.db, (await loadScheme(t.db, id))!);
    expect(new Set(data.participants.map((p) => p.group))).toEqual(new Set(["省属国企组", "市总工会组"]));
    expect(data.participants).toHaveLength(8);
    expect(data.targets.length).toBe(8);
    // The typed values come packed, placed in the table's cells: read the veto back from the table.
    const table = buildContestTable(data);
    const [K, I] = [table.periods.length, table.indicators.length];
    const accident = table.indicators.findIndex((i) => i.code === "accident");
    const vetoed = table.participants.flatMap((_, p) =>
      table.periods.filter((_, k) => table.values[(p * K + k) * I + accident] > 0),
    );
    expect(vetoed).toEqual(["2018Q2"]);
    expect(data.values.some((v) => v.indicator === "households" && v.status === "verified")).toBe(true);
  });
});
