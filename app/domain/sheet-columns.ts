import type { MessageKey, Params } from "~/i18n";

/** A column of an import sheet: its key, English and Chinese headers, and whether it must be there. */
export interface ColumnSpec {
  key: string;
  en: string;
  zh: string;
  /** Other headers offices write for the column (姓名 or 名称 for 姓名/名称). */
  aliases?: readonly string[];
  required: boolean;
}

export interface RowIssue {
  /** Row number as in the sheet: the header is row 1. */
  row: number;
  column: string | null;
  messageKey: MessageKey;
  params?: Params;
}

export interface HeaderMap {
  index: Map<string, number>;
  issues: RowIssue[];
}

/**
 * The one comparison of sheet headers, for every importer: full-width forms folded (（）→(),
 * full-width letters and the ideographic space), case ignored, spaces and underscores ignored
 * ("Birth Date", "birth_date" and "出生 日期" match), and a trailing required-marker * dropped.
 */
export function normalizeHeader(raw: string): string {
  return raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_]+/g, "")
    .replace(/^\*+|\*+$/g, "");
}

const headersOf = (col: ColumnSpec) => [col.en, col.zh, ...(col.aliases ?? [])].map(normalizeHeader);

/**
 * Matches a header row against the spec: English or Chinese names (or an alias) in any order,
 * compared by normalizeHeader. Unknown, doubled and missing required columns are issues on row 1.
 */
export function mapHeader(header: string[], spec: readonly ColumnSpec[]): HeaderMap {
  const index = new Map<string, number>();
  const issues: RowIssue[] = [];
  const known = spec.map((col) => ({ col, names: headersOf(col) }));
  header.forEach((raw, i) => {
    const name = normalizeHeader(raw ?? "");
    if (!name) return;
    const col = known.find((k) => k.names.includes(name))?.col;
    if (!col)
      issues.push({
        row: 1,
        column: raw.trim(),
        messageKey: "import.unknownColumn",
        params: { column: raw.trim() },
      });
    else if (index.has(col.key))
      issues.push({
        row: 1,
        column: raw.trim(),
        messageKey: "import.duplicateColumn",
        params: { column: raw.trim() },
      });
    else index.set(col.key, i);
  });
  for (const col of spec) {
    if (col.required && !index.has(col.key)) {
      issues.push({
        row: 1,
        column: col.en,
        messageKey: "import.missingColumn",
        params: { column: `${col.en} (${col.zh})` },
      });
    }
  }
  return { index, issues };
}

/** The record of one sheet row, trimmed cells keyed by column key; absent columns are "". */
export function readRow(cells: string[], map: HeaderMap): Record<string, string> {
  const out: Record<string, string> = {};
  // NUL never belongs in a cell, and PostgreSQL refuses it in text: it is dropped.
  for (const [key, i] of map.index) out[key] = (cells[i] ?? "").replaceAll("\u0000", "").trim();
  return out;
}

/** True when a header issue makes the whole sheet unusable (a missing or doubled column). */
export function isFatalHeader(issues: RowIssue[]): boolean {
  return issues.some((i) => i.messageKey !== "import.unknownColumn");
}
