import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { makeId } from "../unit/nominations/id-helpers";
import { importNominations } from "~/models/nomination-import.server";
import type { Actor } from "~/models/audit.server";
import { CSRF_COOKIE } from "~/utils/csrf.server";
import { readSheet } from "~/utils/sheet.server";
import { loader as templateLoader } from "~/routes/competitions.$competitionId.nominations.template";
import { loader as pageLoader } from "~/routes/competitions.$competitionId.nominations.import";

/*
 * Issue 16 item 5: a template per category, headers read leniently by every importer, and the
 * category and kind taken from where the sheet is imported, so a sheet holds only its kind's columns.
 */
const ORIGIN = "http://laurel.test";
const ACTOR: Actor = { userId: null, label: "cli", ip: null };
const KEY = crypto.randomBytes(32);

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: { id: number };
let nominator: { id: number };
let outsider: { id: number };
let seq = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
  admin = await makeUser(t.db, tree.province, ["admin"]);
  nominator = await makeUser(t.db, tree.cityA, ["nominator"]);
  outsider = await makeUser(t.db, tree.province, ["judge"]);
});
afterAll(async () => t.destroy());

const competition = () =>
  makeNominatingCompetition(t.db, tree, { cityA: 5, cityB: 2, county: 2, collective: 5 });

const nextId = () => {
  seq++;
  return makeId(
    "610102",
    `1981${String(1 + (seq % 12)).padStart(2, "0")}15`,
    String(200 + seq * 2 + 1).slice(-3),
  );
};

async function download(userId: number, competitionId: number, query: string) {
  const cookie = `${CSRF_COOKIE}=${h.csrfToken}; ${await h.sessionCookie(userId)}`;
  const request = new Request(`${ORIGIN}/competitions/${competitionId}/nominations/template?${query}`, {
    headers: { cookie, host: "laurel.test" },
  });
  let res: Response;
  try {
    res = (await templateLoader({
      request,
      params: { competitionId: String(competitionId) },
      context: h.context,
    })) as Response;
  } catch (thrown) {
    res = thrown as Response;
  }
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const run = (competitionId: number, categoryName: string, rows: string[][]) =>
  importNominations(t.db, ACTOR, KEY, { competitionId, categoryName }, rows);

const refs = async (competitionId: number) =>
  (
    await t.db
      .selectFrom("nominations")
      .select("ref")
      .where("competition_id", "=", competitionId)
      .orderBy("ref")
      .execute()
  ).map((r) => r.ref);

const INDIVIDUAL_HEADER = [
  "推荐编号",
  "奖项类别",
  "推荐单位",
  "类型",
  "姓名/名称",
  "性别",
  "民族",
  "出生日期",
  "政治面貌",
  "文化程度",
  "工作单位",
  "职务",
  "人员类别",
  "是否农民工",
  "身份证号",
  "联系电话",
  "主要事迹",
  "单位性质",
  "事迹简介",
];
const COLLECTIVE_HEADER = [
  "推荐编号",
  "奖项类别",
  "推荐单位",
  "类型",
  "姓名/名称",
  "联系电话",
  "集体人数",
  "负责人",
  "主要事迹",
  "单位性质",
  "事迹简介",
];

describe("the templates", () => {
  it("gives an individual category's XLSX: its columns only, Chinese headers, an example row, 填写说明 and drop-down lists", async () => {
    const { competitionId, individual } = await competition();
    const got = await download(nominator.id, competitionId, `category=${individual.id}&format=xlsx`);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(got.headers.get("content-disposition")).toContain(
      encodeURIComponent("先进个人-推荐名单模板.xlsx"),
    );
    const rows = await readSheet(got.bytes);
    expect(rows[0]).toEqual(INDIVIDUAL_HEADER);
    expect(rows[1].slice(0, 5)).toEqual(["示例", "先进个人", "甲市总工会", "个人", "张建国"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(got.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["推荐名单", "填写说明"]);
    const guide = wb.getWorksheet("填写说明")!;
    const guideRows = guide.getSheetValues().filter(Boolean) as unknown[][];
    const gender = guideRows.find((r) => r[1] === "性别")!;
    expect(gender.slice(1, 4)).toEqual(["性别", "否", "可填：男、女"]);
    const group = guideRows.find((r) => r[1] === "人员类别")!;
    expect(group.slice(1, 4)).toEqual([
      "人员类别",
      "是",
      "可填：一线职工、专业技术人员、企业负责人、机关干部、其他",
    ]);
    const sheet = wb.getWorksheet("推荐名单")!;
    const genderColumn = INDIVIDUAL_HEADER.indexOf("性别") + 1;
    expect(sheet.getRow(5).getCell(genderColumn).dataValidation).toMatchObject({
      type: "list",
      formulae: ['"男,女"'],
    });
  });

  it("gives a collective category's CSV: UTF-8 with a BOM, no individual columns", async () => {
    const { competitionId, collective } = await competition();
    const got = await download(admin.id, competitionId, `category=${collective.id}&format=csv`);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect([...got.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = await readSheet(got.bytes);
    expect(rows[0]).toEqual(COLLECTIVE_HEADER);
    expect(rows[1].slice(0, 5)).toEqual(["示例", "先进集体", "甲市总工会", "集体", "某机械有限公司数控车间"]);
  });

  it("refuses anyone who may not upload, an unknown category and a bad format", async () => {
    const { competitionId, individual } = await competition();
    expect((await download(outsider.id, competitionId, `category=${individual.id}&format=csv`)).status).toBe(
      403,
    );
    expect((await download(admin.id, competitionId, `category=999999&format=csv`)).status).toBe(404);
    expect((await download(admin.id, competitionId, `category=${individual.id}&format=pdf`)).status).toBe(
      400,
    );
  });

  it("the example row, with its reference changed, imports as it is; left as it is, it is skipped", async () => {
    const { competitionId, individual, collective } = await competition();
    for (const [cat, name] of [
      [individual, "先进个人"],
      [collective, "先进集体"],
    ] as const) {
      const rows = await readSheet(
        (await download(admin.id, competitionId, `category=${cat.id}&format=csv`)).bytes,
      );
      const filled = [...rows, rows[1].map((cell, i) => (i === 0 ? `${name}-1` : cell))];
      expect(await run(competitionId, name, filled)).toEqual({
        imported: 1,
        refused: 0,
        issues: [{ row: 2, column: "ref", messageKey: "import.nomination.exampleSkipped" }],
      });
    }
    expect(await refs(competitionId)).toEqual(["先进个人-1", "先进集体-1"]);
  });

  it("lists the chosen category's columns, required ones marked, on the import page", async () => {
    const { competitionId, collective } = await competition();
    const page = await h.get(
      pageLoader,
      `/competitions/${competitionId}/nominations/import?category=${collective.id}`,
      {
        userId: admin.id,
        params: { competitionId: String(competitionId) },
      },
    );
    expect(page.status).toBe(200);
    const cols = page.data.template.columns as { zh: string; required: boolean }[];
    expect(cols.filter((c) => c.required).map((c) => c.zh)).toEqual([
      "推荐编号",
      "推荐单位",
      "姓名/名称",
      "集体人数",
      "负责人",
      "主要事迹",
    ]);
    expect(cols.map((c) => c.zh)).not.toContain("身份证号");
  });
});

describe("lenient headers and the kind's own columns", () => {
  it("reads 姓名 or 名称, spaces, full-width brackets and letters, English in any case, a * marker", async () => {
    const { competitionId } = await competition();
    const header = [
      "推荐 编号",
      "推荐单位＊",
      "名称",
      "民　族",
      "Political Status",
      "EDUCATION",
      "工作单位",
      "人员类别",
      "是否农民工",
      "身份证号",
      "联系电话",
      "主要事迹",
      "ｓｅｃｔｏｒ",
    ];
    const row = [
      "L-1",
      "甲市总工会",
      "王芳",
      "汉族",
      "群众",
      "本科",
      "某医院",
      "专业技术人员",
      "否",
      nextId(),
      "13912345678",
      "驻村帮扶三年。",
      "国企",
    ];
    expect(await run(competitionId, "先进个人", [header, row])).toEqual({
      imported: 1,
      refused: 0,
      issues: [],
    });
    const aliases = ["姓名", "姓名（名称）", "姓名(名称)", "Name"];
    for (const [i, alias] of aliases.entries()) {
      const r = await run(competitionId, "先进集体", [
        ["推荐编号", "推荐单位", alias, "集体人数", "负责人", "主要事迹"],
        [`LC-${i}`, "甲市总工会", `某车间${i}`, "12", "李红", "全年无事故。"],
      ]);
      expect(r, alias).toEqual({ imported: 1, refused: 0, issues: [] });
    }
  });

  it("asks a collective sheet for none of the individual's columns and the other way round", async () => {
    const { competitionId } = await competition();
    const individualMissing = await run(competitionId, "先进个人", [
      [
        "推荐编号",
        "推荐单位",
        "姓名",
        "民族",
        "政治面貌",
        "文化程度",
        "工作单位",
        "人员类别",
        "是否农民工",
        "联系电话",
        "主要事迹",
      ],
    ]);
    expect(individualMissing.issues).toEqual([
      {
        row: 1,
        column: "id_number",
        messageKey: "import.missingColumn",
        params: { column: "id_number (身份证号)" },
      },
    ]);
    const collectiveMissing = await run(competitionId, "先进集体", [
      ["推荐编号", "推荐单位", "名称", "主要事迹"],
    ]);
    expect(collectiveMissing.issues.map((i) => i.column)).toEqual(["member_count", "leader"]);
  });

  it("accepts category and kind columns that agree, and refuses a conflicting one naming its row", async () => {
    const { competitionId } = await competition();
    const header = ["推荐编号", "奖项类别", "类型", "推荐单位", "名称", "集体人数", "负责人", "主要事迹"];
    const report = await run(competitionId, "先进集体", [
      header,
      ["K-1", "先进集体", "集体", "甲市总工会", "甲车间", "10", "李红", "无事故。"],
      ["K-2", "先进个人", "", "甲市总工会", "乙车间", "10", "李红", "无事故。"],
      ["K-3", "", "个人", "甲市总工会", "丙车间", "10", "李红", "无事故。"],
    ]);
    expect(report.imported).toBe(1);
    expect(report.issues).toEqual([
      {
        row: 3,
        column: "category",
        messageKey: "import.nomination.otherCategory",
        params: { category: "先进个人", expected: "先进集体" },
      },
      { row: 4, column: "kind", messageKey: "nomination.kindMismatch" },
    ]);
  });
});
