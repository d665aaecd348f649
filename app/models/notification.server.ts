import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { isLocale, type Params } from "~/i18n";
import { renderMail } from "~/domain/notifications/render";
import { defaultDelivery, type Delivery, type NotificationKind } from "~/domain/notifications/vocabulary";
import { nowIso } from "~/utils/time.server";

export interface NotifyInput {
  kind: NotificationKind;
  /** Recipients; duplicates and inactive users are skipped. */
  userIds: readonly number[];
  /** Names, titles, dates for the message: never ID numbers, phones or objectors' identities. */
  params: Params;
  /** A path inside the app where the work is. */
  link: string;
  /** Reminders: one key per recipient, (kind, subject, recipient, day): a second notify with it does nothing. */
  dedupeKey?: (userId: number) => string;
}

/** Where mail links point; LAUREL_URL in production. */
export function appBaseUrl(): string {
  return process.env.LAUREL_URL || `http://localhost:${process.env.PORT ?? 3000}`;
}

/**
 * Records an event's notifications, and queues the mail of those who want it at once, with the
 * caller's transaction: the event and its notifications are written together or not at all
 * (decision 025). Returns how many notifications were made (a duplicate reminder makes none).
 */
export async function notify(db: Kysely<Database>, input: NotifyInput): Promise<number> {
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) return 0;
  const users = await db
    .selectFrom("users")
    .leftJoin("notification_preferences as p", (j) =>
      j.onRef("p.user_id", "=", "users.id").on("p.kind", "=", input.kind),
    )
    .select(["users.id", "users.email", "users.mail_language", "p.delivery"])
    .where("users.id", "in", ids)
    .where("users.is_active", "=", 1)
    .orderBy("users.id")
    .execute();
  const now = nowIso();
  const paramsJson = JSON.stringify(input.params);
  let made = 0;
  for (const u of users) {
    const delivery: Delivery = u.delivery ?? defaultDelivery(input.kind);
    const inserted = await db
      .insertInto("notifications")
      .values({
        user_id: u.id,
        kind: input.kind,
        params_json: paramsJson,
        link: input.link,
        dedupe_key: input.dedupeKey?.(u.id) ?? null,
        delivery,
        read_at: null,
        digested_at: null,
        created_at: now,
      })
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) continue;
    made += 1;
    if (delivery === "immediate" && u.email) await queueMail(db, u, inserted.id, input, now);
  }
  return made;
}

async function queueMail(
  db: Kysely<Database>,
  user: { id: number; email: string | null; mail_language: string },
  notificationId: number,
  input: NotifyInput,
  now: string,
): Promise<void> {
  const locale = isLocale(user.mail_language) ? user.mail_language : "zh-CN";
  const mail = renderMail(locale, input.kind, input.params, input.link, appBaseUrl());
  await db
    .insertInto("outbox")
    .values({
      user_id: user.id,
      to_address: user.email!,
      language: locale,
      notification_id: notificationId,
      digest_day: null,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      claimed_by: null,
      claimed_until: null,
      last_error: null,
      sent_at: null,
      created_at: now,
    })
    .execute();
}
