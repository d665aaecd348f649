import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "~/domain/errors";
import { isMessageKey } from "~/i18n";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { importNominations, MAX_REF, NOMINATION_COLUMNS } from "~/models/nomination-import.server";
import { ACTIVITY_COLUMNS, importActivities } from "~/models/activity-import.server";
import { importCalendarEntries } from "~/models/calendar.server";
import { importRegistrySheet, REGISTRY_COLUMNS, type RegistrySheet } from "~/models/registry-import.server";
import { CALENDAR_COLUMNS, MAX_CALENDAR_NOTE, parseCalendarSheet } from "~/domain/notice/calendar-sheet";
import { registryScope } from "~/domain/registry/registry-scope";
import type { RowIssue } from "~/domain/sheet-columns";
import { readSheet, SheetError } from "~/utils/sheet.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { dbSnapshot } from "../support/hardening-fuzz";
import { encodeSheet, encoding, hostileSheet, type SheetImporter } from "../support/hardening-sheets";
import { makeWorld, type World } from "../support/hardening-world";
import { routeHarness } from "../support/remix";
import { makeId } from "../unit/nominations/id-helpers";

/** Generated sheets per importer: the nominations sheet, widest and most used, gets the most. */
const runsFor = (importer: SheetImporter) => (importer.name === "nominations" ? 250 : 100);
/** Issue #9 asks for 100k rows: about 40 s, so only under LAUREL_HEAVY_TESTS=1; 10k rows otherwise. */
const BIG_ROWS = process.env.LAUREL_HEAVY_TESTS === "1" ? 100_000 : 10_000;
/** The registry writes each row under a savepoint (seconds per 10k rows on PostgreSQL): the others get a smaller big sheet. */
const bigRowsFor = (importer: SheetImporter) =>
  importer.name === "nominations" || process.env.LAUREL_HEAVY_TESTS === "1" ? BIG_ROWS : 2_000;

let t: TestDatabase;
let w: World;
let dataKey: Buffer;

beforeAll(async () => {
  t = await createTestDatabase();
  dataKey = routeHarness(t.db).context.secrets.dataKey;
  w = await makeWorld(t.db, dataKey);
});
afterAll(() => t.destroy());

/** Every import sheet of the app; the calendar, registry and activities importers join with one entry each. */
function importers(): SheetImporter[] {
  return [
    {
      name: "nominations",
      columns: NOMINATION_COLUMNS,
      validRow: () => ({
        ref: "R-1",
        category: "先进个人",
        nominating_org: w.orgs.county.name,
        kind: "individual",
        name: "张建国",
        gender: "男",
        ethnicity: "汉族",
        birth_date: "1980-03-15",
        political_status: "中共党员",
        education: "大专",
        workplace: "某某机械厂",
        post: "车工",
        occupation_group: "frontline",
        migrant: "否",
        id_number: makeId("610102", "19800315", "457"),
        phone: "13812345678",
        member_count: "",
        leader: "",
        deeds: "扎根一线二十年。",
        sector: "",
        summary: "",
      }),
      poison: [
        ["id_number", "=cmd|' /C calc'!A0"],
        ["id_number", "610102198003151230"],
        ["birth_date", "2018-02-30"],
        ["gender", "=1+1"],
        ["migrant", "maybe"],
        ["kind", "robot"],
        ["nominating_org", "不存在的工会"],
        ["occupation_group", "@SUM(A1)"],
        ["ref", "x".repeat(MAX_REF + 1)],
        ["name", ""],
        ["deeds", "长".repeat(3001)],
        ["category", "先进集体"],
        ["member_count", "12"],
      ],
      run: (rows) =>
        importNominations(
          t.db,
          SYSTEM_ACTOR,
          dataKey,
          { competitionId: w.running.id, categoryName: "先进个人" },
          rows,
        ),
    },
    {
      name: "calendar",
      columns: CALENDAR_COLUMNS,
      validRow: () => ({ date: "2018-10-01", kind: "holiday", note: "国庆节" }),
      poison: [
        ["date", "2018-02-30"],
        ["date", "=1+1"],
        ["date", "20181001"],
        ["kind", "maybe"],
        ["kind", "=cmd|' /C calc'!A0"],
        ["note", "长".repeat(MAX_CALENDAR_NOTE + 1)],
      ],
      run: importCalendar,
    },
    ...(["counties", "helpers", "pairings"] as const).map((sheet) => registryImporter(sheet)),
    {
      name: "activities",
      columns: ACTIVITY_COLUMNS,
      validRow: () => ({
        team: "世界服务队",
        date: "2018-06-01",
        county_code: "610124",
        village: "西村",
        kind: "技术培训",
        person_times: "3",
        funds_yuan: "100.00",
        households_helped: "2",
        people_helped: "5",
        households_lifted: "1",
        people_lifted: "2",
        org: "",
      }),
      poison: [
        ["date", "2099-01-01"],
        ["date", "2018-02-30"],
        ["county_code", "999999"],
        ["county_code", "=1+1"],
        ["person_times", "-1"],
        ["funds_yuan", "1.234"],
        ["funds_yuan", "=cmd|' /C calc'!A0"],
        ["people_lifted", "99"],
        ["households_helped", "@SUM(A1)"],
        ["village", ""],
        ["org", "不存在的工会"],
      ],
      run: (rows) => importActivities(t.db, SYSTEM_ACTOR, rows, { today: "2018-12-31" }),
    },
  ];
}

const REGISTRY_ROWS: Record<RegistrySheet, { valid: Record<string, string>; poison: [string, string][] }> = {
  counties: {
    valid: {
      code: "610999",
      name: "某某县",
      city: "世界甲市",
      poverty_level: "deep",
      exited_year: "2019",
      needs: "种植;养殖",
    },
    poison: [
      ["code", "61099"],
      ["code", "=1+1"],
      ["name", ""],
      ["poverty_level", "rich"],
      ["exited_year", "1800"],
      ["exited_year", "=cmd|' /C calc'!A0"],
      ["needs", "x".repeat(501)],
    ],
  },
  helpers: {
    valid: {
      id: "W-9999",
      kind: "worker",
      name: "某劳模",
      city: "世界甲市",
      skills: "种植",
      capacity: "2",
      level: "provincial",
      title: "陕西省劳动模范",
      year: "2015",
      ownership: "",
      workplace: "某厂",
      contact: "13800001111",
    },
    poison: [
      ["id", ""],
      ["kind", "robot"],
      ["capacity", "0"],
      ["capacity", "=1+1"],
      ["level", "galactic"],
      ["year", "1800"],
      ["ownership", "@SUM(A1)"],
      ["contact", "长".repeat(101)],
      ["id", "x".repeat(51)],
    ],
  },
  pairings: {
    valid: { helper_id: "W-0001", county_code: "610125", tier: "city", started_on: "2018-03-01" },
    poison: [
      ["helper_id", "NOBODY-1"],
      ["helper_id", "=cmd|' /C calc'!A0"],
      ["county_code", "999999"],
      ["county_code", "6101"],
      ["tier", "galaxy"],
      ["started_on", "2018-02-30"],
    ],
  },
};

function registryImporter(sheet: RegistrySheet): SheetImporter {
  return {
    name: `registry ${sheet}`,
    columns: REGISTRY_COLUMNS[sheet],
    validRow: () => ({ ...REGISTRY_ROWS[sheet].valid }),
    poison: REGISTRY_ROWS[sheet].poison,
    run: (rows) =>
      importRegistrySheet(t.db, SYSTEM_ACTOR, sheet, rows, {
        scope: { ...registryScope([]), all: true },
        dataKey,
      }),
  };
}

/** The calendar import as the CLI runs it: the sheet checked whole, then the good dates written. */
async function importCalendar(rows: string[][]) {
  const parsed = parseCalendarSheet(rows);
  const refused = parsed.fatal
    ? Math.max(0, rows.length - 1)
    : new Set(parsed.issues.filter((i) => i.row > 1).map((i) => i.row)).size;
  if (!parsed.fatal && parsed.entries.length)
    await t.db.transaction().execute((trx) => importCalendarEntries(trx, SYSTEM_ACTOR, parsed.entries, null));
  return { imported: parsed.fatal ? 0 : parsed.entries.length, refused, issues: parsed.issues as RowIssue[] };
}

/** Reads and imports, as the CLI and the upload page do; a refused file is an expected outcome. */
async function importBytes(importer: SheetImporter, bytes: Buffer) {
  try {
    return { report: await importer.run(await readSheet(bytes)) };
  } catch (error) {
    if (error instanceof SheetError || error instanceof DomainError) return { refusedFile: error.message };
    throw error;
  }
}

let generated = 0;

describe("hostile import sheets", () => {
  for (const importer of importers()) {
    it(`${importer.name}: every poisoned row is refused with a message, and nothing is written`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileSheet(importer), encoding, async (sheet, how) => {
          generated++;
          const before = await dbSnapshot(t.db);
          const outcome = await importBytes(importer, await encodeSheet(sheet.rows, how));
          expect(await dbSnapshot(t.db)).toEqual(before);
          const { report, refusedFile } = outcome;
          if (!report) {
            expect(isMessageKey(refusedFile ?? ""), refusedFile).toBe(true);
            return;
          }
          expect(report.imported).toBe(0);
          expect(report.issues.length).toBeGreaterThan(0);
          for (const issue of report.issues)
            expect(isMessageKey(issue.messageKey), JSON.stringify(issue)).toBe(true);
        }),
        { numRuns: runsFor(importer) },
      );
    });

    const bigRows = bigRowsFor(importer);
    it(`${importer.name}: a ${bigRows.toLocaleString("en")}-row sheet of bad rows is refused row by row, writing nothing`, async () => {
      const valid = importer.validRow();
      const [column, value] = importer.poison[0];
      const header = importer.columns.map((c) => c.en);
      const rows = [
        header,
        ...Array.from({ length: bigRows }, (_, i) =>
          importer.columns.map((c) =>
            c.key === column ? value : c.key === "ref" ? `R${i}` : (valid[c.key] ?? ""),
          ),
        ),
      ];
      const before = await dbSnapshot(t.db);
      const outcome = await importBytes(importer, await encodeSheet(rows, "csv"));
      expect(outcome.report?.imported).toBe(0);
      expect(outcome.report?.refused).toBe(bigRows);
      expect(await dbSnapshot(t.db)).toEqual(before);
    });
  }

  it("reads an XLSX formula that has no computed value as the formula, so an optional column refuses it", async () => {
    // Before: read as a blank cell, so the optional 摘帽年份 silently took the row.
    const header = REGISTRY_COLUMNS.counties.map((c) => c.en);
    const read = await readSheet(
      await encodeSheet([header, ["610998", "某某县", "世界甲市", "deep", "=cmd|' /C calc'!A0", ""]], "xlsx"),
    );
    expect(read[1][4]).toBe("=cmd|' /C calc'!A0");
    const before = await dbSnapshot(t.db);
    const report = await registryImporter("counties").run(read);
    expect(report).toMatchObject({
      imported: 0,
      refused: 1,
      issues: [{ row: 2, column: "exited_year", messageKey: "registry.row.year" }],
    });
    expect(await dbSnapshot(t.db)).toEqual(before);
  });

  it("generated the sheets it meant to", () => {
    expect(generated).toBe(importers().reduce((sum, i) => sum + runsFor(i), 0));
  });
});
