import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { verifyPassword } from "~/utils/password.server";
import { clearFailures, lockedFor, recordFailure } from "./throttle.server";
import { getCredentials } from "./user.server";
import { recordAudit } from "./audit.server";

export type SignInOutcome =
  | { ok: true; userId: number; epoch: number }
  | { ok: false; reason: "invalid" | "locked" | "disabled"; minutes?: number };

/**
 * Checks a password under throttling by username and by IP. A locked key is refused before the
 * password is looked at, so a lock cannot be used to test guesses.
 */
export async function signIn(
  db: Kysely<Database>,
  { username, password, ip }: { username: string; password: string; ip: string | null },
): Promise<SignInOutcome> {
  const keys = [`user:${username.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
  const lockedMs = await lockedFor(db, keys);
  if (lockedMs > 0) return { ok: false, reason: "locked", minutes: Math.ceil(lockedMs / 60000) };
  const creds = await getCredentials(db, username);
  if (!creds || !(await verifyPassword(creds.password_hash, password))) {
    await recordFailure(db, keys);
    await recordAudit(db, { userId: null, label: username.slice(0, 64), ip }, {
      action: "login.failure",
      entity: "user",
      entityId: creds?.id,
      orgPath: creds?.org_path,
    });
    return { ok: false, reason: "invalid" };
  }
  if (!creds.is_active) return { ok: false, reason: "disabled" };
  await clearFailures(db, keys[0]);
  return { ok: true, userId: creds.id, epoch: creds.session_epoch };
}
