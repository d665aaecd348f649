import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { throttleKeys } from "~/domain/throttle";
import { verifyPassword } from "~/utils/password.server";
import { refundAttempt, reserveAttempt } from "./throttle.server";
import { getCredentials } from "./user.server";
import { recordAudit } from "./audit.server";

export type SignInOutcome =
  | { ok: true; userId: number; epoch: number }
  | { ok: false; reason: "invalid" | "locked" | "disabled"; minutes?: number };

/**
 * Checks a password under throttling (see domain/throttle.ts). The attempt is counted before the
 * password is looked at, so a lock cannot be used to test guesses and parallel guesses cannot
 * outrun it; an unknown username is checked against a dummy hash, so it costs the same time.
 */
export async function signIn(
  db: Kysely<Database>,
  { username, password, ip }: { username: string; password: string; ip: string | null },
): Promise<SignInOutcome> {
  const keys = throttleKeys(username, ip);
  const lockedMs = await reserveAttempt(db, keys);
  if (lockedMs > 0) return { ok: false, reason: "locked", minutes: Math.ceil(lockedMs / 60000) };
  const creds = await getCredentials(db, username);
  if (!(await verifyPassword(creds?.password_hash ?? null, password)) || !creds) {
    await recordAudit(
      db,
      { userId: null, label: username.slice(0, 64), ip },
      {
        action: "login.failure",
        entity: "user",
        entityId: creds?.id,
        orgPath: creds?.org_path,
      },
    );
    return { ok: false, reason: "invalid" };
  }
  await refundAttempt(db, keys);
  if (!creds.is_active) return { ok: false, reason: "disabled" };
  return { ok: true, userId: creds.id, epoch: creds.session_epoch };
}
