import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeOrg, makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { makeId } from "../unit/nominations/id-helpers";
import { MAX_SHEET_BYTES, MAX_SHEET_REQUEST_BYTES } from "~/domain/nominations/upload-limits";
import { NOMINATION_COLUMNS } from "~/models/nomination-import.server";
import { CSRF_COOKIE } from "~/utils/csrf.server";
import {
  action as pageAction,
  loader as pageLoader,
} from "~/routes/competitions.$competitionId.nominations.import";
import {
  action as jsonAction,
  loader as jsonLoader,
} from "~/routes/competitions.$competitionId.nominations.import_.upload";

type Rec = Record<string, string>;
const KEYS = NOMINATION_COLUMNS.map((c) => c.key);
const ZH = Object.fromEntries(NOMINATION_COLUMNS.map((c) => [c.key, c.zh]));
const ORIGIN = "http://laurel.test";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: { id: number };
let nominatorA: { id: number };
let cityAdmin: { id: number };
let judge: { id: number };
let seq = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
  admin = await makeUser(t.db, tree.province, ["admin"]);
  nominatorA = await makeUser(t.db, tree.cityA, ["nominator"]);
  cityAdmin = await makeUser(t.db, tree.cityB, ["admin"]);
  judge = await makeUser(t.db, tree.province, ["judge"]);
  await makeOrg(t.db, null, { name: "外省总工会", kind: "provincial" });
});
afterAll(async () => t.destroy());

/** A fresh competition per test: 先进个人 with 3 places for 甲市, 2 for 乙市 and the county. */
async function competition() {
  return makeNominatingCompetition(t.db, tree, { cityA: 3, cityB: 2, county: 2, collective: 2 });
}

/** A valid individual row with its own ID number. */
function person(over: Rec = {}): Rec {
  seq++;
  const id = makeId(
    "610102",
    `1980${String(1 + (seq % 12)).padStart(2, "0")}${String(1 + (seq % 28)).padStart(2, "0")}`,
    String(100 + seq * 2 + 1).slice(-3),
  );
  return {
    ref: `U-${seq}`,
    category: "先进个人",
    nominating_org: "甲市总工会",
    kind: "individual",
    name: "张建国",
    gender: "male",
    ethnicity: "汉族",
    birth_date: "",
    political_status: "中共党员",
    education: "大专",
    workplace: "西安某机械有限公司",
    post: "数控车工",
    occupation_group: "frontline",
    migrant: "no",
    id_number: id,
    phone: "13812345678",
    member_count: "",
    leader: "",
    deeds: "扎根一线二十年。",
    sector: "",
    summary: "",
    ...over,
  };
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
function csv(records: Rec[], header: string[] = KEYS, names: Rec = {}): Buffer {
  const lines = [header.map((k) => names[k] ?? k), ...records.map((r) => header.map((k) => r[k] ?? ""))];
  return Buffer.from(`\uFEFF${lines.map((l) => l.map(csvCell).join(",")).join("\r\n")}\r\n`);
}

async function xlsx(records: Rec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("推荐");
  ws.addRow(KEYS.map((k) => ZH[k]));
  for (const r of records) ws.addRow(KEYS.map((k) => r[k] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Post {
  userId?: number;
  category?: string;
  file?: { name: string; bytes: Buffer } | null;
  allOrNothing?: boolean;
  csrf?: string;
  json?: boolean;
}

/** Posts the upload form as a browser does: multipart, with the CSRF token and the session. */
async function upload(
  competitionId: number,
  { userId = admin.id, category, file, allOrNothing, csrf = h.csrfToken, json }: Post,
) {
  const form = new FormData();
  form.set("_csrf", csrf);
  if (category !== undefined) form.set("category", category);
  if (allOrNothing) form.set("all_or_nothing", "on");
  if (file !== null)
    form.set("sheet", new Blob([new Uint8Array(file?.bytes ?? Buffer.alloc(0))]), file?.name ?? "");
  const path = `/competitions/${competitionId}/nominations/import${json ? "/upload" : ""}`;
  const request = new Request(ORIGIN + path, {
    method: "POST",
    body: form,
    headers: { cookie: await cookies(userId), host: "laurel.test", origin: ORIGIN },
  });
  return settle(() =>
    (json ? jsonAction : pageAction)({
      request,
      params: { competitionId: String(competitionId) },
      context: h.context,
    }),
  );
}

async function cookies(userId?: number) {
  return [`${CSRF_COOKIE}=${h.csrfToken}`, ...(userId ? [await h.sessionCookie(userId)] : [])].join("; ");
}

async function settle(fn: () => Promise<unknown>): Promise<{ status: number; data: any }> {
  let value: unknown;
  try {
    value = await fn();
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    value = thrown;
  }
  if (value instanceof Response)
    return {
      status: value.status,
      data: value.headers.get("content-type")?.includes("json") ? await value.json() : await value.text(),
    };
  const d = value as { data: unknown; init: ResponseInit | null };
  return { status: d.init?.status ?? 200, data: d.data };
}

async function refsOf(competitionId: number) {
  const rows = await t.db
    .selectFrom("nominations")
    .select(["ref", "status"])
    .where("competition_id", "=", competitionId)
    .orderBy("ref")
    .execute();
  return rows.map((r) => `${r.ref}:${r.status}`);
}

describe("upload page: sheets that go in", () => {
  it("imports an English CSV as submitted nominations and reports the count", async () => {
    const c = await competition();
    const rows = [person({ ref: "E-1" }), person({ ref: "E-2", nominating_org: "乙市总工会" })];
    const res = await upload(c.competitionId, {
      category: String(c.individual.id),
      file: { name: "list.csv", bytes: csv(rows) },
    });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({
      ok: true,
      report: {
        fileName: "list.csv",
        categoryName: "先进个人",
        imported: 2,
        refused: 0,
        allOrNothing: false,
        headerRefused: false,
        issues: [],
        moreIssues: 0,
      },
    });
    expect(await refsOf(c.competitionId)).toEqual(["E-1:submitted", "E-2:submitted"]);
  });

  it("imports an XLSX with Chinese headers and Chinese values", async () => {
    const c = await competition();
    const rows = [
      person({
        ref: "Z-1",
        kind: "个人",
        gender: "男",
        occupation_group: "一线职工",
        migrant: "否",
        sector: "国有企业",
      }),
    ];
    const res = await upload(c.competitionId, {
      category: String(c.individual.id),
      file: { name: "名单.XLSX", bytes: await xlsx(rows) },
    });
    expect(res.data.report).toMatchObject({ imported: 1, refused: 0 });
    const row = await t.db
      .selectFrom("nominations")
      .select(["gender", "occupation_group", "sector", "created_by"])
      .where("ref", "=", "Z-1")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      gender: "male",
      occupation_group: "frontline",
      sector: "state",
      created_by: admin.id,
    });
  });

  it("puts the good rows in together and reports each refused row by row and column, leaving nothing of it", async () => {
    const c = await competition();
    const rows = [
      person({ ref: "M-1" }),
      person({ ref: "M-2", phone: "电话" }),
      person({ ref: "M-3", nominating_org: "外省总工会" }),
      person({ ref: "M-1" }),
      person({ ref: "M-5" }),
    ];
    const res = await upload(c.competitionId, {
      category: String(c.individual.id),
      file: { name: "m.csv", bytes: csv(rows) },
    });
    expect(res.data.report).toMatchObject({ imported: 2, refused: 3, headerRefused: false });
    expect(res.data.report.issues).toEqual([
      { row: 3, column: "phone", messageKey: "nomination.phone.format" },
      {
        row: 4,
        column: "nominating_org",
        messageKey: "import.nomination.orgOutside",
        params: { org: "外省总工会", organizer: "测试省总工会" },
      },
      { row: 5, column: "ref", messageKey: "import.nomination.refRepeated", params: { ref: "M-1", row: 2 } },
    ]);
    expect(await refsOf(c.competitionId)).toEqual(["M-1:submitted", "M-5:submitted"]);
  });

  it("refuses rows beyond the org's places, after the places already taken", async () => {
    const c = await competition();
    await upload(c.competitionId, {
      category: String(c.individual.id),
      file: { name: "a.csv", bytes: csv([person({ ref: "P-1" }), person({ ref: "P-2" })]) },
    });
    const res = await upload(c.competitionId, {
      category: String(c.individual.id),
      file: { name: "b.csv", bytes: csv([person({ ref: "P-3" }), person({ ref: "P-4" })]) },
    });
    expect(res.data.report).toMatchObject({ imported: 1, refused: 1 });
    expect(res.data.report.issues).toEqual([
      {
        row: 3,
        column: "nominating_org",
        messageKey: "import.nomination.noPlaces",
        params: { org: "甲市总工会", places: 3 },
      },
    ]);
    expect(await refsOf(c.competitionId)).toEqual(["P-1:submitted", "P-2:submitted", "P-3:submitted"]);
  });

  it("with all or nothing, one refused row keeps every row out", async () => {
    const c = await competition();
    const rows = [person({ ref: "A-1" }), person({ ref: "A-2", gender: "unknown" })];
    const res = await upload(c.competitionId, {
      category: String(c.individual.id),
      file: { name: "a.csv", bytes: csv(rows) },
      allOrNothing: true,
    });
    expect(res.data.report).toMatchObject({ imported: 0, refused: 1, allOrNothing: true });
    expect(res.data.report.issues).toEqual([{ row: 3, column: "gender", messageKey: expect.any(String) }]);
    expect(await refsOf(c.competitionId)).toEqual([]);
  });

  it("reports a sheet without its required columns on row 1 and imports nothing", async () => {
    const c = await competition();
    const header = KEYS.filter((k) => k !== "deeds" && k !== "name");
    const res = await upload(c.competitionId, {
      category: String(c.individual.id),
      file: { name: "h.csv", bytes: csv([person()], header) },
    });
    expect(res.status).toBe(200);
    expect(res.data.report).toMatchObject({ imported: 0, refused: 1, headerRefused: true });
    expect(
      res.data.report.issues.map((i: { row: number; messageKey: string }) => `${i.row}:${i.messageKey}`),
    ).toEqual(["1:import.missingColumn", "1:import.missingColumn"]);
    expect(await refsOf(c.competitionId)).toEqual([]);
  });

  it("reports an unknown column and a row of another category without refusing the sheet", async () => {
    const c = await competition();
    const header = [...KEYS, "备注"];
    const res = await upload(c.competitionId, {
      category: String(c.individual.id),
      file: {
        name: "u.csv",
        bytes: csv([person({ ref: "K-1", 备注: "x" }), person({ ref: "K-2", category: "先进集体" })], header),
      },
    });
    expect(res.data.report.issues).toEqual([
      { row: 1, column: "备注", messageKey: "import.unknownColumn", params: { column: "备注" } },
      {
        row: 3,
        column: "category",
        messageKey: "import.nomination.otherCategory",
        params: { category: "先进集体", expected: "先进个人" },
      },
    ]);
    expect(await refsOf(c.competitionId)).toEqual(["K-1:submitted"]);
  });
});

describe("upload page: files and forms refused with a message, nothing written", () => {
  const cases: [string, (cat: string) => Promise<Post>, number, string, string][] = [
    ["no file", async (cat) => ({ category: cat, file: null }), 400, "sheet", "import.upload.fileMissing"],
    [
      "an empty file input",
      async (cat) => ({ category: cat, file: { name: "", bytes: Buffer.alloc(0) } }),
      400,
      "sheet",
      "import.upload.fileMissing",
    ],
    [
      "an empty file",
      async (cat) => ({ category: cat, file: { name: "e.csv", bytes: Buffer.alloc(0) } }),
      400,
      "sheet",
      "import.upload.fileEmpty",
    ],
    [
      "a CSV of blank lines",
      async (cat) => ({ category: cat, file: { name: "e.csv", bytes: Buffer.from("\uFEFF\r\n,,\r\n\r\n") } }),
      400,
      "sheet",
      "import.upload.fileEmpty",
    ],
    [
      "a header without records",
      async (cat) => ({ category: cat, file: { name: "h.csv", bytes: csv([]) } }),
      400,
      "sheet",
      "import.upload.noRecords",
    ],
    [
      "a PDF",
      async (cat) => ({ category: cat, file: { name: "list.pdf", bytes: Buffer.from("%PDF-1.4\n%%EOF\n") } }),
      400,
      "sheet",
      "import.upload.wrongType",
    ],
    [
      "an old .xls workbook",
      async (cat) => ({
        category: cat,
        file: { name: "list.xls", bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
      }),
      400,
      "sheet",
      "import.upload.wrongType",
    ],
    [
      "a file without extension",
      async (cat) => ({ category: cat, file: { name: "list", bytes: csv([person()]) } }),
      400,
      "sheet",
      "import.upload.wrongType",
    ],
    [
      "a broken XLSX",
      async (cat) => ({
        category: cat,
        file: { name: "b.xlsx", bytes: Buffer.from("PK\u0003\u0004 not really a zip") },
      }),
      400,
      "sheet",
      "import.badXlsx",
    ],
    [
      "a CSV in neither UTF-8 nor GB18030",
      async (cat) => ({
        category: cat,
        file: { name: "binary.csv", bytes: Buffer.from([0x41, 0xff, 0x2c, 0x0d, 0x0a]) },
      }),
      400,
      "sheet",
      "import.badEncoding",
    ],
    [
      "no category",
      async () => ({ file: { name: "a.csv", bytes: csv([person()]) } }),
      400,
      "category",
      "form.required",
    ],
    [
      "a malformed category",
      async () => ({ category: "abc", file: { name: "a.csv", bytes: csv([person()]) } }),
      400,
      "category",
      "form.invalidChoice",
    ],
    [
      "an unknown category",
      async () => ({ category: "999999", file: { name: "a.csv", bytes: csv([person()]) } }),
      400,
      "category",
      "form.invalidChoice",
    ],
  ];
  it.each(cases)("%s", async (_label, make, status, field, key) => {
    const c = await competition();
    const before = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const res = await upload(c.competitionId, await make(String(c.individual.id)));
    expect(res.status).toBe(status);
    expect(res.data.ok).toBe(false);
    expect(res.data.errors[field].key).toBe(key);
    expect(await refsOf(c.competitionId)).toEqual([]);
    const after = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("refuses a category of another competition", async () => {
    const c = await competition();
    const other = await competition();
    const res = await upload(c.competitionId, {
      category: String(other.individual.id),
      file: { name: "a.csv", bytes: csv([person()]) },
    });
    expect(res).toMatchObject({ status: 400, data: { errors: { category: { key: "form.invalidChoice" } } } });
  });

  it("outside the nominating stage, refuses the sheet with the stage's message", async () => {
    const c = await competition();
    await t.db
      .updateTable("competitions")
      .set({ stage: "reviewing" })
      .where("id", "=", c.competitionId)
      .execute();
    const res = await upload(c.competitionId, {
      category: String(c.individual.id),
      file: { name: "a.csv", bytes: csv([person()]) },
    });
    expect(res).toMatchObject({
      status: 400,
      data: { errors: { _form: { key: "import.nomination.notNominating" } } },
    });
    const page = await h.get(pageLoader, `/competitions/${c.competitionId}/nominations/import`, {
      userId: admin.id,
      params: { competitionId: String(c.competitionId) },
    });
    expect(page.data.open).toBe(false);
    expect(await refsOf(c.competitionId)).toEqual([]);
  });

  it("refuses a body announced larger than the sheet limit with 413, before reading it", async () => {
    const c = await competition();
    const request = new Request(`${ORIGIN}/competitions/${c.competitionId}/nominations/import`, {
      method: "POST",
      body: "x",
      headers: {
        cookie: await cookies(admin.id),
        origin: ORIGIN,
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(MAX_SHEET_REQUEST_BYTES + 1),
      },
    });
    const res = await settle(() =>
      pageAction({ request, params: { competitionId: String(c.competitionId) }, context: h.context }),
    );
    expect(res).toEqual({ status: 413, data: { messageKey: "import.upload.tooLarge", params: { max: 50 } } });
  });

  it("stops reading a streamed sheet once it passes the limit: 413, as JSON for the progress script", async () => {
    const c = await competition();
    const file = { name: "big.csv", bytes: Buffer.alloc(MAX_SHEET_BYTES + 1, 0x61) };
    const res = await upload(c.competitionId, { category: String(c.individual.id), file, json: true });
    expect(res).toEqual({ status: 413, data: { messageKey: "import.upload.tooLarge", params: { max: 50 } } });
    expect(await refsOf(c.competitionId)).toEqual([]);
  });

  it("refuses a post without the CSRF token", async () => {
    const c = await competition();
    const res = await upload(c.competitionId, {
      category: String(c.individual.id),
      file: { name: "a.csv", bytes: csv([person()]) },
      csrf: "forged",
    });
    expect(res.status).toBe(403);
    expect(await refsOf(c.competitionId)).toEqual([]);
  });
});

describe("upload page: who may upload", () => {
  it("lets a nominator import rows of its own org only, refusing the others' rows", async () => {
    const c = await competition();
    const page = await h.get(pageLoader, `/competitions/${c.competitionId}/nominations/import`, {
      userId: nominatorA.id,
      params: { competitionId: String(c.competitionId) },
    });
    expect(page.data.ownOrgs).toEqual(["甲市总工会"]);
    const rows = [
      person({ ref: "N-1" }),
      person({ ref: "N-2", nominating_org: "乙市总工会" }),
      person({ ref: "N-3", nominating_org: "甲市某县总工会" }),
      person({ ref: "N-4", nominating_org: "没有这个工会" }),
    ];
    const res = await upload(c.competitionId, {
      userId: nominatorA.id,
      category: String(c.individual.id),
      file: { name: "n.csv", bytes: csv(rows) },
    });
    expect(res.data.report).toMatchObject({ imported: 1, refused: 3 });
    expect(res.data.report.issues).toEqual([
      {
        row: 3,
        column: "nominating_org",
        messageKey: "import.nomination.orgNotYours",
        params: { org: "乙市总工会" },
      },
      {
        row: 4,
        column: "nominating_org",
        messageKey: "import.nomination.orgNotYours",
        params: { org: "甲市某县总工会" },
      },
      {
        row: 5,
        column: "nominating_org",
        messageKey: "import.nomination.orgUnknown",
        params: { org: "没有这个工会" },
      },
    ]);
    expect(await refsOf(c.competitionId)).toEqual(["N-1:submitted"]);
  });

  it("the organizer's admin may import for every org holding places", async () => {
    const c = await competition();
    const page = await h.get(pageLoader, `/competitions/${c.competitionId}/nominations/import`, {
      userId: admin.id,
      params: { competitionId: String(c.competitionId) },
    });
    expect(page).toMatchObject({ status: 200, data: { ownOrgs: null, open: true } });
    expect(page.data.categories.map((x: { name: string }) => x.name)).toEqual(["先进个人", "先进集体"]);
  });

  it.each([
    ["an admin of a lower org", () => cityAdmin.id],
    ["a judge", () => judge.id],
  ])("refuses %s with 403, page and upload alike", async (_label, who) => {
    const c = await competition();
    const params = { competitionId: String(c.competitionId) };
    expect(
      (
        await h.get(pageLoader, `/competitions/${c.competitionId}/nominations/import`, {
          userId: who(),
          params,
        })
      ).status,
    ).toBe(403);
    const res = await upload(c.competitionId, {
      userId: who(),
      category: String(c.individual.id),
      file: { name: "a.csv", bytes: csv([person()]) },
      json: true,
    });
    expect(res).toEqual({ status: 403, data: { messageKey: "error.403" } });
    expect(await refsOf(c.competitionId)).toEqual([]);
  });

  it("sends an anonymous visitor to sign in, and answers 404 for an unknown competition", async () => {
    const anon = await h.get(pageLoader, "/competitions/1/nominations/import", {
      params: { competitionId: "1" },
    });
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    const unknown = await upload(999999, { category: "1", file: { name: "a.csv", bytes: csv([person()]) } });
    expect(unknown.status).toBe(404);
    const bad = await h.get(pageLoader, "/competitions/abc/nominations/import", {
      userId: admin.id,
      params: { competitionId: "abc" },
    });
    expect(bad.status).toBe(404);
  });

  it("the JSON endpoint answers the same report as the page, and 405 to a GET", async () => {
    const c = await competition();
    const res = await upload(c.competitionId, {
      category: String(c.individual.id),
      file: { name: "j.csv", bytes: csv([person({ ref: "J-1" }), person({ ref: "J-2", phone: "x" })]) },
      json: true,
    });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      ok: true,
      report: {
        imported: 1,
        refused: 1,
        issues: [{ row: 3, column: "phone", messageKey: "nomination.phone.format" }],
      },
    });
    const refused = await upload(c.competitionId, {
      category: "abc",
      file: { name: "j.csv", bytes: csv([person()]) },
      json: true,
    });
    expect(refused).toMatchObject({
      status: 400,
      data: { ok: false, errors: { category: { key: "form.invalidChoice" } } },
    });
    const get = await h.get(jsonLoader, `/competitions/${c.competitionId}/nominations/import/upload`, {
      userId: admin.id,
      params: { competitionId: String(c.competitionId) },
    });
    expect(get.status).toBe(405);
  });
});
