/**
 * The kinds of notification and how each may be delivered (docs/domain.md#notifications).
 * Adding an event is one entry here, its messages in app/i18n/messages/notifications.ts, and one
 * `notify(...)` call in the model that makes the event.
 */
export const NOTIFICATION_KINDS = [
  "nomination_returned",
  "nomination_eligible",
  "nomination_ineligible",
  "sheets_assigned",
  "objection_filed",
  "notice_ending",
  "contest_report_returned",
  "contest_application_decided",
  "reminder_nomination_drafts",
  "reminder_unsubmitted_sheets",
  "reminder_contest_reports",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** immediately by mail, in a daily digest, or in the app's inbox only. */
export const DELIVERIES = ["immediate", "digest", "none"] as const;
export type Delivery = (typeof DELIVERIES)[number];

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const isReminder = (kind: NotificationKind) => kind.startsWith("reminder_");

/** Decisions and assignments go out at once; reminders wait for the day's digest. */
export function defaultDelivery(kind: NotificationKind): Delivery {
  return isReminder(kind) ? "digest" : "immediate";
}
