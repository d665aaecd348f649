import { type Kysely, Migrator, sql } from "kysely";
import { dialectOf } from "./dialect";
import { migrations } from "./migrations/index";

export const MIGRATION_TABLE = "kysely_migration";
export const MIGRATION_LOCK_TABLE = "kysely_migration_lock";

/**
 * The PostgreSQL schema Laurel's tables live in: the first schema of the connection's search_path
 * (`public` unless the connection says otherwise); undefined on SQLite. Kysely's introspection lists
 * the tables of every schema in the database, so anything that looks for a table filters by this.
 */
export async function laurelSchema(db: Kysely<any>): Promise<string | undefined> {
  if (dialectOf(db) !== "postgres") return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  if (!rows[0]?.schema) throw new Error("No schema of the search_path exists in this PostgreSQL database");
  return rows[0].schema;
}

async function tablesOf(db: Kysely<any>) {
  const schema = await laurelSchema(db);
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.filter((t) => schema === undefined || t.schema === schema);
}

async function migrator(db: Kysely<any>): Promise<Migrator> {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Without it, Kysely takes a migration table in another schema of the same database for ours.
    migrationTableSchema: await laurelSchema(db),
  });
}

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The names of the migrations this database has run, oldest first; [] when it has none. */
export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  if (!(await tablesOf(db)).some((t) => t.name === MIGRATION_TABLE)) return [];
  const rows = await db.selectFrom(MIGRATION_TABLE).select("name").orderBy("name").execute();
  return rows.map((r: { name: string }) => r.name);
}

/** True when every migration the database has run is one this code knows. */
export function isKnownSchema(applied: string[]): boolean {
  return applied.length > 0 && applied.every((name) => name in migrations);
}

/** Drops every table of Laurel's schema (and with it every trigger) so that migrations can start afresh. */
export async function dropAllTables(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  const tables = await tablesOf(db);
  if (!pg) await sql`pragma foreign_keys = off`.execute(db);
  for (const t of tables) {
    await (
      pg
        ? sql`drop table if exists ${sql.id(t.schema!, t.name)} cascade`
        : sql`drop table if exists ${sql.id(t.name)}`
    ).execute(db);
  }
  if (pg) await dropFunctions(db, (await laurelSchema(db))!);
  else await sql`pragma foreign_keys = on`.execute(db);
}

/** Drops the trigger functions that migrations created in the schema (not those of extensions). */
async function dropFunctions(db: Kysely<any>, schema: string): Promise<void> {
  const { rows } = await sql<{ signature: string }>`
    select p.oid::regprocedure::text as signature
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = ${schema}
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`.execute(db);
  // regprocedure text is already quoted and schema-qualified as needed.
  for (const { signature } of rows)
    await sql`drop function if exists ${sql.raw(signature)} cascade`.execute(db);
}
