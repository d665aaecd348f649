import ExcelJS from "exceljs";
import fc from "fast-check";
import type { ColumnSpec, RowIssue } from "~/domain/sheet-columns";
import { toCsv } from "~/domain/csv";
import { hostileString } from "./hardening-fuzz";

/**
 * An import the sheet fuzzer drives: its columns, a row that would be accepted, cells that make
 * any row refused, and the call itself. Adding an importer to the fuzz is one entry of this shape.
 */
export interface SheetImporter {
  name: string;
  columns: readonly ColumnSpec[];
  validRow: () => Record<string, string>;
  /** Column → a value the importer must refuse, whatever the other cells hold. */
  poison: readonly (readonly [string, string])[];
  run: (rows: string[][]) => Promise<{ imported: number; refused: number; issues: RowIssue[] }>;
}

export interface HostileSheet {
  rows: string[][];
  /** Records with at least one non-blank cell: each must be refused. */
  records: number;
}

type HeaderChange = "none" | "drop" | "double" | "unknown" | "chinese" | "shuffle";

/** A sheet whose every record carries a poisoned cell, under a header that may be mangled. */
export function hostileSheet(importer: SheetImporter): fc.Arbitrary<HostileSheet> {
  const cols = importer.columns;
  const row = fc.record({
    poison: fc.constantFrom(...importer.poison),
    noise: fc.array(fc.tuple(fc.nat({ max: cols.length - 1 }), hostileString), { maxLength: 4 }),
  });
  return fc
    .record({
      header: fc.constantFrom<HeaderChange>("none", "drop", "double", "unknown", "chinese", "shuffle"),
      pick: fc.nat({ max: cols.length - 1 }),
      rows: fc.array(row, { minLength: 1, maxLength: 8 }),
      ragged: fc.boolean(),
    })
    .map(({ header, pick, rows, ragged }) => {
      const keys = cols.map((c) => c.key);
      const order = header === "shuffle" ? [...keys.slice(pick), ...keys.slice(0, pick)] : keys;
      const names = order.map((k) => {
        const c = cols.find((x) => x.key === k)!;
        return header === "chinese" ? c.zh : c.en;
      });
      if (header === "drop") names[pick] = "";
      if (header === "double") names.push(names[pick]);
      if (header === "unknown") names.push("=cmd|' /C calc'!A0");
      const body = rows.map(({ poison, noise }) => {
        const record: Record<string, string> = importer.validRow();
        for (const [i, value] of noise) if (keys[i] !== poison[0]) record[keys[i]] = value;
        record[poison[0]] = poison[1];
        const cells = order.map((k) => record[k] ?? "");
        // A ragged row loses its last cells, but never the poisoned one: that would make it valid.
        const cut = Math.max(1, cells.length - 2, order.indexOf(poison[0]) + 1);
        return ragged ? cells.slice(0, cut) : cells;
      });
      return {
        rows: [names, ...body],
        records: body.filter((cells) => cells.some((c) => c.trim() !== "")).length,
      };
    });
}

/** A cell as a spreadsheet would type it; a date that does not exist stays text. */
function typed(c: string): ExcelJS.CellValue {
  if (/^\d{6,}$/.test(c)) return Number(c);
  if (c.startsWith("=")) return { formula: c.slice(1) } as ExcelJS.CellFormulaValue;
  const d = new Date(`${c}T00:00:00Z`);
  return /^\d{4}-\d\d-\d\d$/.test(c) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(c) ? d : c;
}

export type Encoding = "csv" | "csv-bom" | "bad-utf8" | "truncated-xlsx" | "xlsx";
export const encoding: fc.Arbitrary<Encoding> = fc.constantFrom(
  "csv",
  "csv",
  "csv-bom",
  "bad-utf8",
  "truncated-xlsx",
  "xlsx",
);

/** The sheet's bytes as a union office might send them, or broken on purpose. */
export async function encodeSheet(rows: string[][], how: Encoding): Promise<Buffer> {
  const csv = Buffer.from(toCsv(rows), "utf8");
  if (how === "csv") return csv;
  if (how === "csv-bom") return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]);
  if (how === "bad-utf8")
    return Buffer.concat([
      csv.subarray(0, csv.length >> 1),
      Buffer.from([0xff, 0xc3, 0x28]),
      csv.subarray(csv.length >> 1),
    ]);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  // Wrong types as spreadsheets make them: numbers, dates and live formulas instead of text.
  for (const r of rows) ws.addRow(r.map(typed));
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return how === "xlsx" ? bytes : bytes.subarray(0, bytes.length >> 1);
}
