import { type Kysely, Migrator, sql } from "kysely";
import { dialectOf } from "./dialect";
import { migrations } from "./migrations/index";

export const MIGRATION_TABLE = "kysely_migration";
export const MIGRATION_LOCK_TABLE = "kysely_migration_lock";

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
}

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The names of the migrations this database has run, oldest first; [] when it has none. */
export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const rows = await db.selectFrom(MIGRATION_TABLE).select("name").orderBy("name").execute();
  return rows.map((r: { name: string }) => r.name);
}

/** True when every migration the database has run is one this code knows. */
export function isKnownSchema(applied: string[]): boolean {
  return applied.length > 0 && applied.every((name) => name in migrations);
}

/** Drops every table (and with it every trigger) so that migrations can start afresh. */
export async function dropAllTables(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!pg) await sql`pragma foreign_keys = off`.execute(db);
  for (const t of tables) {
    await (pg
      ? sql`drop table if exists ${sql.id(t.name)} cascade`
      : sql`drop table if exists ${sql.id(t.name)}`
    ).execute(db);
  }
  if (pg) await sql`drop function if exists audit_log_append_only() cascade`.execute(db);
  else await sql`pragma foreign_keys = on`.execute(db);
}
