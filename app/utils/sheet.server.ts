import { CsvLimitError, CsvReader } from "~/domain/csv";
import { MAX_SHEET_BYTES, SHEET_LIMITS } from "~/domain/nominations/upload-limits";
import { overLimit, SheetError } from "./sheet-error.server";
import { readXlsx } from "./xlsx-sheet.server";

export { MAX_SHEET_BYTES, SheetError };

/** CSV text is decoded and parsed 1 MiB at a time: a 50 MB file is never one 50 MB string. */
const CSV_PIECE = 1024 * 1024;

function looksLikeXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function readCsv(bytes: Buffer): string[][] {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const reader = new CsvReader(SHEET_LIMITS);
  try {
    for (let at = 0; at < bytes.length; at += CSV_PIECE)
      reader.push(decoder.decode(bytes.subarray(at, at + CSV_PIECE), { stream: true }));
    return reader.push(decoder.decode()).end();
  } catch (error) {
    if (error instanceof CsvLimitError) throw overLimit(error.limit);
    throw new SheetError("import.badEncoding");
  }
}

/**
 * Rows of a CSV (UTF-8, BOM or not) or of the first sheet of an XLSX workbook, as text cells.
 * The kind is told by the bytes, not the file name. Both are read piece by piece with the limits
 * of SHEET_LIMITS checked as they go: a sheet past one is refused, naming it, before it is held.
 */
export async function readSheet(bytes: Buffer): Promise<string[][]> {
  if (bytes.length > MAX_SHEET_BYTES) throw new SheetError("import.tooLarge");
  if (!looksLikeXlsx(bytes)) return readCsv(bytes);
  try {
    return await readXlsx(bytes);
  } catch (error) {
    if (error instanceof SheetError) throw error;
    throw new SheetError("import.badXlsx");
  }
}
