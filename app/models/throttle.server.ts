import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { dialectOf } from "../../db/dialect";
import {
  afterFailure,
  afterRefund,
  lockRemainingMs,
  type ThrottleKey,
  type ThrottleState,
} from "~/domain/throttle";

async function readState(trx: Transaction<Database>, key: string): Promise<ThrottleState | undefined> {
  let query = trx.selectFrom("login_throttle").selectAll().where("key", "=", key);
  // SQLite's write transactions begin immediate and so run one at a time; it has no FOR UPDATE.
  if (dialectOf(trx) === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    failures: row.failures,
    firstFailureAt: Date.parse(row.first_failure_at),
    lockedUntil: row.locked_until ? Date.parse(row.locked_until) : null,
  };
}

async function writeState(trx: Transaction<Database>, key: string, state: ThrottleState): Promise<void> {
  await trx
    .updateTable("login_throttle")
    .set({
      failures: state.failures,
      first_failure_at: new Date(state.firstFailureAt).toISOString(),
      locked_until: state.lockedUntil ? new Date(state.lockedUntil).toISOString() : null,
    })
    .where("key", "=", key)
    .execute();
}

/** Same lock order everywhere, so that two attempts never wait on each other's rows (no deadlock). */
const inLockOrder = (keys: ThrottleKey[]) =>
  [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/**
 * Counts one attempt on every key, or on none when any is locked: the milliseconds until the
 * longest lock ends, 0 when the attempt may go on. Checking and counting happen under the rows'
 * locks in one transaction, so parallel attempts cannot all pass a check before any is counted.
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  keys: ThrottleKey[],
  now = Date.now(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ordered = inLockOrder(keys);
    const states: (ThrottleState | undefined)[] = [];
    for (const { key } of ordered) {
      // A placeholder row with no failures gives the row something to lock, and counts exactly like no row.
      await trx
        .insertInto("login_throttle")
        .values({ key, failures: 0, first_failure_at: new Date(now).toISOString(), locked_until: null })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      states.push(await readState(trx, key));
    }
    const lockedMs = Math.max(0, ...states.map((s) => lockRemainingMs(s, now)));
    if (lockedMs > 0) return lockedMs;
    for (const [i, { key, limit }] of ordered.entries())
      await writeState(trx, key, afterFailure(states[i], now, limit));
    return 0;
  });
}

/** A right password hands its reservation back, so that signing in never counts against anyone. */
export async function refundAttempt(db: Kysely<Database>, keys: ThrottleKey[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { key, limit } of inLockOrder(keys)) {
      const state = await readState(trx, key);
      if (state) await writeState(trx, key, afterRefund(state, limit));
    }
  });
}
