import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { dialectOf } from "../../db/dialect";
import { afterFailure, lockRemainingMs, type ThrottleState } from "~/domain/throttle";

async function readState(db: Kysely<Database>, key: string, forUpdate = false): Promise<ThrottleState | undefined> {
  let query = db.selectFrom("login_throttle").selectAll().where("key", "=", key);
  // SQLite serializes write transactions already, and has no FOR UPDATE.
  if (forUpdate && dialectOf(db) === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    failures: row.failures,
    firstFailureAt: Date.parse(row.first_failure_at),
    lockedUntil: row.locked_until ? Date.parse(row.locked_until) : null,
  };
}

/** Milliseconds until the longest lock among `keys` ends; 0 when none is locked. */
export async function lockedFor(db: Kysely<Database>, keys: string[], now = Date.now()): Promise<number> {
  let longest = 0;
  for (const key of keys) longest = Math.max(longest, lockRemainingMs(await readState(db, key), now));
  return longest;
}

export async function recordFailure(db: Kysely<Database>, keys: string[], now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Same lock order everywhere (no deadlock); a placeholder row with no failures gives the row
    // something to lock, and counts exactly like no row.
    for (const key of [...keys].sort()) {
      await trx
        .insertInto("login_throttle")
        .values({ key, failures: 0, first_failure_at: new Date(now).toISOString(), locked_until: null })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      const next = afterFailure(await readState(trx, key, true), now);
      const values = {
        failures: next.failures,
        first_failure_at: new Date(next.firstFailureAt).toISOString(),
        locked_until: next.lockedUntil ? new Date(next.lockedUntil).toISOString() : null,
      };
      await trx
        .insertInto("login_throttle")
        .values({ key, ...values })
        .onConflict((oc) => oc.column("key").doUpdateSet(values))
        .execute();
    }
  });
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", key).execute();
}
