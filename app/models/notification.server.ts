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
  const byId = new Map(users.map((u) => [u.id, u]));
  const deliveryOf = (u: (typeof users)[number]): Delivery => u.delivery ?? defaultDelivery(input.kind);
  let made = 0;
  // In slices, one statement each: a bulk review or a reminder scan notifies hundreds at once.
  for (let i = 0; i < users.length; i += SLICE) {
    const slice = users.slice(i, i + SLICE);
    const inserted = await db
      .insertInto("notifications")
      .values(
        slice.map((u) => ({
          user_id: u.id,
          kind: input.kind,
          params_json: paramsJson,
          link: input.link,
          dedupe_key: input.dedupeKey?.(u.id) ?? null,
          delivery: deliveryOf(u),
          read_at: null,
          digested_at: null,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning(["id", "user_id"])
      .execute();
    made += inserted.length;
    const mails = inserted
      .map((n) => ({ n, u: byId.get(n.user_id)! }))
      .filter(({ u }) => deliveryOf(u) === "immediate" && u.email);
    if (mails.length) await queueMails(db, mails, input, now);
  }
  return made;
}

const SLICE = 500;

async function queueMails(
  db: Kysely<Database>,
  mails: { n: { id: number }; u: { id: number; email: string | null; mail_language: string } }[],
  input: NotifyInput,
  now: string,
): Promise<void> {
  const base = appBaseUrl();
  await db
    .insertInto("outbox")
    .values(
      mails.map(({ n, u }) => {
        const locale = isLocale(u.mail_language) ? u.mail_language : "zh-CN";
        const mail = renderMail(locale, input.kind, input.params, input.link, base);
        return {
          user_id: u.id,
          to_address: u.email!,
          language: locale,
          notification_id: n.id,
          digest_day: null,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html,
          status: "pending" as const,
          attempts: 0,
          next_attempt_at: now,
          claimed_by: null,
          claimed_until: null,
          last_error: null,
          sent_at: null,
          created_at: now,
        };
      }),
    )
    .execute();
}
