import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import {
  defaultDelivery,
  NOTIFICATION_KINDS,
  type Delivery,
  type NotificationKind,
} from "~/domain/notifications/vocabulary";
import { type Actor, recordAudit } from "./audit.server";

export interface KindChoice {
  kind: NotificationKind;
  delivery: Delivery;
  isDefault: boolean;
}

/** A user's choice for every kind: the stored one, or the kind's default. */
export async function listPreferences(db: Kysely<Database>, userId: number): Promise<KindChoice[]> {
  const rows = await db
    .selectFrom("notification_preferences")
    .select(["kind", "delivery"])
    .where("user_id", "=", userId)
    .execute();
  const stored = new Map(rows.map((r) => [r.kind, r.delivery]));
  return NOTIFICATION_KINDS.map((kind) => ({
    kind,
    delivery: stored.get(kind) ?? defaultDelivery(kind),
    isDefault: !stored.has(kind),
  }));
}

/**
 * Stores a user's choices. A choice equal to the kind's default keeps no row, so that a default
 * changed later reaches everyone who never chose otherwise.
 */
export async function savePreferences(
  trx: Transaction<Database>,
  actor: Actor,
  userId: number,
  choices: Partial<Record<NotificationKind, Delivery>>,
): Promise<void> {
  const chosen = NOTIFICATION_KINDS.filter((k) => choices[k] !== undefined);
  if (chosen.length === 0) return;
  await trx
    .deleteFrom("notification_preferences")
    .where("user_id", "=", userId)
    .where("kind", "in", chosen)
    .execute();
  const rows = chosen
    .filter((kind) => choices[kind] !== defaultDelivery(kind))
    .map((kind) => ({ user_id: userId, kind, delivery: choices[kind]! }));
  if (rows.length) await trx.insertInto("notification_preferences").values(rows).execute();
  await recordAudit(trx, actor, {
    action: "user.notificationPreferences",
    entity: "user",
    entityId: userId,
    orgPath: null,
    after: Object.fromEntries(rows.map((r) => [r.kind, r.delivery])),
  });
}

export interface MailSettings {
  email: string | null;
  mailLanguage: "zh-CN" | "en";
  /** The mail server's last hard refusal of the address, and when. */
  problem: { answer: string; at: string | null } | null;
}

export async function getMailSettings(db: Kysely<Database>, userId: number): Promise<MailSettings> {
  const row = await db
    .selectFrom("users")
    .select(["email", "mail_language", "email_problem", "email_problem_at"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return {
    email: row.email,
    mailLanguage: row.mail_language,
    problem: row.email_problem ? { answer: row.email_problem, at: row.email_problem_at } : null,
  };
}

/**
 * Sets a user's address and mail language. A new address clears the mail server's refusal of
 * the old one: it has not refused this one yet.
 */
export async function setMailSettings(
  trx: Transaction<Database>,
  actor: Actor,
  user: { id: number; orgPath: string | null },
  next: { email: string | null; mailLanguage: "zh-CN" | "en" },
): Promise<void> {
  const before = await getMailSettings(trx, user.id);
  const changed = before.email !== next.email;
  await trx
    .updateTable("users")
    .set({
      email: next.email,
      mail_language: next.mailLanguage,
      ...(changed ? { email_problem: null, email_problem_at: null } : {}),
    })
    .where("id", "=", user.id)
    .execute();
  await recordAudit(trx, actor, {
    action: "user.mailSettings",
    entity: "user",
    entityId: user.id,
    orgPath: user.orgPath,
    before: { email: before.email, mailLanguage: before.mailLanguage },
    after: next,
  });
}
