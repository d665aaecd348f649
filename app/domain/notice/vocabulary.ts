/**
 * The stored values of the working-day calendar and objections (docs/domain.md#stored-vocabulary). The
 * schema types its columns with these unions and migration 0008 lists the same values in CHECK
 * constraints (decision 016): a new value needs a new migration. A notice's unit is a
 * competition's NOTICE_UNITS.
 */
export const CALENDAR_DAY_KINDS = ["holiday", "workday"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export const OBJECTION_STATUSES = ["open", "upheld", "dismissed"] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
