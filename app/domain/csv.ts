/**
 * RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends, an optional UTF-8 BOM.
 * Returns the rows as written; a trailing empty line is not a row.
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (c === "\r" && src[i + 1] === "\n") i++;
    } else field += c;
    i++;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** One CSV cell; quoted when it holds a separator, a quote or a line break. */
export function csvCell(value: string | number | null | undefined): string {
  const s = value == null ? "" : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export type ExportCell = string | number | boolean | null | undefined;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or return before one) gets a
 * leading apostrophe, so a nominee called "=HYPERLINK(…)" stays text. Numbers pass.
 */
export function neutralizeCell<T extends ExportCell>(value: T): T | string {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The one CSV writer of every export (pages and command line): every cell neutralized, titles and
 * footers too, then quoted as RFC 4180 asks. The BOM makes Excel read the UTF-8 Chinese correctly.
 * toCsv above stays the plain writer, for sheets that are read back (imports, tests).
 */
export function exportCsv(rows: ExportCell[][], { bom = true, eol = "\r\n" }: { bom?: boolean; eol?: string } = {}): string {
  const text = rows.map((r) => r.map((v) => csvCell(neutralizeCell(typeof v === "boolean" ? String(v) : v))).join(",")).join(eol) + eol;
  return bom ? `\ufeff${text}` : text;
}
