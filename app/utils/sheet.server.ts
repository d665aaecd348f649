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

/**
 * The encodings a CSV is read in, in the order they are tried. Excel on Chinese Windows saves
 * "CSV" in the system code page (GBK, which GB18030 contains); everything else we meet is UTF-8.
 * A file that is valid UTF-8 is read as UTF-8: GBK text is almost never valid UTF-8 (its two-byte
 * characters break UTF-8's continuation rules within a few characters), while reading UTF-8 as
 * GB18030 would always "succeed" with garbage.
 */
const CSV_ENCODINGS = ["utf-8", "gb18030"] as const;
type CsvEncoding = (typeof CSV_ENCODINGS)[number];

const hasUtf8Bom = (bytes: Buffer) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

class NotThisEncoding extends Error {}

/**
 * Decodes and parses the bytes in one encoding, 1 MiB at a time. The decoder streams, so a
 * character cut at a piece's edge is completed by the next piece. A byte sequence the encoding
 * cannot hold throws NotThisEncoding; for a GBK file read as UTF-8 that happens in the first
 * piece (its header is Chinese), so the second attempt starts almost at once.
 */
function parseCsv(bytes: Buffer, encoding: CsvEncoding): string[][] {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  const reader = new CsvReader(SHEET_LIMITS);
  const decode = (piece?: Buffer) => {
    try {
      return piece ? decoder.decode(piece, { stream: true }) : decoder.decode();
    } catch {
      throw new NotThisEncoding();
    }
  };
  try {
    for (let at = 0; at < bytes.length; at += CSV_PIECE)
      reader.push(decode(bytes.subarray(at, at + CSV_PIECE)));
    return reader.push(decode()).end();
  } catch (error) {
    if (error instanceof CsvLimitError) throw overLimit(error.limit);
    throw error;
  }
}

/** A BOM says UTF-8; otherwise UTF-8 if the bytes are valid UTF-8, else GB18030 (GBK). */
function readCsv(bytes: Buffer): string[][] {
  const encodings = hasUtf8Bom(bytes) ? (["utf-8"] as const) : CSV_ENCODINGS;
  for (const encoding of encodings) {
    try {
      return parseCsv(bytes, encoding);
    } catch (error) {
      if (!(error instanceof NotThisEncoding)) throw error;
    }
  }
  throw new SheetError("import.badEncoding");
}

/**
 * Rows of a CSV (UTF-8 with or without a BOM, or GB18030/GBK as Excel saves it on Chinese
 * Windows) or of the first sheet of an XLSX workbook, as text cells.
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
