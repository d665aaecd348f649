/**
 * How large a sheet may be: read by the command line and the upload page alike. Kept apart from
 * the sheet reader so that the HTTP server (scripts/server.ts) and the browser can use it too.
 */
export const MAX_SHEET_BYTES = 50 * 1024 * 1024;
export const MAX_SHEET_MEGABYTES = MAX_SHEET_BYTES / (1024 * 1024);
/** The upload request: the sheet plus the form's few fields and the multipart framing. */
export const MAX_SHEET_REQUEST_BYTES = MAX_SHEET_BYTES + 1024 * 1024;

/**
 * What a sheet may hold once read, checked while it is read (CSV and XLSX alike) so that a small
 * file that unpacks into millions of rows is refused before it fills the memory. Real union sheets
 * stay far below: the largest import we know (activities) has 50,000 rows of 12 columns, the
 * hostile-sheet test reads 100,000 rows of 21 columns. Each limit is named in its refusal message.
 */
export const SHEET_LIMITS = {
  /** Rows, the header included. */
  rows: 200_000,
  /** Columns of any row. */
  columns: 200,
  /** Characters of one cell: Excel's own limit. */
  cellChars: 32_767,
  /** Cells of the whole sheet (rows × width of an XLSX sheet, every cell of a CSV). */
  cells: 3_000_000,
  /**
   * Characters of an XLSX's text (its shared-strings table and its other cells): a CSV's text is
   * bounded by its bytes, an XLSX's is not, and at two bytes a Chinese character this is 64 MiB.
   */
  textChars: 32 * 1024 * 1024,
  /** Bytes of XML an XLSX may unpack into, all its parts together: stops a zip bomb. */
  xmlBytes: 256 * 1024 * 1024,
  /** Bytes of XML of an XLSX part other than the sheet and its strings (workbook, styles, relations). */
  partBytes: 8 * 1024 * 1024,
} as const;
