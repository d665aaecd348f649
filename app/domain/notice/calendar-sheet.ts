import { isFatalHeader, mapHeader, readRow, type ColumnSpec, type RowIssue } from "../sheet-columns";
import { isIsoDate, type IsoDate } from "./iso-date";
import type { CalendarDayKind } from "./vocabulary";

/** The `calendar` sheet (docs/domain.md#sheets): date, kind, note. */
export const CALENDAR_COLUMNS: ColumnSpec[] = [
  { key: "date", en: "date", zh: "日期", required: true },
  { key: "kind", en: "kind", zh: "类型", required: true },
  { key: "note", en: "note", zh: "说明", required: false },
];

/** Accepted spellings of a kind; English is matched without regard to case. */
const KIND_SPELLINGS: Record<string, CalendarDayKind> = {
  holiday: "holiday",
  休息: "holiday",
  workday: "workday",
  上班: "workday",
};

export const MAX_CALENDAR_NOTE = 100;

export interface CalendarEntry {
  row: number;
  date: IsoDate;
  kind: CalendarDayKind;
  note: string;
}

export type CalendarMessageKey =
  | "form.required"
  | "form.date"
  | "form.tooLong"
  | "calendar.kind"
  | "calendar.conflictingDate";

/** Same shape as `RowIssue` in sheet-columns, with this module's keys. */
export interface CalendarRowIssue {
  row: number;
  column: string | null;
  messageKey: CalendarMessageKey;
  params?: Record<string, string | number>;
}

export function parseCalendarKind(raw: string): CalendarDayKind | null {
  const key = raw.normalize("NFKC").trim();
  return KIND_SPELLINGS[key] ?? KIND_SPELLINGS[key.toLowerCase()] ?? null;
}

function checkRow(
  row: number,
  cells: Record<string, string>,
  seen: Map<IsoDate, CalendarEntry>,
): CalendarEntry | CalendarRowIssue[] {
  const date = (cells.date ?? "").trim();
  const kindText = (cells.kind ?? "").trim();
  const note = (cells.note ?? "").trim();
  const kind = parseCalendarKind(kindText);
  const issues: CalendarRowIssue[] = [];
  if (!date) issues.push({ row, column: "date", messageKey: "form.required" });
  else if (!isIsoDate(date)) issues.push({ row, column: "date", messageKey: "form.date" });
  if (!kindText) issues.push({ row, column: "kind", messageKey: "form.required" });
  else if (!kind)
    issues.push({ row, column: "kind", messageKey: "calendar.kind", params: { value: kindText } });
  const earlier = seen.get(date);
  if (kind && earlier && earlier.kind !== kind) {
    issues.push({
      row,
      column: "kind",
      messageKey: "calendar.conflictingDate",
      params: { date, row: earlier.row },
    });
  }
  if ([...note].length > MAX_CALENDAR_NOTE)
    issues.push({ row, column: "note", messageKey: "form.tooLong", params: { max: MAX_CALENDAR_NOTE } });
  return issues.length ? issues : { row, date, kind: kind!, note };
}

/**
 * Checks the records of a calendar sheet, each already read into `{date, kind, note}` (see
 * `readRow`) with its sheet row number; blank rows are skipped. A row with any issue yields no
 * entry. A date repeated with the same kind is harmless; repeated with the other kind it is
 * refused on the later row, since the sheet cannot mean both.
 */
export function parseCalendarRows(records: ReadonlyArray<{ row: number; cells: Record<string, string> }>): {
  entries: CalendarEntry[];
  issues: CalendarRowIssue[];
} {
  const entries: CalendarEntry[] = [];
  const issues: CalendarRowIssue[] = [];
  const seen = new Map<IsoDate, CalendarEntry>();
  for (const { row, cells } of records) {
    if (Object.values(cells).every((c) => c.trim() === "")) continue;
    const checked = checkRow(row, cells, seen);
    if (Array.isArray(checked)) issues.push(...checked);
    else {
      if (!seen.has(checked.date)) seen.set(checked.date, checked);
      entries.push(checked);
    }
  }
  return { entries, issues };
}

/**
 * A whole calendar sheet as parsed CSV/XLSX rows, header first. A missing or doubled column
 * refuses the sheet (`fatal`); an unknown column is only reported.
 */
export function parseCalendarSheet(rows: string[][]): {
  entries: CalendarEntry[];
  issues: Array<RowIssue | CalendarRowIssue>;
  fatal: boolean;
} {
  const [header = [], ...records] = rows;
  const map = mapHeader(header, CALENDAR_COLUMNS);
  if (isFatalHeader(map.issues)) return { entries: [], issues: map.issues, fatal: true };
  const parsed = parseCalendarRows(records.map((cells, i) => ({ row: i + 2, cells: readRow(cells, map) })));
  return { entries: parsed.entries, issues: [...map.issues, ...parsed.issues], fatal: false };
}
