import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { isLocale, type Params } from "~/i18n";
import { digestDayDue, renderDigest, type DigestItem } from "~/domain/notifications/digest";
import { acquireLease, dropLease } from "./job-lease.server";
import { appBaseUrl } from "./notification.server";

/** How long one server holds the day's digest build before another may take it over (a crash mid-build). */
const DIGEST_LEASE_MS = 5 * 60_000;

export interface DigestOptions {
  /** The hour of China's day after which the day's digests are made (MAIL_DIGEST_HOUR). */
  digestHour: number;
  /** This server (claims and leases name it). */
  holder: string;
  now?: Date;
}

/**
 * Makes the day's digests once the digest hour has passed: for each user with an address and
 * notifications waiting for a digest, one outbox row listing the unread ones, and every waiting one
 * marked digested in the same transaction. A user gets one digest a day, whichever server and
 * however often this runs: the day's lease keeps two servers from building at once, and each user's
 * notifications are taken by one atomic update (a second builder finds none left). Returns how many
 * digests were queued.
 */
export async function buildDigests(db: Kysely<Database>, options: DigestOptions): Promise<number> {
  const now = options.now ?? new Date();
  const day = digestDayDue(now, options.digestHour);
  if (!day) return 0;
  const lease = `digest:${day}`;
  if (!(await acquireLease(db, lease, options.holder, DIGEST_LEASE_MS, now))) return 0;
  try {
    let made = 0;
    for (const userId of await usersAwaitingDigest(db, day))
      if (await db.transaction().execute((trx) => digestFor(trx, userId, day, now))) made += 1;
    return made;
  } finally {
    await dropLease(db, lease, options.holder);
  }
}

/** Users with an address, notifications waiting for a digest, and no digest yet on `day`. */
async function usersAwaitingDigest(db: Kysely<Database>, day: string): Promise<number[]> {
  const waiting = await db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .select("n.user_id")
    .distinct()
    .where("n.delivery", "=", "digest")
    .where("n.digested_at", "is", null)
    .where("u.email", "is not", null)
    .where("u.is_active", "=", 1)
    .orderBy("n.user_id")
    .execute();
  if (waiting.length === 0) return [];
  const done = await db.selectFrom("outbox").select("user_id").where("digest_day", "=", day).execute();
  const had = new Set(done.map((d) => d.user_id));
  return waiting.map((w) => w.user_id).filter((id) => !had.has(id));
}

/** One user's digest of `day`, inside the caller's transaction; false when another builder was first. */
async function digestFor(db: Kysely<Database>, userId: number, day: string, now: Date): Promise<boolean> {
  const already = await db
    .selectFrom("outbox")
    .select("id")
    .where("user_id", "=", userId)
    .where("digest_day", "=", day)
    .executeTakeFirst();
  if (already) return false;
  const user = await db
    .selectFrom("users")
    .select(["email", "mail_language"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user?.email) return false;
  const at = now.toISOString();
  const taken = await db
    .updateTable("notifications")
    .set({ digested_at: at })
    .where("user_id", "=", userId)
    .where("delivery", "=", "digest")
    .where("digested_at", "is", null)
    .returning(["id", "kind", "params_json", "link", "read_at"])
    .execute();
  // What the user has read in the inbox already is not mailed again.
  const items: DigestItem[] = taken
    .filter((n) => n.read_at === null)
    .sort((a, b) => a.id - b.id)
    .map((n) => ({ kind: n.kind, params: JSON.parse(n.params_json) as Params, link: n.link }));
  if (items.length === 0) return false;
  const locale = isLocale(user.mail_language) ? user.mail_language : "zh-CN";
  const mail = renderDigest(locale, day, items, appBaseUrl());
  await db
    .insertInto("outbox")
    .values({
      user_id: userId,
      to_address: user.email,
      language: locale,
      notification_id: null,
      digest_day: day,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      status: "pending",
      attempts: 0,
      next_attempt_at: at,
      claimed_by: null,
      claimed_until: null,
      last_error: null,
      sent_at: null,
      created_at: at,
    })
    .execute();
  return true;
}
