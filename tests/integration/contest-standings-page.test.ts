import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { routeHarness } from "../support/remix";
import { makeOrg, makeUser } from "../support/factories";
import { makeExampleContest } from "../support/contest-fixture";
import { parseCsv } from "~/domain/csv";
import * as page from "~/routes/competitions.$competitionId.contest.standings._index";
import * as exportRoute from "~/routes/competitions.$competitionId.contest.standings.export";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let competitionId: number;
let orgs: Awaited<ReturnType<typeof makeExampleContest>>["orgs"];
const users = { organizer: 0, qinchuan: 0, yanchang: 0, outsider: 0, judge: 0 };

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  const organizer = await makeOrg(t.db, null, { name: "示例省总工会", kind: "provincial" });
  ({
    contest: { competitionId },
    orgs,
  } = await makeExampleContest(t.db, organizer));
  const elsewhere = await makeOrg(t.db, null, { name: "外省总工会", kind: "provincial" });
  users.organizer = (await makeUser(t.db, organizer, ["admin"])).id;
  users.qinchuan = (await makeUser(t.db, orgs[4], ["nominator"])).id;
  users.yanchang = (await makeUser(t.db, orgs[1], ["admin"])).id;
  users.outsider = (await makeUser(t.db, elsewhere, ["admin"])).id;
  users.judge = (await makeUser(t.db, orgs[4], ["judge"])).id;
});
afterAll(async () => t.destroy());

const path = (query: string) => `/competitions/${competitionId}/contest/standings?${query}`;
const view = (query: string, userId: number) =>
  h.get(page.loader, path(query), { userId, params: { competitionId: String(competitionId) } });
const anonymousExport = (query: string) =>
  exportRoute.loader({
    request: new Request(
      `http://laurel.test/competitions/${competitionId}/contest/standings/export?${query}`,
      {
        headers: { cookie: "", host: "laurel.test" },
      },
    ),
    params: { competitionId: String(competitionId) },
    context: h.context,
  });

async function download(query: string, userId: number): Promise<Response> {
  const cookie = await h.sessionCookie(userId);
  try {
    return (await exportRoute.loader({
      request: new Request(
        `http://laurel.test/competitions/${competitionId}/contest/standings/export?${query}`,
        {
          headers: { cookie, host: "laurel.test", "accept-language": "zh-CN" },
        },
      ),
      params: { competitionId: String(competitionId) },
      context: h.context,
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("the standings page", () => {
  it("shows a reader the official standing of the current period, cumulative, first group", async () => {
    const r = await view("", users.organizer);
    expect(r.status).toBe(200);
    const v = r.data.view;
    expect([v.period, v.scope, v.group, v.provisional, v.own]).toEqual([
      "Q2",
      "cumulative",
      "省属国企组",
      false,
      null,
    ]);
    expect(v.indicators.map((i: { title: string; unit: string }) => `${i.title}/${i.unit}`)).toEqual([
      "帮扶投入/万元",
      "帮扶户数/户",
      "获表彰/项",
      "投诉/起",
      "安全事故/起",
      "覆盖村数/个",
    ]);
    expect(
      v.entries.map((e: { name: string; total: number; rank: number | null }) => [e.name, e.total, e.rank]),
    ).toEqual([
      ["法士特", 64, 1],
      ["延长石油", 59, 2],
      ["陕煤集团", 45.6667, 3],
      ["秦川机床", 39, 4],
      ["陕西建工", 39, null],
    ]);
    expect(v.gap).toBeNull();
    // Another group, and the period's own scope, with a unit that has no target.
    const city = (await view("period=Q2&scope=period&group=市总工会组", users.organizer)).data.view;
    expect(city.entries[0].noTarget).toEqual(["invest"]);
    expect(city.entries[1].disqualified).toBe(true);
  });

  it("gives a participant's nominator its group, its gap, and its provisional standing on request", async () => {
    const mine = (await view("", users.qinchuan)).data.view;
    expect(mine.own).toMatchObject({ name: "秦川机床", group: "省属国企组" });
    // 秦川 39 (rank 4) behind 陕煤 45.6667 (rank 3): 6.6667 points.
    expect(mine.gap.state).toBe("gap");
    expect([mine.gap.gap.nextRank, mine.gap.gap.points]).toEqual([3, 6.6667]);
    expect(
      mine.gap.gap.byIndicator.map((g: { code: string; closes: boolean }) => [g.code, g.closes]),
    ).toContainEqual(["accident", false]);

    // 秦川's Q2 report is back to submitted: the official standing loses it, its own preview keeps it.
    await t.db
      .updateTable("contest_reports")
      .set({ status: "submitted" })
      .where("participant_id", "in", (eb) =>
        eb.selectFrom("contest_participants").select("id").where("org_id", "=", orgs[4].id),
      )
      .where("period_id", "in", (eb) =>
        eb.selectFrom("contest_periods").select("id").where("label", "=", "Q2"),
      )
      .execute();
    const entryOf = (v: { entries: { name: string; total: number; reported: boolean }[] }) =>
      v.entries.find((e) => e.name === "秦川机床")!;
    const official = (await view("period=Q2&scope=period", users.qinchuan)).data.view;
    expect(entryOf(official).reported).toBe(false);
    const provisional = (await view("period=Q2&scope=period&view=provisional", users.qinchuan)).data.view;
    expect(provisional.provisional).toBe(true);
    expect([entryOf(provisional).reported, entryOf(provisional).total]).toEqual([true, 47]);
    // Another unit's admin asking for a provisional view of its own does not see 秦川's submitted values.
    const theirs = (await view("period=Q2&scope=period&view=provisional", users.yanchang)).data.view;
    expect(entryOf(theirs).reported).toBe(false);
    // A judge of the unit is a reader, not the unit's reporter: official only.
    const judge = (await view("period=Q2&scope=period&view=provisional", users.judge)).data.view;
    expect([judge.own, judge.provisional]).toEqual([null, false]);
    await t.db
      .updateTable("contest_reports")
      .set({ status: "verified" })
      .where("status", "=", "submitted")
      .execute();
  });

  it("refuses a reader outside the organizer's tree, and an unknown period or group", async () => {
    expect((await view("", users.outsider)).status).toBe(403);
    expect((await view("period=Q9", users.organizer)).status).toBe(400);
    expect((await view("group=产业工会组", users.organizer)).status).toBe(400);
    expect((await view("scope=year", users.organizer)).status).toBe(400);
  });
});

describe("the standings export", () => {
  it("writes CSV in UTF-8 with a BOM: caption, header, one row per entry", async () => {
    const res = await download("period=Q2&scope=cumulative&group=省属国企组&format=csv", users.organizer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual(["省属国企组 · Q2 · 累计"]);
    expect(rows[1]).toEqual([
      "名次",
      "单位",
      "总分",
      "帮扶投入（万元）",
      "帮扶户数（户）",
      "获表彰（项）",
      "投诉（起）",
      "安全事故（起）",
      "覆盖村数（个）",
      "状态",
      "名次变化",
      "流动红旗",
    ]);
    expect(rows[2]).toEqual(["1", "法士特", "64", "36", "20", "0", "-2", "0", "10", "", "↑1", "Q2"]);
    expect(rows[4]).toEqual(["3", "陕煤集团", "45.6667", "30", "6.6667", "2", "0", "0", "7", "", "持平", ""]);
    expect(rows[6]).toEqual(["", "陕西建工", "39", "27", "0", "5", "0", "0", "7", "一票否决", "", ""]);
  });

  it("writes XLSX with numbers as numbers, and the own unit's provisional standing when asked", async () => {
    const res = await download("period=Q2&scope=period&format=xlsx&view=provisional", users.qinchuan);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("standings-");
    expect(res.headers.get("content-disposition")).toContain("-provisional.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("省属国企组 · Q2 · 当期（预览）");
    expect([ws.getCell("A3").value, ws.getCell("B3").value, ws.getCell("C3").value]).toEqual([
      1,
      "法士特",
      64,
    ]);
    // The full tie at rank 3 of Q2's own standing.
    expect([ws.getCell("A5").value, ws.getCell("B5").value, ws.getCell("J5").value]).toEqual([
      3,
      "秦川机床",
      "并列",
    ]);
  });

  it("refuses what the page refuses, and a format it does not know", async () => {
    expect((await download("format=csv", users.outsider)).status).toBe(403);
    expect((await download("format=pdf", users.organizer)).status).toBe(400);
    const anonymous = await anonymousExport("format=csv").catch((thrown) => thrown as Response);
    expect((anonymous as Response).status).toBe(302);
  });
});
