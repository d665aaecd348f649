import type { Generated } from "kysely";
import type { Delivery, NotificationKind, OutboxStatus } from "../app/domain/notifications/vocabulary";

/** In-app notifications, users' choices per kind, the mail outbox and job leases (docs/domain.md#notifications). */
export interface NotificationTables {
  notification_preferences: NotificationPreferenceTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
  job_leases: JobLeaseTable;
}

/** A user's choice for one kind; no row: the kind's default. */
export interface NotificationPreferenceTable {
  user_id: number;
  kind: NotificationKind;
  delivery: Delivery;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  /** The message's parameters (names, titles, dates): never ID numbers, phones or objectors. */
  params_json: string;
  /** Path inside the app, e.g. /competitions/3/nominations?status=returned. */
  link: string;
  /** Reminders: kind:subject:recipient:day, so that one goes out once. */
  dedupe_key: string | null;
  /** How the recipient wanted it when it was made. */
  delivery: Delivery;
  read_at: string | null;
  digested_at: string | null;
  created_at: string;
}

/** A mail to send, rendered in the recipient's language when it was queued. */
export interface OutboxTable {
  id: Generated<number>;
  user_id: number | null;
  to_address: string;
  language: string;
  notification_id: number | null;
  /** A daily digest's day (ISO date); null for a single notification's mail. */
  digest_day: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  /** The sender that holds it while sending, and until when (a crashed sender's claim lapses). */
  claimed_by: string | null;
  claimed_until: string | null;
  /** The SMTP server's answer to the last failed attempt. */
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

/** One server at a time runs a periodic job: whoever holds an unexpired lease. */
export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: string;
  last_run_at: string | null;
}
