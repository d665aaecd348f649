import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOrg, makeUser } from "../support/factories";
import { runLaurel } from "../support/cli";
import { routeHarness } from "../support/remix";
import { makeContest } from "../support/contest-fixture-c2";
import { CSRF_COOKIE } from "~/utils/csrf.server";
import * as targetsImport from "~/routes/competitions.$competitionId.contest.targets.import";
import * as participantsImport from "~/routes/competitions.$competitionId.contest.participants.import";

let t: TestDatabase;
let dir: string;
let contest: Awaited<ReturnType<typeof makeContest>>;
let organizerAdmin: number;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-contest-sheets-"));
  const province = await makeOrg(t.db, null, { name: "表格省总工会", kind: "provincial" });
  const city = await makeOrg(t.db, province, { name: "表格甲市总工会", kind: "city" });
  await makeOrg(t.db, province, { name: "表格能源集团工会", kind: "industry" });
  await makeOrg(t.db, city, { name: "表格某县总工会", kind: "county" });
  await makeOrg(t.db, null, { name: "外省总工会", kind: "provincial" });
  organizerAdmin = (await makeUser(t.db, province, ["admin"])).id;
  contest = await makeContest(t.db, province, "running");
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
const cli = (kind: "participants" | "targets", p: string) =>
  runLaurel(["contest", kind, "import", p, "--competition", String(contest.id)], t.env);
const count = async (table: "contest_participants" | "contest_targets") =>
  (await t.db.selectFrom(table).select("id").execute()).length;
const version = async () =>
  (
    await t.db
      .selectFrom("contests")
      .select("standings_version")
      .where("competition_id", "=", contest.id)
      .executeTakeFirstOrThrow()
  ).standings_version;

type Upload = { report: { imported: number; refused: number; issues: { row: number; column: string }[] } };

/** Posts a sheet to a contest import page as the organizer's admin would, with the browser's multipart form. */
async function upload(
  action: (args: ActionFunctionArgs) => unknown,
  kind: "participants" | "targets",
  bytes: Buffer,
  name: string,
): Promise<Upload> {
  const h = routeHarness(t.db);
  const form = new FormData();
  form.set("_csrf", h.csrfToken);
  form.set("file", new Blob([new Uint8Array(bytes)]), name);
  const cookie = [`${CSRF_COOKIE}=${h.csrfToken}`, await h.sessionCookie(organizerAdmin)].join("; ");
  const request = new Request(`http://laurel.test/competitions/${contest.id}/contest/${kind}/import`, {
    method: "POST",
    body: form,
    headers: { cookie, host: "laurel.test", origin: "http://laurel.test" },
  });
  return (await action({
    request,
    params: { competitionId: String(contest.id) },
    context: h.context,
  })) as Upload;
}

describe("contest participants import", () => {
  it("refuses unknown and outside orgs, unknown groups and an org twice, naming row and column; writes nothing", async () => {
    const sheet = file(
      "bad-participants.csv",
      [
        "单位,组别",
        "表格甲市总工会,市总工会组",
        "没有这个工会,市总工会组",
        "外省总工会,市总工会组",
        "表格能源集团工会,没有这个组",
        "表格甲市总工会,省属国企组",
        "表格省总工会,省属国企组",
      ].join("\n"),
    );
    const r = await cli("participants", sheet);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("row 3\torg\tThere is no unit named “没有这个工会”.");
    expect(r.stderr).toMatch(/row 4\torg\tThis unit is not inside the organizer's subtree/);
    expect(r.stderr).toContain("row 5\tgroup\tThis contest has no group named “没有这个组”.");
    expect(r.stderr).toContain("row 6\torg\t“表格甲市总工会” already came on row 2.");
    expect(r.stderr).toMatch(/row 7\torg\t/);
    expect(r.stderr).not.toMatch(/row 2\t/);
    expect(await count("contest_participants")).toBe(0);
    expect(await version()).toBe(0);
  });

  it("enrols every row of a good sheet (English headers), then moves one on a second sheet", async () => {
    const r = await cli(
      "participants",
      file(
        "good.csv",
        "org,group\n表格甲市总工会,市总工会组\n表格某县总工会,市总工会组\n表格能源集团工会,省属国企组\n",
      ),
    );
    expect(r.stderr).toContain("3 rows imported, 0 refused.");
    expect(r.status).toBe(0);
    const rows = await t.db
      .selectFrom("contest_participants")
      .select(["status", "group_id"])
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { status: "admitted", group_id: contest.groups.city },
      { status: "admitted", group_id: contest.groups.city },
      { status: "admitted", group_id: contest.groups.soe },
    ]);
    const again = await cli("participants", file("move.csv", "单位,组别\n表格某县总工会,省属国企组\n"));
    expect(again.status).toBe(0);
    expect(await count("contest_participants")).toBe(3);
  });

  it("reads a GBK CSV, as Excel on Chinese Windows saves it", async () => {
    const gbk = path.resolve(import.meta.dirname, "../fixtures/contest-participants-gb18030.csv");
    const r = await cli("participants", gbk);
    expect(r.stderr).toContain("1 row imported, 0 refused.");
    expect(r.status).toBe(0);
  });

  it("answers a missing column with exit 3 and a missing --competition with usage (exit 2)", async () => {
    expect((await cli("participants", file("nohead.csv", "单位\n表格甲市总工会\n"))).status).toBe(3);
    const usage = await runLaurel(["contest", "participants", "import", file("x.csv", "单位,组别\n")], t.env);
    expect(usage.status).toBe(2);
    const none = await runLaurel(
      ["contest", "participants", "import", file("y.csv", "单位,组别\n"), "--competition", "999999"],
      t.env,
    );
    expect(none.status).toBe(1);
  });

  it("takes an XLSX upload on the web page, and shows the row report of a bad one", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("participants");
    ws.addRow(["单位", "组别"]);
    ws.addRow(["没有这个工会", "市总工会组"]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const answer = await upload(participantsImport.action, "participants", bytes, "p.xlsx");
    expect(answer.report.refused).toBe(1);
    expect(answer.report.issues[0]).toMatchObject({ row: 2, column: "org" });
  });
});

describe("contest targets import", () => {
  it("refuses bad values, unknown codes and periods, non-participants and indicators without targets; writes nothing", async () => {
    const sheet = file(
      "bad-targets.csv",
      [
        "单位,指标代码,周期,目标值",
        "表格甲市总工会,invest,,1200",
        "表格甲市总工会,invest,2018Q1,-3",
        "表格甲市总工会,invest,2018Q2,很多",
        "表格甲市总工会,nosuch,,1",
        "表格甲市总工会,invest,2019Q1,1",
        "外省总工会,invest,,1",
        "表格甲市总工会,accident,,1",
        "表格甲市总工会,households,,1",
        "表格甲市总工会,invest,,1300",
      ].join("\n"),
    );
    const r = await cli("targets", sheet);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("row 3\ttarget\tA target cannot be negative.");
    expect(r.stderr).toMatch(/row 4\ttarget\tA target is a number/);
    expect(r.stderr).toContain("row 5\tindicator\tThis contest has no indicator with code “nosuch”.");
    expect(r.stderr).toMatch(/row 6\tperiod\tThis contest has no period “2019Q1”/);
    expect(r.stderr).toContain("row 7\torg\t“外省总工会” is not a participant of this contest.");
    expect(r.stderr).toMatch(/row 8\tindicator\tIndicator “accident” scores by veto and takes no target/);
    expect(r.stderr).toMatch(/row 9\tindicator\tIndicator “households” scores by rank/);
    expect(r.stderr).toContain(
      "row 10\tindicator\tThe same unit, indicator and period already came on row 2.",
    );
    expect(await count("contest_targets")).toBe(0);
  });

  it("sets the cells of a good sheet and replaces them with a second one, bumping the standings version", async () => {
    const before = await version();
    const first = await cli(
      "targets",
      file(
        "t1.csv",
        "org,indicator,period,target\n表格甲市总工会,invest,,1200\n表格甲市总工会,invest,2018Q1,300\n表格甲市总工会,vill,,12\n",
      ),
    );
    expect(first.status).toBe(0);
    expect(await version()).toBe(before + 1);
    const second = await cli(
      "targets",
      file("t2.csv", "单位,指标代码,周期,目标值\n表格甲市总工会,invest,,1500\n"),
    );
    expect(second.status).toBe(0);
    const rows = await t.db
      .selectFrom("contest_targets")
      .select(["indicator_id", "period_id", "target"])
      .orderBy("indicator_id")
      .orderBy("period_id")
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows).toContainEqual({ indicator_id: contest.indicators.invest, period_id: null, target: 1500 });
    expect(rows).toContainEqual({
      indicator_id: contest.indicators.invest,
      period_id: contest.periods.q1,
      target: 300,
    });
  });

  it("takes a CSV upload on the web page: a bad row refuses the sheet, a good one replaces the cell", async () => {
    const bad = await upload(
      targetsImport.action,
      "targets",
      Buffer.from("单位,指标代码,周期,目标值\n表格甲市总工会,invest,,很多\n"),
      "t.csv",
    );
    expect(bad.report.refused).toBe(1);
    expect(bad.report.issues[0]).toMatchObject({ row: 2, column: "target" });
    const good = await upload(
      targetsImport.action,
      "targets",
      Buffer.from("单位,指标代码,周期,目标值\n表格甲市总工会,invest,,1800\n"),
      "t.csv",
    );
    expect(good.report).toMatchObject({ imported: 1, refused: 0 });
    const year = await t.db
      .selectFrom("contest_targets")
      .select("target")
      .where("indicator_id", "=", contest.indicators.invest)
      .where("period_id", "is", null)
      .executeTakeFirstOrThrow();
    expect(year.target).toBe(1800);
  });
});
