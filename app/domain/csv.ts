export interface CsvLimits {
  rows: number;
  columns: number;
  cellChars: number;
  cells: number;
}

export class CsvLimitError extends Error {
  constructor(readonly limit: keyof CsvLimits) {
    super(`csv limit: ${limit}`);
  }
}

const UNLIMITED: CsvLimits = { rows: Infinity, columns: Infinity, cellChars: Infinity, cells: Infinity };

/**
 * RFC 4180 CSV read piece by piece: quoted fields with doubled quotes, CRLF or LF line ends, an
 * optional UTF-8 BOM. The limits are checked as each character, cell and row arrives, so a sheet
 * over one is refused before it is held whole. A quote or CR at the end of a piece waits for the next.
 */
export class CsvReader {
  readonly rows: string[][] = [];
  private row: string[] = [];
  private field = "";
  private quoted = false;
  private quoteAtEnd = false;
  private crAtEnd = false;
  private started = false;
  private cells = 0;

  constructor(private readonly limits: CsvLimits = UNLIMITED) {}

  push(text: string): this {
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.crAtEnd && i < text.length) {
      this.crAtEnd = false;
      if (text[i] === "\n") i++;
    }
    if (this.quoteAtEnd && i < text.length) {
      this.quoteAtEnd = false;
      if (text[i] === '"') {
        this.append('"');
        i++;
      } else this.quoted = false;
    }
    for (; i < text.length; i++) if (this.step(text, i)) i++;
    return this;
  }

  end(): string[][] {
    if (this.field !== "" || this.row.length > 0) {
      this.endField();
      this.endRow();
    }
    return this.rows;
  }

  /** One character; true when it also took the next one (a doubled quote, or CRLF). */
  private step(text: string, i: number): boolean {
    const c = text[i];
    if (this.quoted) {
      if (c !== '"') return this.append(c);
      if (i + 1 === text.length) this.quoteAtEnd = true;
      else if (text[i + 1] === '"') {
        this.append('"');
        return true;
      } else this.quoted = false;
      return false;
    }
    if (c === '"' && this.field === "") this.quoted = true;
    else if (c === ",") this.endField();
    else if (c === "\n" || c === "\r") {
      this.endField();
      this.endRow();
      if (c === "\r") {
        if (i + 1 === text.length) this.crAtEnd = true;
        else if (text[i + 1] === "\n") return true;
      }
    } else this.append(c);
    return false;
  }

  private append(c: string): false {
    this.field += c;
    if (this.field.length > this.limits.cellChars) throw new CsvLimitError("cellChars");
    return false;
  }

  private endField() {
    if (this.row.length >= this.limits.columns) throw new CsvLimitError("columns");
    if (++this.cells > this.limits.cells) throw new CsvLimitError("cells");
    this.row.push(this.field);
    this.field = "";
  }

  private endRow() {
    if (this.rows.length >= this.limits.rows) throw new CsvLimitError("rows");
    this.rows.push(this.row);
    this.row = [];
  }
}

/** The rows of a whole CSV text, as written; a trailing empty line is not a row. */
export function parseCsv(text: string): string[][] {
  return new CsvReader().push(text).end();
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
export function exportCsv(
  rows: ExportCell[][],
  { bom = true, eol = "\r\n" }: { bom?: boolean; eol?: string } = {},
): string {
  const text =
    rows
      .map((r) => r.map((v) => csvCell(neutralizeCell(typeof v === "boolean" ? String(v) : v))).join(","))
      .join(eol) + eol;
  return bom ? `\ufeff${text}` : text;
}
