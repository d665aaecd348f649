import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOrg, makeTree } from "../support/factories";
import { makeId } from "../unit/nominations/id-helpers";
import { CompetitionTemplateSchema } from "~/domain/competitions/template";
import { advanceCompetition, createCompetition, getCompetition } from "~/models/competition.server";
import { importNominations, NOMINATION_COLUMNS } from "~/models/nomination-import.server";
import { readSheet } from "~/utils/sheet.server";
import type { Actor } from "~/models/audit.server";
import type { OrgRow } from "~/models/org.server";
import { decryptPersonal } from "~/utils/personal-data.server";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const ACTOR: Actor = { userId: null, label: "cli", ip: null };
const KEY = crypto.randomBytes(32);
const TEMPLATE = CompetitionTemplateSchema.parse(
  JSON.parse(fs.readFileSync(path.join(FIXTURES, "competition-template.json"), "utf8")),
);
const PERSON_CATEGORY = "先进个人";
const GROUP_CATEGORY = "先进集体";

const ID_A = makeId("610102", "19800315", "123"); // male, 1980-03-15
const ID_B = makeId("610302", "19751102", "246"); // female, 1975-11-02
const ID_C = makeId("610124", "19900608", "358"); // female, 1990-06-08
const ID_D = makeId("610102", "19851224", "001"); // male, 1985-12-24

let t: TestDatabase;
let tree: Awaited<ReturnType<typeof makeTree>>;
let outsider: OrgRow;
beforeAll(async () => {
  t = await createTestDatabase();
  tree = await makeTree(t.db);
  outsider = await makeOrg(t.db, null, { name: "外省总工会", kind: "provincial" });
  await makeOrg(t.db, tree.cityA, { name: "甲市某企业工会", kind: "grassroots" });
});
afterAll(async () => t.destroy());

/** A new competition from the fixture template, in the stage asked for (nominating by default). */
async function competition(stage: "draft" | "nominating" = "nominating"): Promise<number> {
  const id = await t.db
    .transaction()
    .execute((trx) => createCompetition(trx, ACTOR, tree.province, TEMPLATE));
  if (stage === "nominating") {
    const outcome = await t.db
      .transaction()
      .execute(async (trx) => advanceCompetition(trx, ACTOR, (await getCompetition(trx, id))!));
    expect(outcome).toEqual({ ok: true, stage: "nominating" });
  }
  return id;
}

type Rec = Record<string, string>;
const KEYS = NOMINATION_COLUMNS.map((c) => c.key);
const ZH = Object.fromEntries(NOMINATION_COLUMNS.map((c) => [c.key, c.zh]));

const person = (over: Rec = {}): Rec => ({
  ref: "P-1",
  category: PERSON_CATEGORY,
  nominating_org: "甲市总工会",
  kind: "individual",
  name: "张建国",
  gender: "male",
  ethnicity: "汉族",
  birth_date: "1980-03-15",
  political_status: "中共党员",
  education: "大专",
  workplace: "西安某机械有限公司",
  post: "数控车工",
  occupation_group: "frontline",
  migrant: "no",
  id_number: ID_A,
  phone: "13812345678",
  member_count: "",
  leader: "",
  deeds: "扎根一线二十年，攻克技术难题三十余项。",
  sector: "state",
  summary: "",
  ...over,
});

const group = (over: Rec = {}): Rec => ({
  ...Object.fromEntries(KEYS.map((k) => [k, ""])),
  ref: "G-1",
  category: GROUP_CATEGORY,
  nominating_org: "甲市总工会",
  kind: "collective",
  name: "某车间数控班",
  member_count: "24",
  leader: "李红",
  deeds: "全年安全生产无事故。",
  ...over,
});

function sheet(records: Rec[], header: string[] = KEYS): string[][] {
  return [header, ...records.map((r) => header.map((h) => r[h] ?? ""))];
}

function run(competitionId: number, categoryName: string, rows: string[][], allOrNothing = false) {
  return importNominations(t.db, ACTOR, KEY, { competitionId, categoryName }, rows, { allOrNothing });
}

async function counts() {
  const n = async (table: "nominations" | "nomination_events" | "audit_log") =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    nominations: await n("nominations"),
    events: await n("nomination_events"),
    audit: await n("audit_log"),
  };
}

const stored = (competitionId: number, ref: string) =>
  t.db
    .selectFrom("nominations")
    .selectAll()
    .where("competition_id", "=", competitionId)
    .where("ref", "=", ref)
    .executeTakeFirstOrThrow();

describe("importNominations: sheets that go in", () => {
  it("imports the Chinese CSV fixture as submitted nominations, personal data encrypted and masked", async () => {
    const id = await competition();
    const before = await counts();
    const rows = await readSheet(fs.readFileSync(path.join(FIXTURES, "nominations-individual-zh.csv")));
    expect(await run(id, PERSON_CATEGORY, rows)).toEqual({ imported: 3, refused: 0, issues: [] });
    expect(await counts()).toEqual({
      nominations: before.nominations + 3,
      events: before.events + 3,
      audit: before.audit + 4,
    });
    const wang = await stored(id, "GR-003");
    expect(wang).toMatchObject({
      status: "submitted",
      kind: "individual",
      name: "王芳",
      gender: "female",
      birth_date: "1990-06-08",
      occupation_group: "technical",
      migrant: 0,
      sector: "public_institution",
      id_number_masked: "6101**********3582",
      phone_masked: "139****5678",
      summary: "驻村帮扶三年，建立村卫生室。",
      created_by: null,
    });
    expect(wang.submitted_at).toBeTruthy();
    expect(decryptPersonal(KEY, wang.id_number_enc!)).toBe(ID_C);
    expect(decryptPersonal(KEY, wang.phone_enc!)).toBe("13912345678");
    expect(await stored(id, "GR-002")).toMatchObject({
      gender: "female",
      ethnicity: "回族",
      migrant: 1,
      sector: "non_public",
      phone_masked: "029*****4321",
    });
    const events = await t.db
      .selectFrom("nomination_events")
      .select(["action", "to_status", "actor_label"])
      .where("nomination_id", "=", wang.id)
      .execute();
    expect(events).toEqual([{ action: "create", to_status: "submitted", actor_label: "cli" }]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["after_json", "entity_id"])
      .where("action", "=", "nomination.import")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({
      entity_id: String(id),
      after_json: JSON.stringify({ category: PERSON_CATEGORY, imported: 3, refused: 0 }),
    });
  });

  it("imports the English CSV fixture of collectives", async () => {
    const id = await competition();
    const rows = await readSheet(fs.readFileSync(path.join(FIXTURES, "nominations-collective-en.csv")));
    expect(await run(id, GROUP_CATEGORY, rows)).toEqual({ imported: 2, refused: 0, issues: [] });
    expect(await stored(id, "JT-001")).toMatchObject({
      kind: "collective",
      member_count: 1200,
      leader: "赵强",
      sector: "state",
      id_number_hash: null,
      phone_enc: null,
    });
    expect(await stored(id, "JT-002")).toMatchObject({
      member_count: 36,
      sector: "rural",
      phone_masked: "029*****6666",
    });
  });

  it("reads Chinese headers in any order, reports an unknown column, skips empty rows and keeps sheet row numbers", async () => {
    const id = await competition();
    const header = [...KEYS].reverse().map((k) => ZH[k]);
    header.splice(3, 0, "备注");
    const zhRow = (r: Rec) => [...KEYS].reverse().map((k) => r[k]);
    const withNote = (cells: string[]) => [...cells.slice(0, 3), "随便写点", ...cells.slice(3)];
    const rows = [
      header,
      withNote(
        zhRow(
          person({
            ref: "Z-1",
            kind: "个人",
            gender: "男",
            occupation_group: "一线职工",
            migrant: "否",
            sector: "国有企业",
          }),
        ),
      ),
      header.map(() => ""),
      withNote(
        zhRow(
          person({
            ref: "Z-2",
            kind: "个人",
            id_number: ID_B,
            gender: "女",
            birth_date: "",
            occupation_group: "其他",
            migrant: "是",
            sector: "",
            nominating_org: "乙市总工会",
          }),
        ),
      ),
      withNote(zhRow(person({ ref: "Z-3", kind: "个人", phone: "电话" }))),
    ];
    expect(await run(id, PERSON_CATEGORY, rows)).toEqual({
      imported: 2,
      refused: 1,
      issues: [
        { row: 1, column: "备注", messageKey: "import.unknownColumn", params: { column: "备注" } },
        { row: 5, column: "phone", messageKey: "nomination.phone.format" },
      ],
    });
    expect(await stored(id, "Z-2")).toMatchObject({
      gender: "female",
      birth_date: "1975-11-02",
      occupation_group: "other",
      migrant: 1,
      sector: null,
    });
  });

  it("reads XLSX: date and number cells, and refuses an ID number stored as a number instead of guessing its digits", async () => {
    const id = await competition();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("推荐名单");
    ws.addRow(KEYS.map((k) => ZH[k]));
    const cells = (r: Rec, over: Record<string, unknown> = {}) =>
      KEYS.map((k) => (k in over ? over[k] : r[k]));
    ws.addRow(
      cells(person({ ref: "X-1" }), { birth_date: new Date(Date.UTC(1980, 2, 15)), phone: 13812345678 }),
    );
    ws.addRow(
      cells(person({ ref: "X-2", id_number: ID_D, gender: "男", birth_date: "1985-12-24" }), {
        id_number: Number(ID_D),
      }),
    );
    ws.addRow(
      cells(
        person({
          ref: "X-3",
          id_number: ID_C,
          gender: "女",
          birth_date: "1990-06-08",
          nominating_org: "甲市某县总工会",
        }),
        { ref: 3 },
      ),
    );
    const rows = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows[2][KEYS.indexOf("id_number")]).toBe("6.1010219851224e+17");
    expect(await run(id, PERSON_CATEGORY, rows)).toEqual({
      imported: 2,
      refused: 1,
      issues: [
        {
          row: 3,
          column: "id_number",
          messageKey: "import.nomination.idAsNumber",
          params: { value: "6.1010219851224e+17" },
        },
      ],
    });
    expect(await stored(id, "X-1")).toMatchObject({ birth_date: "1980-03-15", phone_masked: "138****5678" });
    expect(await stored(id, "3")).toMatchObject({ name: "张建国", birth_date: "1990-06-08" });
  });

  it("refuses an ID number that Excel wrote into a CSV in exponent form", async () => {
    const id = await competition();
    const report = await run(id, PERSON_CATEGORY, sheet([person({ id_number: "6.10102E+17" })]));
    expect(report.issues).toEqual([
      {
        row: 2,
        column: "id_number",
        messageKey: "import.nomination.idAsNumber",
        params: { value: "6.10102E+17" },
      },
    ]);
  });
});

describe("importNominations: refused rows", () => {
  /** Each malformed row with the exact issues it must get; the sheet's row 2 is a good row. */
  const LONG = "事".repeat(3001);
  const individualCases: [
    string,
    Rec,
    { column: string | null; messageKey: string; params?: Record<string, string | number> }[],
  ][] = [
    ["empty ref", { ref: "" }, [{ column: "ref", messageKey: "form.required" }]],
    [
      "ref too long",
      { ref: "R".repeat(51) },
      [{ column: "ref", messageKey: "form.tooLong", params: { max: 50 } }],
    ],
    [
      "ref repeated in the sheet",
      { ref: "OK-1", id_number: ID_B, gender: "女", birth_date: "" },
      [{ column: "ref", messageKey: "import.nomination.refRepeated", params: { ref: "OK-1", row: 2 } }],
    ],
    [
      "ref already in the competition",
      { ref: "OLD-1", id_number: ID_B, gender: "女", birth_date: "" },
      [{ column: "ref", messageKey: "import.nomination.refTaken", params: { ref: "OLD-1" } }],
    ],
    [
      "another category",
      { category: GROUP_CATEGORY },
      [
        {
          column: "category",
          messageKey: "import.nomination.otherCategory",
          params: { category: GROUP_CATEGORY, expected: PERSON_CATEGORY },
        },
      ],
    ],
    [
      "no nominating org",
      { nominating_org: "" },
      [{ column: "nominating_org", messageKey: "form.required" }],
    ],
    [
      "unknown org",
      { nominating_org: "不存在工会" },
      [
        {
          column: "nominating_org",
          messageKey: "import.nomination.orgUnknown",
          params: { org: "不存在工会" },
        },
      ],
    ],
    [
      "org outside the organizer",
      { nominating_org: "外省总工会" },
      [
        {
          column: "nominating_org",
          messageKey: "import.nomination.orgOutside",
          params: { org: "外省总工会", organizer: "测试省总工会" },
        },
      ],
    ],
    [
      "org without places",
      { nominating_org: "甲市某企业工会" },
      [
        {
          column: "nominating_org",
          messageKey: "import.nomination.noAllocation",
          params: { org: "甲市某企业工会" },
        },
      ],
    ],
    ["unknown kind", { kind: "团体" }, [{ column: "kind", messageKey: "nomination.kind.invalid" }]],
    [
      "collective in an individual category",
      { kind: "集体" },
      [{ column: "kind", messageKey: "nomination.kindMismatch" }],
    ],
    ["no name", { name: "" }, [{ column: "name", messageKey: "form.required" }]],
    [
      "name too long",
      { name: "名".repeat(51) },
      [{ column: "name", messageKey: "form.tooLong", params: { max: 50 } }],
    ],
    ["unknown gender", { gender: "未知" }, [{ column: "gender", messageKey: "nomination.gender.invalid" }]],
    [
      "gender against the ID",
      { gender: "女" },
      [{ column: "gender", messageKey: "nomination.gender.idMismatch" }],
    ],
    ["birth date format", { birth_date: "1980/03/15" }, [{ column: "birth_date", messageKey: "form.date" }]],
    [
      "birth date before 1900",
      { birth_date: "1899-12-31" },
      [{ column: "birth_date", messageKey: "nomination.birthDate.range" }],
    ],
    [
      "birth date against the ID",
      { birth_date: "1980-03-16" },
      [{ column: "birth_date", messageKey: "nomination.birthDate.idMismatch" }],
    ],
    ["no ethnicity", { ethnicity: "" }, [{ column: "ethnicity", messageKey: "form.required" }]],
    [
      "no political status",
      { political_status: " " },
      [{ column: "political_status", messageKey: "form.required" }],
    ],
    ["no education", { education: "" }, [{ column: "education", messageKey: "form.required" }]],
    ["no workplace", { workplace: "" }, [{ column: "workplace", messageKey: "form.required" }]],
    [
      "unknown occupation group",
      { occupation_group: "农民" },
      [{ column: "occupation_group", messageKey: "nomination.occupationGroup.invalid" }],
    ],
    [
      "no occupation group",
      { occupation_group: "" },
      [{ column: "occupation_group", messageKey: "form.required" }],
    ],
    [
      "migrant neither yes nor no",
      { migrant: "有时" },
      [{ column: "migrant", messageKey: "nomination.migrant.invalid" }],
    ],
    ["unknown sector", { sector: "外企" }, [{ column: "sector", messageKey: "nomination.sector.invalid" }]],
    ["no ID number", { id_number: "" }, [{ column: "id_number", messageKey: "form.required" }]],
    [
      "ID number of 15 digits",
      { id_number: "610102800315123" },
      [{ column: "id_number", messageKey: "nomination.idNumber.length" }],
    ],
    [
      "ID number with a letter inside",
      { id_number: "61010219800315A233" },
      [{ column: "id_number", messageKey: "nomination.idNumber.characters" }],
    ],
    [
      "ID number with no such province",
      { id_number: makeId("990102", "19800315", "123") },
      [{ column: "id_number", messageKey: "nomination.idNumber.region" }],
    ],
    [
      "ID number with 2月30日",
      { id_number: makeId("610102", "19800230", "123") },
      [{ column: "id_number", messageKey: "nomination.idNumber.birthDate" }],
    ],
    [
      "ID number with a wrong check digit",
      { id_number: ID_A.slice(0, 17) + (ID_A[17] === "0" ? "1" : "0") },
      [{ column: "id_number", messageKey: "nomination.idNumber.checkDigit" }],
    ],
    [
      "ID number in exponent form",
      { id_number: "6.10102E+17" },
      [{ column: "id_number", messageKey: "import.nomination.idAsNumber", params: { value: "6.10102E+17" } }],
    ],
    [
      "ID number already nominated by another org",
      { ref: "DUP", nominating_org: "乙市总工会" },
      [{ column: "id_number", messageKey: "nomination.duplicateId", params: { org: "甲市总工会" } }],
    ],
    ["no phone", { phone: "" }, [{ column: "phone", messageKey: "form.required" }]],
    ["phone too short", { phone: "12345" }, [{ column: "phone", messageKey: "nomination.phone.format" }]],
    ["no deeds", { deeds: "" }, [{ column: "deeds", messageKey: "form.required" }]],
    [
      "deeds too long",
      { deeds: LONG },
      [{ column: "deeds", messageKey: "form.tooLong", params: { max: 3000 } }],
    ],
    [
      "summary too long",
      { summary: LONG.slice(0, 501) },
      [{ column: "summary", messageKey: "form.tooLong", params: { max: 500 } }],
    ],
    [
      "a collective's column filled",
      { member_count: "5" },
      [{ column: "member_count", messageKey: "import.nomination.collectiveOnly" }],
    ],
    [
      "several mistakes at once",
      { ref: "", nominating_org: "不存在工会", leader: "某人", phone: "110" },
      [
        { column: "ref", messageKey: "form.required" },
        {
          column: "nominating_org",
          messageKey: "import.nomination.orgUnknown",
          params: { org: "不存在工会" },
        },
        { column: "leader", messageKey: "import.nomination.collectiveOnly" },
        { column: "phone", messageKey: "nomination.phone.format" },
      ],
    ],
  ];

  it("reports each malformed individual row with its exact column and message, and writes nothing of it", async () => {
    const id = await competition();
    expect(
      await run(
        id,
        PERSON_CATEGORY,
        sheet([person({ ref: "OLD-1", id_number: ID_C, gender: "", birth_date: "" })]),
      ),
    ).toMatchObject({ imported: 1 });
    const before = await counts();
    const rows = sheet([
      person({ ref: "OK-1" }),
      ...individualCases.map(([, change], i) => person({ ref: `BAD-${i}`, ...change })),
    ]);
    const report = await run(id, PERSON_CATEGORY, rows);
    expect(report.imported).toBe(1);
    expect(report.refused).toBe(individualCases.length);
    for (const [i, [label, , expected]] of individualCases.entries()) {
      const got = report.issues.filter((issue) => issue.row === i + 3).map(({ row: _row, ...rest }) => rest);
      expect(got, label).toEqual(expected);
    }
    expect(report.issues).toHaveLength(individualCases.reduce((n, [, , e]) => n + e.length, 0));
    // One nomination, its event, its audit entry and the import's audit entry: nothing of the refused rows.
    expect(await counts()).toEqual({
      nominations: before.nominations + 1,
      events: before.events + 1,
      audit: before.audit + 2,
    });
    const refs = await t.db
      .selectFrom("nominations")
      .select("ref")
      .where("competition_id", "=", id)
      .orderBy("ref")
      .execute();
    expect(refs.map((r) => r.ref)).toEqual(["OK-1", "OLD-1"]);
  });

  const collectiveCases: [
    string,
    Rec,
    { column: string; messageKey: string; params?: Record<string, string | number> }[],
  ][] = [
    ["no member count", { member_count: "" }, [{ column: "member_count", messageKey: "form.required" }]],
    [
      "zero members",
      { member_count: "0" },
      [{ column: "member_count", messageKey: "nomination.memberCount.invalid" }],
    ],
    [
      "half a member",
      { member_count: "12.5" },
      [{ column: "member_count", messageKey: "nomination.memberCount.invalid" }],
    ],
    ["no leader", { leader: "" }, [{ column: "leader", messageKey: "form.required" }]],
    [
      "an individual's ID number filled",
      { id_number: ID_D },
      [{ column: "id_number", messageKey: "import.nomination.individualOnly" }],
    ],
    [
      "an individual's gender and migrant filled",
      { gender: "男", migrant: "否" },
      [
        { column: "gender", messageKey: "import.nomination.individualOnly" },
        { column: "migrant", messageKey: "import.nomination.individualOnly" },
      ],
    ],
    [
      "individual in a collective category",
      { kind: "个人" },
      [{ column: "kind", messageKey: "nomination.kindMismatch" }],
    ],
    [
      "collective name too long",
      { name: "集".repeat(101) },
      [{ column: "name", messageKey: "form.tooLong", params: { max: 100 } }],
    ],
    ["bad contact phone", { phone: "0000" }, [{ column: "phone", messageKey: "nomination.phone.format" }]],
    [
      "over the org's places",
      { nominating_org: "乙市总工会" },
      [
        {
          column: "nominating_org",
          messageKey: "import.nomination.noPlaces",
          params: { org: "乙市总工会", places: 1 },
        },
      ],
    ],
  ];

  it("reports malformed collective rows; an empty kind takes the category's", async () => {
    const id = await competition();
    const before = await counts();
    const rows = sheet([
      group({ ref: "G-OK", kind: "", nominating_org: "乙市总工会" }),
      ...collectiveCases.map(([, change], i) => group({ ref: `GB-${i}`, ...change })),
    ]);
    const report = await run(id, GROUP_CATEGORY, rows);
    expect(report).toMatchObject({ imported: 1, refused: collectiveCases.length });
    for (const [i, [label, , expected]] of collectiveCases.entries()) {
      expect(
        report.issues.filter((issue) => issue.row === i + 3).map(({ row: _row, ...rest }) => rest),
        label,
      ).toEqual(expected);
    }
    expect(await counts()).toEqual({
      nominations: before.nominations + 1,
      events: before.events + 1,
      audit: before.audit + 2,
    });
    expect(await stored(id, "G-OK")).toMatchObject({
      kind: "collective",
      collective_kind: null,
      gender: null,
      summary: "全年安全生产无事故。",
    });
  });

  it("refuses the row over an org's places and keeps the ones before it", async () => {
    const id = await competition();
    const rows = sheet([
      person({ ref: "C-1", nominating_org: "甲市某县总工会" }),
      person({ ref: "C-2", nominating_org: "甲市某县总工会", id_number: ID_B, gender: "女", birth_date: "" }),
      person({ ref: "C-3", nominating_org: "甲市某县总工会", id_number: ID_C, gender: "女", birth_date: "" }),
      person({ ref: "C-4", nominating_org: "乙市总工会", id_number: ID_C, gender: "女", birth_date: "" }),
    ]);
    expect(await run(id, PERSON_CATEGORY, rows)).toEqual({
      imported: 3,
      refused: 1,
      issues: [
        {
          row: 4,
          column: "nominating_org",
          messageKey: "import.nomination.noPlaces",
          params: { org: "甲市某县总工会", places: 2 },
        },
      ],
    });
    const c3 = await t.db
      .selectFrom("nominations")
      .select("id")
      .where("competition_id", "=", id)
      .where("ref", "=", "C-3")
      .execute();
    expect(c3).toEqual([]);
    // The refused row's ID number was rolled back with it, so another org could nominate the person.
    expect(await stored(id, "C-4")).toMatchObject({ org_id: tree.cityB.id });
  });

  it("refuses an ID number another org already nominated in the competition, naming that org", async () => {
    const id = await competition();
    await run(id, PERSON_CATEGORY, sheet([person({ ref: "FIRST", nominating_org: "乙市总工会" })]));
    const report = await run(
      id,
      PERSON_CATEGORY,
      sheet([person({ ref: "SECOND", id_number: ` ${ID_A.slice(0, 6)} ${ID_A.slice(6)} ` })]),
    );
    expect(report).toEqual({
      imported: 0,
      refused: 1,
      issues: [
        { row: 2, column: "id_number", messageKey: "nomination.duplicateId", params: { org: "乙市总工会" } },
      ],
    });
    // Another competition is another matter.
    const other = await competition();
    expect(await run(other, PERSON_CATEGORY, sheet([person({ ref: "SECOND" })]))).toMatchObject({
      imported: 1,
      refused: 0,
    });
  });
});

describe("importNominations: the whole sheet", () => {
  it("with allOrNothing imports nothing when a row is refused, and everything when none is", async () => {
    const id = await competition();
    const before = await counts();
    const good = [
      person({ ref: "A-1" }),
      person({ ref: "A-2", id_number: ID_B, gender: "女", birth_date: "" }),
    ];
    const bad = person({ ref: "A-3", id_number: ID_C, gender: "女", birth_date: "", phone: "" });
    expect(await run(id, PERSON_CATEGORY, sheet([...good, bad]), true)).toEqual({
      imported: 0,
      refused: 1,
      issues: [{ row: 4, column: "phone", messageKey: "form.required" }],
    });
    expect(await counts()).toEqual(before);
    expect(
      await run(id, PERSON_CATEGORY, sheet([good[0], good[1], { ...good[1], ref: "A-2b" }]), true),
    ).toMatchObject({
      imported: 0,
      refused: 1,
      issues: [{ row: 4, column: "id_number", messageKey: "nomination.duplicateId" }],
    });
    expect(await counts()).toEqual(before);
    expect(await run(id, PERSON_CATEGORY, sheet(good), true)).toEqual({
      imported: 2,
      refused: 0,
      issues: [],
    });
  });

  it("refuses a sheet missing a column or doubling one, writing nothing", async () => {
    const id = await competition();
    const before = await counts();
    const missing = await run(
      id,
      PERSON_CATEGORY,
      sheet(
        [person(), person({ ref: "P-2" })],
        KEYS.filter((k) => k !== "id_number" && k !== "deeds"),
      ),
    );
    expect(missing).toEqual({
      imported: 0,
      refused: 2,
      issues: [
        {
          row: 1,
          column: "id_number",
          messageKey: "import.missingColumn",
          params: { column: "id_number (身份证号)" },
        },
        {
          row: 1,
          column: "deeds",
          messageKey: "import.missingColumn",
          params: { column: "deeds (主要事迹)" },
        },
      ],
    });
    const doubled = await run(id, PERSON_CATEGORY, [
      [...KEYS, "身份证号"],
      [...sheet([person()])[1], ID_A],
    ]);
    expect(doubled).toEqual({
      imported: 0,
      refused: 1,
      issues: [
        { row: 1, column: "身份证号", messageKey: "import.duplicateColumn", params: { column: "身份证号" } },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses the whole sheet outside the nominating stage, or for an unknown competition or category", async () => {
    const draft = await competition("draft");
    const open = await competition();
    const before = await counts();
    await expect(run(draft, PERSON_CATEGORY, sheet([person()]))).rejects.toMatchObject({
      name: "DomainError",
      messageKey: "import.nomination.notNominating",
    });
    await expect(run(999999, PERSON_CATEGORY, sheet([person()]))).rejects.toMatchObject({
      messageKey: "import.nomination.noCompetition",
      params: { id: 999999 },
    });
    await expect(run(open, "先进班组", sheet([person()]))).rejects.toMatchObject({
      messageKey: "import.nomination.noCategory",
      params: { category: "先进班组" },
    });
    expect(await counts()).toEqual(before);
    expect(outsider.name).toBe("外省总工会");
  });
});
