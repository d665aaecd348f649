import type ExcelJS from "exceljs";
import parseSax from "exceljs/lib/utils/parse-sax.js";
import excelUtils from "exceljs/lib/utils/utils.js";
import StylesXform from "exceljs/lib/xlsx/xform/style/styles-xform.js";
import { SHEET_LIMITS } from "~/domain/nominations/upload-limits";
import { overLimit, SheetTally } from "./sheet-error.server";
import { unpack, type ZipPart, zipParts } from "./xlsx-zip.server";

/**
 * The first sheet of an XLSX workbook, read as a stream of XML events with every limit checked as
 * the events arrive: nothing of the sheet is held but the rows already read. exceljs's own readers
 * hold a whole row (or the whole workbook) before anyone can look, so only its SAX parser, date
 * helpers and style table are used here; the cell rules follow its full reader (xlsx.load).
 */

/**
 * The longest run of XML between two '<' (one text or one tag). Past it the SAX parser would keep
 * buffering; no cell within its limit needs more, even written as numeric character references.
 */
const MAX_RUN = 8 * SHEET_LIMITS.cellChars + 4096;

class Unpacked {
  private xml = 0;
  constructor(
    private readonly bytes: Buffer,
    private readonly parts: Map<string, ZipPart>,
  ) {}

  has(name: string) {
    return this.parts.has(name);
  }

  /** A part's text, counted against the workbook's XML budget and the part's own cap. */
  async *text(name: string, cap: "xmlBytes" | "partBytes"): AsyncGenerator<string> {
    const part = this.parts.get(name);
    if (!part) return;
    const decoder = new TextDecoder("utf-8");
    let read = 0;
    let run = 0;
    for await (const chunk of unpack(this.bytes, part)) {
      read += chunk.length;
      this.xml += chunk.length;
      if (this.xml > SHEET_LIMITS.xmlBytes) throw overLimit("xmlBytes");
      if (read > SHEET_LIMITS[cap]) throw overLimit(cap);
      run = runAfter(chunk, run);
      yield decoder.decode(chunk, { stream: true });
    }
    yield decoder.decode();
  }
}

/** The bytes since the last '<' after this chunk; throws when any run passes MAX_RUN. */
function runAfter(chunk: Buffer, before: number): number {
  let from = 0;
  let run = before;
  for (let lt = chunk.indexOf(0x3c); lt !== -1; lt = chunk.indexOf(0x3c, from)) {
    if (run + lt - from > MAX_RUN) throw overLimit("cellChars");
    run = 0;
    from = lt + 1;
  }
  run += chunk.length - from;
  if (run > MAX_RUN) throw overLimit("cellChars");
  return run;
}

/**
 * A copy of a parsed string that keeps nothing else alive: the SAX parser's strings are slices of
 * the 64 KiB piece they were read from, and a kept slice would keep the whole piece.
 */
const own = (s: string) => (s.length > 12 ? ` ${s}`.slice(1) : s);

/** The path of the workbook's first sheet, and whether its dates count from 1904. */
async function firstSheet(zip: Unpacked): Promise<{ path: string | null; date1904: boolean }> {
  let rid: string | null = null;
  let date1904 = false;
  for await (const events of parseSax(zip.text("xl/workbook.xml", "partBytes"))) {
    for (const e of events) {
      if (e.eventType !== "opentag") continue;
      if (e.value.name === "workbookPr") date1904 = ["1", "true"].includes(e.value.attributes.date1904 ?? "");
      if (e.value.name === "sheet" && rid === null) rid = e.value.attributes["r:id"] ?? null;
    }
  }
  if (rid === null) return { path: null, date1904 };
  let target: string | null = null;
  for await (const events of parseSax(zip.text("xl/_rels/workbook.xml.rels", "partBytes"))) {
    for (const e of events)
      if (e.eventType === "opentag" && e.value.name === "Relationship" && e.value.attributes.Id === rid)
        target = e.value.attributes.Target ?? null;
  }
  if (target === null) return { path: null, date1904 };
  return { path: target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`, date1904 };
}

/** The shared-strings table as plain text (rich runs joined, phonetic runs left out), bounded like cells. */
async function sharedStrings(zip: Unpacked, tally: SheetTally): Promise<string[]> {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  for await (const events of parseSax(zip.text("xl/sharedStrings.xml", "xmlBytes"))) {
    for (const e of events) {
      if (e.eventType === "opentag") {
        if (e.value.name === "si") current = "";
        else if (e.value.name === "rPh") phonetic++;
        else if (e.value.name === "t") inText = phonetic === 0;
      } else if (e.eventType === "text") {
        if (current === null || !inText) continue;
        current += e.value;
        tally.cell(current);
        tally.addText(e.value.length);
      } else if (e.value.name === "t") inText = false;
      else if (e.value.name === "rPh") phonetic--;
      else if (e.value.name === "si" && current !== null) {
        if (strings.length >= SHEET_LIMITS.cells) throw overLimit("cells");
        strings.push(own(current));
        current = null;
      }
    }
  }
  return strings;
}

/** Which style ids show a number as a date (cached: a sheet uses a handful of styles). */
async function dateStyles(zip: Unpacked): Promise<(s: number) => boolean> {
  if (!zip.has("xl/styles.xml")) return () => false;
  const styles = new StylesXform();
  styles.init();
  await styles.parseStream(zip.text("xl/styles.xml", "partBytes"));
  const known = new Map<number, boolean>();
  return (s) => {
    let isDate = known.get(s);
    if (isDate === undefined) known.set(s, (isDate = excelUtils.isDateFmt(styles.getStyleModel(s)?.numFmt)));
    return isDate;
  };
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // An ID number typed as a number has lost its last digits: keep it recognizable as such.
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value))
    return value.toExponential();
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    // A formula without a computed value, or an error (#DIV/0!), is never read as a blank cell:
    // an optional column would then take it silently. As text, the row's checks refuse it.
    if ("formula" in value || "sharedFormula" in value) {
      const f = value as ExcelJS.CellFormulaValue;
      return f.result == null ? `=${f.formula ?? ""}` : cellText(f.result as ExcelJS.CellValue);
    }
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return String(value.error);
    return "";
  }
  return String(value);
}

/** The column number of a cell reference ("AB12" → 28), refused once past the column limit. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & ~0x20;
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
    if (col > SHEET_LIMITS.columns) throw overLimit("columns");
  }
  return col;
}

interface RawCell {
  col: number;
  type: string | undefined;
  style: number;
  formula?: string;
  value?: string;
}

type Context = { strings: string[]; isDate: (s: number) => boolean; date1904: boolean };

/** A cell's value as exceljs's full reader gives it. */
function cellValue(c: RawCell, x: Context): ExcelJS.CellValue {
  const typed = (v: string): ExcelJS.CellValue => {
    switch (c.type) {
      case "s":
        return x.strings[Number.parseInt(v, 10)] ?? "";
      case "str":
      case "inlineStr":
        return v;
      case "e":
        return { error: v } as ExcelJS.CellErrorValue;
      case "b":
        return Number.parseInt(v, 10) !== 0;
      default: {
        const n = Number.parseFloat(v);
        return x.isDate(c.style) ? excelUtils.excelToDate(n, x.date1904) : n;
      }
    }
  };
  if (c.formula !== undefined)
    return {
      formula: c.formula,
      result: c.value === undefined ? undefined : typed(c.value),
    } as ExcelJS.CellFormulaValue;
  return c.value === undefined ? null : typed(c.value);
}

/** Reads the sheet's rows, keeping only text cells, with the row, column, cell and text limits. */
class SheetRows {
  private readonly rows: string[][] = [];
  private width = 0;
  private rowNo = 0;
  private row: string[] = [];
  private cell: RawCell | null = null;
  private into: "formula" | "value" | null = null;
  private inlineText = false;
  private phonetic = 0;

  constructor(
    private readonly x: Context,
    private readonly tally: SheetTally,
  ) {}

  open(name: string, attributes: Record<string, string>) {
    switch (name) {
      case "row":
        this.rowNo = Number.parseInt(attributes.r ?? "", 10) || this.rowNo + 1;
        if (this.rowNo > SHEET_LIMITS.rows) throw overLimit("rows");
        this.row = [];
        break;
      case "c": {
        const col = attributes.r ? columnOf(attributes.r) : this.row.length + 1;
        if (col < 1 || col > SHEET_LIMITS.columns) throw overLimit("columns");
        this.cell = { col, type: attributes.t, style: Number.parseInt(attributes.s ?? "0", 10) || 0 };
        break;
      }
      case "f":
        if (this.cell) [this.cell.formula, this.into] = ["", "formula"];
        break;
      case "v":
        if (this.cell) [this.cell.value, this.into] = ["", "value"];
        break;
      case "is":
        if (this.cell) [this.cell.value, this.inlineText] = ["", true];
        break;
      case "rPh":
        this.phonetic++;
        break;
      case "t":
        if (this.cell && this.inlineText && this.phonetic === 0) this.into = "value";
        break;
    }
  }

  text(value: string) {
    if (!this.cell || !this.into) return;
    const now = (this.cell[this.into] ?? "") + value;
    this.tally.cell(now);
    this.cell[this.into] = now;
  }

  close(name: string) {
    switch (name) {
      case "f":
      case "v":
      case "t":
        this.into = null;
        break;
      case "is":
        this.inlineText = false;
        break;
      case "rPh":
        this.phonetic--;
        break;
      case "c":
        if (this.cell) this.endCell(this.cell);
        this.cell = null;
        break;
      case "row":
        this.endRow();
        break;
    }
  }

  private endCell(c: RawCell) {
    const value = cellValue(c, this.x);
    const text = cellText(value);
    this.tally.cell(text);
    // A shared string's text was counted once with its table; any other cell's text is its own.
    if (c.type !== "s") this.tally.addText(text.length);
    if (value != null && c.col > this.width) this.width = c.col;
    // Blank cells are left to the padding: rows of styled empty cells would otherwise fill memory
    // without ever widening the sheet, so without meeting the cell limit.
    if (text === "") return;
    while (this.row.length < c.col - 1) this.row.push("");
    this.row[c.col - 1] = c.type === "s" ? text : own(text);
  }

  /** Rows × width is what the sheet will hold once every row is padded to the width. */
  private endRow() {
    if (this.rowNo * this.width > SHEET_LIMITS.cells) throw overLimit("cells");
    this.rows[this.rowNo - 1] = this.row;
    this.row = [];
  }

  result(): string[][] {
    if (this.rows.length * this.width > SHEET_LIMITS.cells) throw overLimit("cells");
    return Array.from(this.rows, (r) => {
      const cells = r ?? [];
      while (cells.length < this.width) cells.push("");
      return cells;
    });
  }
}

export async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const zip = new Unpacked(bytes, zipParts(bytes));
  const { path, date1904 } = await firstSheet(zip);
  if (!path || !zip.has(path)) return [];
  const tally = new SheetTally();
  const strings = await sharedStrings(zip, tally);
  const sheet = new SheetRows({ strings, isDate: await dateStyles(zip), date1904 }, tally);
  for await (const events of parseSax(zip.text(path, "xmlBytes"))) {
    for (const e of events) {
      if (e.eventType === "opentag") sheet.open(e.value.name, e.value.attributes);
      else if (e.eventType === "text") sheet.text(e.value);
      else sheet.close(e.value.name);
    }
  }
  return sheet.result();
}
