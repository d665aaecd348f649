/**
 * Calendar dates as ISO strings ("2018-09-28"), computed on a UTC day count so that no local
 * timezone or daylight-saving shift can move a date. A date here is a civil day, never an instant.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a valid ISO date, else null (2018-02-30 is not a date). */
export function dayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 02-30 over to 03-02, and maps years 0–99 to 1900–1999: compare to reject both.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

export function isIsoDate(value: string): boolean {
  return dayNumber(value) !== null;
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day number of a date the caller has already validated; a bad date is a programming error. */
export function requireDayNumber(date: string): number {
  const n = dayNumber(date);
  if (n === null) throw new RangeError(`not an ISO date: ${date}`);
  return n;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(requireDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(requireDayNumber(date) * MS_PER_DAY).getUTCDay();
}

/** Today's date in China (UTC+8, no daylight saving), the civil day users and deadlines mean. */
export function chinaToday(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
