import { addDays, requireDayNumber, type IsoDate } from "../notice/iso-date";
import { isWorkingDay, type WorkCalendar } from "../notice/working-days";
import type { NotificationKind } from "./vocabulary";

/**
 * When reminders fall due (docs/domain.md#notifications, decision 031). A deadline is the last day
 * of a stage's plan (competition_stages.ends_on), of a contest period's reporting window
 * (closes_on) or of a notice period (notices.ends_on): the work may still be done on that day.
 */

/** What the scan makes: the three reminders and the notice's approaching end. */
export const SCANNED_KINDS = [
  "reminder_nomination_drafts",
  "reminder_unsubmitted_sheets",
  "reminder_contest_reports",
  "notice_ending",
] as const satisfies readonly NotificationKind[];
export type ScannedKind = (typeof SCANNED_KINDS)[number];

/** Stage reminders go 3 and 1 working days before the end; the notice's end is announced 1 before. */
export const STAGE_LEADS = [3, 1] as const;
export const NOTICE_LEADS = [1] as const;

/**
 * The n-th working day before `end` (n ≥ 1), counting back from the day before it: the 1st working
 * day before a Friday end is Thursday, before a Monday end the Friday before (or the make-up
 * Sunday, 调休, when the calendar lists one).
 */
export function workingDaysBefore(end: IsoDate, n: number, cal: WorkCalendar): IsoDate {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`lead must be an integer ≥ 1: ${n}`);
  let day = end;
  for (let left = n; left > 0; ) {
    day = addDays(day, -1);
    if (isWorkingDay(day, cal)) left--;
  }
  return day;
}

/** A reminder due today: which lead, and the working day it belongs to (its key's day). */
export interface DueReminder {
  lead: number;
  day: IsoDate;
}

/**
 * The reminder due on `today` for a deadline `end`, if any. Each lead owns the days from its own
 * working day up to the next (shorter) lead's day, the shortest lead up to and including `end`:
 * a scan that missed a lead's day (no server ran, a holiday week) still sends it on the days
 * after, until the next one takes over; a lead whose days were all missed is not sent late. The
 * key's day is the lead's own day, whatever day the scan found it, so it goes once.
 */
export function dueReminder(
  today: IsoDate,
  end: IsoDate,
  cal: WorkCalendar,
  leads: readonly number[] = STAGE_LEADS,
): DueReminder | null {
  const t = requireDayNumber(today);
  if (t > requireDayNumber(end)) return null;
  const days = [...leads]
    .sort((a, b) => a - b)
    .map((lead) => ({ lead, day: workingDaysBefore(end, lead, cal) }));
  // Shortest lead first: the first whose day has come is the one that owns today.
  return days.find((d) => t >= requireDayNumber(d.day)) ?? null;
}

/** kind:subject:recipient:day, unique in notifications.dedupe_key: one reminder, once. */
export function reminderKey(kind: ScannedKind, subject: string, userId: number, day: IsoDate): string {
  return `${kind}:${subject}:${userId}:${day}`;
}

/** What a reminder is about: a competition's stage, or a participant's report for one period. */
export const stageSubject = (competitionId: number, stage: string) => `competition-${competitionId}-${stage}`;
export const reportSubject = (participantId: number, periodId: number) =>
  `participant-${participantId}-period-${periodId}`;
