import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Leases on periodic jobs (decision 031): whoever holds the unexpired lease of a job runs it, so
 * that of several app servers one at a time does. Taking a lease is one statement, an upsert that
 * succeeds only when nobody holds it, it has lapsed, or the caller already holds it; the database
 * decides between servers that race for it (a PostgreSQL row lock, SQLite's single writer).
 */

/** Takes or renews the lease `name` for `holder` until `ttlMs` from now; false when another holds it. */
export async function acquireLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  ttlMs: number,
  now: Date = new Date(),
): Promise<boolean> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + ttlMs).toISOString();
  const row = await db
    .insertInto("job_leases")
    .values({ name, holder, expires_at: until, last_run_at: null })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ holder, expires_at: until })
        .where((eb) => eb.or([eb("job_leases.expires_at", "<=", at), eb("job_leases.holder", "=", holder)])),
    )
    .returning("name")
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives the lease up at once (a server stopping), so another may take it without waiting it out. */
export async function releaseLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  now: Date = new Date(),
): Promise<void> {
  await db
    .updateTable("job_leases")
    .set({ expires_at: now.toISOString() })
    .where("name", "=", name)
    .where("holder", "=", holder)
    .execute();
}

/** Records that the holder finished a run of the job: operators read when it last ran. */
export async function recordRun(
  db: Kysely<Database>,
  name: string,
  holder: string,
  at: Date = new Date(),
): Promise<void> {
  await db
    .updateTable("job_leases")
    .set({ last_run_at: at.toISOString() })
    .where("name", "=", name)
    .where("holder", "=", holder)
    .execute();
}

/** The lease as stored, for operators and tests. */
export function readLease(db: Kysely<Database>, name: string) {
  return db.selectFrom("job_leases").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Removes a one-off lease (a day's digest build) once its work is done: nothing is left to renew. */
export async function dropLease(db: Kysely<Database>, name: string, holder: string): Promise<void> {
  await db.deleteFrom("job_leases").where("name", "=", name).where("holder", "=", holder).execute();
}
