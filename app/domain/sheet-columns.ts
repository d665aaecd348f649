import type { MessageKey, Params } from "~/i18n";

/** A column of an import sheet: its key, English and Chinese headers, and whether it must be there. */
export interface ColumnSpec {
  key: string;
  en: string;
  zh: string;
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

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Matches a header row against the spec: English or Chinese names in any order. Unknown, doubled
 * and missing required columns are issues on row 1.
 */
export function mapHeader(header: string[], spec: readonly ColumnSpec[]): HeaderMap {
  const index = new Map<string, number>();
  const issues: RowIssue[] = [];
  header.forEach((raw, i) => {
    const name = norm(raw);
    if (!name) return;
    const col = spec.find((c) => norm(c.en) === name || norm(c.zh) === name);
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
