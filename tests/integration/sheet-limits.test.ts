import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHEET_LIMITS } from "~/domain/nominations/upload-limits";
import { type MessageKey, translate } from "~/i18n";
import { readSheet, SheetError } from "~/utils/sheet.server";
import { cellText } from "~/utils/xlsx-sheet.server";
import { CSRF_COOKIE } from "~/utils/csrf.server";
import { action as uploadAction } from "~/routes/competitions.$competitionId.nominations.import_.upload";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { dbSnapshot } from "../support/hardening-fuzz";
import { laurel, runLaurel } from "../support/cli";
import { routeHarness } from "../support/remix";
import {
  enormousCellXlsx,
  manyRowsCsv,
  manyRowsXlsx,
  sharedStringsBomb,
  stylesBomb,
  xlsx,
  xmlPaddingXlsx,
} from "../support/sheet-bombs";

/**
 * Issue #14: one upload of a small sheet that unpacks into millions of rows killed every worker.
 * Each bomb here must be refused with the limit it passed, named in both languages, and the read
 * must stay under the memory budget of docs/operations.md.
 */
const BUDGET_MB = 300;
const MB = 1024 * 1024;

/** The read's outcome and the most the process's resident memory grew while it ran. */
async function measured(bytes: Buffer): Promise<{ error: SheetError | null; rows: number; peakMB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  try {
    const rows = await readSheet(bytes);
    return { error: null, rows: rows.length, peakMB: 0 };
  } catch (error) {
    if (!(error instanceof SheetError)) throw error;
    return { error, rows: 0, peakMB: 0 };
  } finally {
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage().rss);
    lastPeakMB = Math.round((peak - base) / MB);
  }
}
let lastPeakMB = 0;

function expectRefused(error: SheetError | null, key: MessageKey, max: string | number) {
  expect(error?.message).toBe(key);
  expect(error?.params).toEqual({ max });
  expect(translate("zh-CN", key, error?.params)).toContain(String(max));
  expect(translate("en", key, error?.params)).toContain(String(max));
}

let rows6m: Buffer;
beforeAll(async () => {
  rows6m = await manyRowsXlsx(6_000_000);
}, 60_000);

describe("sheet bombs are refused at a limit, within the memory budget", () => {
  const bombs: {
    name: string;
    make: () => Promise<Buffer> | Buffer;
    key: MessageKey;
    max: string | number;
  }[] = [
    {
      name: "6 million one-cell rows (29 MB XLSX)",
      make: () => rows6m,
      key: "import.limit.rows",
      max: "200,000",
    },
    {
      name: "1 million one-cell rows (5 MB XLSX)",
      make: () => manyRowsXlsx(1_000_000),
      key: "import.limit.rows",
      max: "200,000",
    },
    {
      name: "1 million one-cell rows (2 MB CSV)",
      make: () => manyRowsCsv(1_000_000),
      key: "import.limit.rows",
      max: "200,000",
    },
    {
      name: "a shared-strings table of 1.3 million 20-character strings (3.5 MB)",
      make: () => sharedStringsBomb(1_300_000, 20),
      key: "import.limit.textChars",
      max: "33,554,432",
    },
    {
      name: "a shared-strings table of 3.1 million tiny strings",
      make: () => sharedStringsBomb(3_100_000, 0),
      key: "import.limit.cells",
      max: "3,000,000",
    },
    {
      name: "one cell of 600 MB (0.6 MB XLSX)",
      make: () => enormousCellXlsx(600),
      key: "import.limit.cellChars",
      max: "32,767",
    },
    {
      name: "300 MB of XML with no rows",
      make: () => xmlPaddingXlsx(300),
      key: "import.limit.xmlBytes",
      max: SHEET_LIMITS.xmlBytes / MB,
    },
    {
      name: "a 20 MB styles part",
      make: () => stylesBomb(20),
      key: "import.limit.xmlBytes",
      max: SHEET_LIMITS.partBytes / MB,
    },
  ];
  for (const bomb of bombs) {
    it(bomb.name, async () => {
      const bytes = await bomb.make();
      expect(bytes.length).toBeLessThan(50 * MB);
      const { error } = await measured(bytes);
      expectRefused(error, bomb.key, bomb.max);
      console.log(
        `${bomb.name}: ${(bytes.length / MB).toFixed(1)} MB file, refused (${bomb.key}), RSS grew ${lastPeakMB} MB at most`,
      );
      expect(lastPeakMB).toBeLessThan(BUDGET_MB);
    });
  }

  it("takes a sheet at every limit and refuses one past it (CSV)", async () => {
    expect((await measured(manyRowsCsv(SHEET_LIMITS.rows))).rows).toBe(SHEET_LIMITS.rows);
    expectRefused((await measured(manyRowsCsv(SHEET_LIMITS.rows + 1))).error, "import.limit.rows", "200,000");
    const wide = (n: number) => Buffer.from(`${Array(n).fill("a").join(",")}\n`);
    expect((await measured(wide(SHEET_LIMITS.columns))).rows).toBe(1);
    expectRefused((await measured(wide(SHEET_LIMITS.columns + 1))).error, "import.limit.columns", "200");
    expect((await measured(Buffer.from(`"${"字".repeat(SHEET_LIMITS.cellChars)}"\n`))).rows).toBe(1);
    expectRefused(
      (await measured(Buffer.from(`"${"字".repeat(SHEET_LIMITS.cellChars + 1)}"\n`))).error,
      "import.limit.cellChars",
      "32,767",
    );
    const cells = Buffer.from(`${Array(15).fill("a").join(",")}\n`.repeat(SHEET_LIMITS.cells / 15) + "a\n");
    expectRefused((await measured(cells)).error, "import.limit.cells", "3,000,000");
  });

  it("refuses an XLSX cell past the last column, and one row × width past the cell limit", async () => {
    const sheet = (xml: string) => () => [
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${xml}</sheetData></worksheet>`,
    ];
    expect(
      await readSheet(await xlsx(sheet(`<row r="1"><c r="GR1" t="inlineStr"><is><t>ok</t></is></c></row>`))),
    ).toEqual([[...Array(199).fill(""), "ok"]]);
    await expect(
      readSheet(await xlsx(sheet(`<row r="1"><c r="GS1" t="inlineStr"><is><t>x</t></is></c></row>`))),
    ).rejects.toMatchObject({ message: "import.limit.columns" });
    await expect(
      readSheet(await xlsx(sheet(`<row r="1"><c r="XFD1"><v>1</v></c></row>`))),
    ).rejects.toMatchObject({ message: "import.limit.columns" });
    // 20,000 rows of a cell in column 200 would be 4 million cells once padded.
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `<row r="${i + 1}"><c r="GR${i + 1}"><v>1</v></c></row>`,
    ).join("");
    await expect(readSheet(await xlsx(sheet(rows)))).rejects.toMatchObject({
      message: "import.limit.cells",
      params: { max: "3,000,000" },
    });
    await expect(
      readSheet(await xlsx(sheet(`<row r="200001"><c r="A200001"><v>1</v></c></row>`))),
    ).rejects.toMatchObject({ message: "import.limit.rows" });
  });
});

/** The reader before issue #14: exceljs's full reader, the whole workbook in memory. */
async function fullReader(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value));
  });
  return Array.from(rows, (r) => r ?? []);
}

describe("the streaming XLSX reader", () => {
  const cell: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("张建国", " 两端空格 ", "a&b<c>\"d'", "=cmd|' /C calc'!A0", "610102198003151230"),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(610102198003151230, 13812345678, 0.1 + 0.2, true, false, null),
    fc
      .date({ min: new Date("1950-01-01"), max: new Date("2049-12-31"), noInvalidDate: true })
      .map((d) => new Date(d.toISOString().slice(0, 10))),
    fc.constantFrom<ExcelJS.CellValue>(
      { formula: "1+1" } as ExcelJS.CellFormulaValue,
      { formula: "A1*2", result: 4 } as ExcelJS.CellFormulaValue,
      { formula: 'CONCAT("a","b")', result: "ab" } as ExcelJS.CellFormulaValue,
      { error: "#DIV/0!" } as ExcelJS.CellErrorValue,
      { richText: [{ text: "粗", font: { bold: true } }, { text: "体" }] },
    ),
  );
  const sheet = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 });

  it("reads what exceljs's full reader reads: text, numbers, dates, formulas, errors, rich text, gaps", async () => {
    await fc.assert(
      fc.asyncProperty(sheet, fc.nat({ max: 3 }), async (rows, gap) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet("一");
        rows.forEach((cells, r) => cells.forEach((v, c) => (ws.getCell(r * (gap + 1) + 1, c + 1).value = v)));
        wb.addWorksheet("二").getCell(1, 1).value = "not the first sheet";
        const bytes = Buffer.from(await wb.xlsx.writeBuffer());
        expect(await readSheet(bytes)).toEqual(await fullReader(bytes));
      }),
      { numRuns: 150 },
    );
  });
});

describe("a bomb through the upload page and the command line", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it("the upload page answers 400 with the limit's message and writes nothing", async () => {
    const h = routeHarness(t.db);
    const tree = await makeTree(t.db);
    const admin = await makeUser(t.db, tree.province, ["admin"]);
    const c = await makeNominatingCompetition(t.db, tree, { cityA: 3, cityB: 2, county: 2, collective: 2 });
    const before = await dbSnapshot(t.db);
    const form = new FormData();
    form.set("_csrf", h.csrfToken);
    form.set("category", String(c.individual.id));
    form.set("sheet", new Blob([new Uint8Array(rows6m)]), "bomb.xlsx");
    const cookie = [`${CSRF_COOKIE}=${h.csrfToken}`, await h.sessionCookie(admin.id)].join("; ");
    const request = new Request(
      `http://laurel.test/competitions/${c.competitionId}/nominations/import/upload`,
      {
        method: "POST",
        body: form,
        headers: { cookie, host: "laurel.test", origin: "http://laurel.test" },
      },
    );
    const res = (await uploadAction({
      request,
      params: { competitionId: String(c.competitionId) },
      context: h.context,
    })) as Response | { data: unknown; init: ResponseInit | null };
    const [status, body] =
      res instanceof Response ? [res.status, await res.json()] : [res.init?.status ?? 200, res.data];
    expect(status).toBe(400);
    expect(body).toMatchObject({
      ok: false,
      errors: { sheet: { key: "import.limit.rows", params: { max: "200,000" } } },
    });
    expect(await dbSnapshot(t.db)).toEqual(before);
  });

  it("the command line exits 1 with the limit's message on stderr, in either language, and writes nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-bomb-"));
    try {
      const file = path.join(dir, "orgs.xlsx");
      fs.writeFileSync(file, await manyRowsXlsx(1_000_000));
      const before = await dbSnapshot(t.db);
      const en = await runLaurel(["orgs", "import", file], t.env);
      expect(en.status).toBe(1);
      expect(en.stderr).toContain("more than 200,000 rows");
      // The command line picks its language once per process: a real one, in Chinese.
      const zh = laurel(["orgs", "import", file], { ...t.env, LAUREL_LANG: "zh-CN" });
      expect(zh.status).toBe(1);
      expect(zh.stderr).toContain("超过 200,000 行");
      expect(await dbSnapshot(t.db)).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
