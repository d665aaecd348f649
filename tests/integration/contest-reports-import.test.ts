import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importReports } from "../../app/models/contest-report-import.server";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { runLaurel } from "../support/cli";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeReportsWorld, standingsVersion, type ReportsWorld } from "../support/contest-reports-fixture";

let t: TestDatabase;
let w: ReportsWorld;
let dir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await makeReportsWorld(t.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "contest-reports-"));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.destroy();
});

function csv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const counts = async () => ({
  reports: Number(
    (
      await t.db
        .selectFrom("contest_reports")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  values: Number(
    (
      await t.db
        .selectFrom("contest_values")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

describe("the reports sheet", () => {
  it("names every bad row and column and writes nothing", async () => {
    const { cityA, cityB, province } = w.tree;
    const before = await counts();
    const report = await importReports(t.db, SYSTEM_ACTOR, w.competitionId, [
      ["单位", "周期", "指标代码", "数值", "说明"],
      [cityA.name, "Q2", "invest", "10", ""],
      [cityA.name, "Q2", "award", "-1", ""],
      [cityA.name, "Q2", "accident", "abc", ""],
      [cityA.name, "Q9", "invest", "1", ""],
      [cityA.name, "Q2", "nope", "1", ""],
      ["没有这个单位", "Q2", "invest", "1", ""],
      [province.name, "Q2", "invest", "1", ""],
      [cityB.name, "Q2", "households", "1", ""],
      [cityA.name, "Q2", "invest", "11", ""],
    ]);
    expect(report.imported).toBe(0);
    expect(report.issues.map((i) => [i.row, i.column, i.messageKey])).toEqual([
      [3, "value", "contestReports.value.negative"],
      [4, "value", "contestReports.value.notNumber"],
      [5, "period", "contestReports.import.periodUnknown"],
      [6, "indicator", "contestReports.import.indicatorUnknown"],
      [7, "org", "contestReports.import.orgUnknown"],
      [8, "org", "contestReports.import.notEnrolled"],
      [9, "indicator", "contestReports.import.indicatorComputed"],
      [10, "indicator", "contestReports.import.duplicateRow"],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("CLI: exit 3 with the row report for bad rows, nothing written", async () => {
    const file = csv("bad.csv", ["org,period,indicator,value", `${w.tree.cityA.name},Q2,invest,"1,2"`]);
    const before = await counts();
    const r = await runLaurel(
      ["contest", "reports", "import", file, "--competition", String(w.competitionId)],
      t.env,
    );
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/row 2\tvalue\t.*not a number/);
    expect(await counts()).toEqual(before);
  });

  it("CLI: imports as submitted; a closed window marks the report late, awaiting consent", async () => {
    const file = csv("ok.csv", [
      "org,period,indicator,value,note",
      `${w.tree.cityA.name},Q2,invest,"1,234.5",季度报表`,
      `${w.tree.cityA.name},Q2,award,2,`,
      `${w.tree.cityA.name},Q1,invest,7,`,
    ]);
    const version = await standingsVersion(t.db, w.competitionId);
    const r = await runLaurel(
      ["contest", "reports", "import", file, "--competition", String(w.competitionId)],
      t.env,
    );
    expect(r.status).toBe(0);
    const rows = await t.db
      .selectFrom("contest_reports as r")
      .innerJoin("contest_periods as pe", "pe.id", "r.period_id")
      .select(["pe.label", "r.status", "r.late", "r.late_consented_at", "r.note"])
      .where("r.participant_id", "=", w.participants.cityA)
      .orderBy("pe.position")
      .execute();
    expect(rows).toEqual([
      { label: "Q1", status: "submitted", late: 1, late_consented_at: null, note: "" },
      { label: "Q2", status: "submitted", late: 0, late_consented_at: null, note: "季度报表" },
    ]);
    expect(await standingsVersion(t.db, w.competitionId)).toBe(version);
  });

  it("CLI --verified: verified, the late report consented too, the standings version bumped; a verified one is then refused", async () => {
    const file = csv("verified.csv", [
      "单位,周期,指标代码,数值",
      `${w.tree.cityB.name},Q1,invest,3`,
      `${w.tree.cityA.name},Q2,invest,1300`,
    ]);
    const version = await standingsVersion(t.db, w.competitionId);
    const r = await runLaurel(
      ["contest", "reports", "import", file, "--competition", String(w.competitionId), "--verified"],
      t.env,
    );
    expect(r.status).toBe(0);
    const reports = await t.db
      .selectFrom("contest_reports as r")
      .select(["r.id", "r.participant_id", "r.status", "r.late", "r.late_consented_at"])
      .where("r.period_id", "in", [w.periods.q1, w.periods.q2])
      .where("r.participant_id", "in", [w.participants.cityA, w.participants.cityB])
      .execute();
    const cityBQ1 = reports.find((x) => x.participant_id === w.participants.cityB)!;
    expect(cityBQ1).toMatchObject({ status: "verified", late: 1, late_consented_at: expect.any(String) });
    const cityAQ2 = await t.db
      .selectFrom("contest_values as v")
      .innerJoin("contest_reports as r", "r.id", "v.report_id")
      .select(["v.indicator_id", "v.value", "r.status"])
      .where("r.participant_id", "=", w.participants.cityA)
      .where("r.period_id", "=", w.periods.q2)
      .orderBy("v.indicator_id")
      .execute();
    expect(cityAQ2).toEqual([
      { indicator_id: w.indicators.invest, value: 1300, status: "verified" },
      { indicator_id: w.indicators.award, value: 2, status: "verified" },
    ]);
    expect(await standingsVersion(t.db, w.competitionId)).toBe(version + 1);
    const events = await t.db
      .selectFrom("contest_report_events")
      .select("action")
      .where("report_id", "=", cityBQ1.id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["submitted", "late_consented", "verified"]);

    const again = await runLaurel(
      ["contest", "reports", "import", file, "--competition", String(w.competitionId)],
      t.env,
    );
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/row 2\tperiod\t.*verified/);
  });

  it("CLI: exit 1 for a competition that is not running, 2 without --competition", async () => {
    const file = csv("one.csv", ["org,period,indicator,value", `${w.tree.cityA.name},Q3,invest,1`]);
    expect((await runLaurel(["contest", "reports", "import", file], t.env)).status).toBe(2);
    await t.db
      .updateTable("competitions")
      .set({ stage: "nominating" })
      .where("id", "=", w.competitionId)
      .execute();
    try {
      const r = await runLaurel(
        ["contest", "reports", "import", file, "--competition", String(w.competitionId)],
        t.env,
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/not running/);
    } finally {
      await t.db
        .updateTable("competitions")
        .set({ stage: "running" })
        .where("id", "=", w.competitionId)
        .execute();
    }
  });
});
