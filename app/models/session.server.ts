import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { idleCutoff, SESSION_LIFETIME_MS } from "~/domain/sessions";

/** The row id of a cookie's token: its SHA-256, so that a copy of the table signs nobody in. */
export function sessionIdOf(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}

/**
 * A new session for `userId` at `epoch` (the epoch read with the password that was checked, so a
 * change made meanwhile still ends it); its 128-bit random token, for the cookie. Sign-ins are rare
 * enough to sweep away expired rows at the same time, which keeps the table to live sessions.
 */
export async function createSession(
  db: Kysely<Database>,
  userId: number,
  epoch: number,
  now = Date.now(),
): Promise<string> {
  const token = crypto.randomBytes(16).toString("base64url");
  const at = new Date(now).toISOString();
  await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expires_at", "<=", at), eb("last_seen_at", "<=", idleCutoff(now))]))
    .execute();
  await db
    .insertInto("sessions")
    .values({
      id: sessionIdOf(token),
      user_id: userId,
      epoch,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now + SESSION_LIFETIME_MS).toISOString(),
    })
    .execute();
  return token;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionIdOf(token)).execute();
}

/** Ends every session of a user; run in the transaction that changes their password, roles or activation. */
export async function deleteSessionsOf(trx: Transaction<Database>, userId: number): Promise<void> {
  await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function touchSession(db: Kysely<Database>, sessionId: string, now = Date.now()): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: new Date(now).toISOString() })
    .where("id", "=", sessionId)
    .execute();
}
