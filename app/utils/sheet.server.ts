import ExcelJS from "exceljs";
import { parseCsv } from "~/domain/csv";
import { MAX_SHEET_BYTES } from "~/domain/nominations/upload-limits";

export { MAX_SHEET_BYTES };

export class SheetError extends Error {}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // An ID number typed as a number has lost its last digits: keep it recognizable as such.
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) return value.toExponential();
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

function looksLikeXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Rows of a CSV (UTF-8, BOM or not) or of the first sheet of an XLSX workbook, as text cells.
 * The kind is told by the bytes, not the file name.
 */
export async function readSheet(bytes: Buffer): Promise<string[][]> {
  if (bytes.length > MAX_SHEET_BYTES) throw new SheetError("import.tooLarge");
  if (looksLikeXlsx(bytes)) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new SheetError("import.badXlsx");
    }
    const ws = wb.worksheets[0];
    if (!ws) return [];
    const rows: string[][] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
      rows[n - 1] = cells;
    });
    return Array.from(rows, (r) => r ?? []);
  }
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  try {
    return parseCsv(text.decode(bytes));
  } catch {
    throw new SheetError("import.badEncoding");
  }
}
