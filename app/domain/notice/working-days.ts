import type { NoticeUnit } from "../competitions/vocabulary";
import { fromDayNumber, requireDayNumber, type IsoDate } from "./iso-date";
import type { CalendarDayKind } from "./vocabulary";

/**
 * The configured adjustments to the ordinary week: public holidays that fall on weekdays (and,
 * harmlessly, on weekends) and the make-up workdays (调休) that fall on weekends.
 */
export interface WorkCalendar {
  holidays: ReadonlySet<IsoDate>;
  workdays: ReadonlySet<IsoDate>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/**
 * Builds a calendar from dated entries in order; a later entry for the same date wins, the way a
 * re-import updates a date in place.
 */
export function calendarOf(entries: Iterable<{ date: IsoDate; kind: CalendarDayKind }>): WorkCalendar {
  const holidays = new Set<IsoDate>();
  const workdays = new Set<IsoDate>();
  for (const { date, kind } of entries) {
    (kind === "holiday" ? workdays : holidays).delete(date);
    (kind === "holiday" ? holidays : workdays).add(date);
  }
  return { holidays, workdays };
}

/** The years the calendar says anything about: a period reaching past them may be miscounted. */
export function calendarYears(cal: WorkCalendar): number[] {
  const years = new Set<number>();
  for (const d of [...cal.holidays, ...cal.workdays]) years.add(Number(d.slice(0, 4)));
  return [...years].sort((a, b) => a - b);
}

function isWorkingDayNumber(day: number, cal: WorkCalendar): boolean {
  const date = fromDayNumber(day);
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  // Day 0 (1970-01-01) was a Thursday: (day + 4) mod 7 is the weekday, 0 = Sunday.
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
}

/** Weekends rest unless listed as a make-up workday; weekdays work unless listed as a holiday. */
export function isWorkingDay(date: IsoDate, cal: WorkCalendar): boolean {
  return isWorkingDayNumber(requireDayNumber(date), cal);
}

/** The date itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: IsoDate, cal: WorkCalendar): IsoDate {
  let day = requireDayNumber(date);
  while (!isWorkingDayNumber(day, cal)) day++;
  return fromDayNumber(day);
}

/**
 * The n-th working day after `date` (n ≥ 0; n = 0 gives the date itself, working or not).
 * A finite calendar cannot list every day as a holiday, so the walk always ends.
 */
export function addWorkingDays(date: IsoDate, n: number, cal: WorkCalendar): IsoDate {
  assertCount(n, 0);
  let day = requireDayNumber(date);
  for (let left = n; left > 0; ) {
    day++;
    if (isWorkingDayNumber(day, cal)) left--;
  }
  return fromDayNumber(day);
}

/** Working days from `from` to `to`, both included; 0 when `to` is before `from`. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, cal: WorkCalendar): number {
  const last = requireDayNumber(to);
  let count = 0;
  for (let day = requireDayNumber(from); day <= last; day++) if (isWorkingDayNumber(day, cal)) count++;
  return count;
}

/** The first and last day of a notice period; the notice ends at the end of `last`. */
export interface NoticeWindow {
  first: IsoDate;
  last: IsoDate;
}

/**
 * A notice of `n` days starting on `start`. Working days: day 1 is the start date when it is a
 * working day, else the next working day, and the period ends on the n-th working day. Calendar
 * days: day 1 is the start date itself, whatever it is.
 */
export function noticeWindow(start: IsoDate, n: number, unit: NoticeUnit, cal: WorkCalendar): NoticeWindow {
  assertCount(n, 1);
  if (unit === "calendar") {
    const first = requireDayNumber(start);
    return { first: start, last: fromDayNumber(first + n - 1) };
  }
  const first = nextWorkingDay(start, cal);
  return { first, last: addWorkingDays(first, n - 1, cal) };
}

/** The last day of a notice period (`laurel notice end`). */
export function noticeEnd(start: IsoDate, n: number, unit: NoticeUnit, cal: WorkCalendar): IsoDate {
  return noticeWindow(start, n, unit, cal).last;
}

/** Open on a given date: objections are taken from the publication date to the end of the last day. */
export function isNoticeOpen(today: IsoDate, start: IsoDate, end: IsoDate): boolean {
  return (
    requireDayNumber(today) >= requireDayNumber(start) && requireDayNumber(today) <= requireDayNumber(end)
  );
}

// Callers validate user input with NoticePeriodSchema; reaching here with a bad count is a bug.
function assertCount(n: number, min: number): void {
  if (!Number.isSafeInteger(n) || n < min)
    throw new RangeError(`day count must be an integer ≥ ${min}: ${n}`);
}
