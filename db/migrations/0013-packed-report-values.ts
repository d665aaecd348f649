import type { Kysely } from "kysely";
import { sql } from "kysely";
import { columnKinds } from "./column-kinds";

// Frozen once merged: later changes go in a new numbered migration.

/**
 * A copy of each contest report's values on the report itself, as the JSON array
 * [indicator id, value, …], so that the standings read one short text per report instead of
 * turning 480,000 values into text on every read (decision 032). The database keeps it, by
 * triggers on contest_values, so no writer (web, CLI, import, an operator's SQL) can forget it.
 */

const SQLITE_PACK = (reportId: string) => `(select '[' || group_concat(v.indicator_id || ',' ||
    iif(v.value = cast(v.value as integer), cast(v.value as integer), v.value)) || ']'
    from contest_values v where v.report_id = ${reportId})`;

const PG_PACK = (reportId: string) => `(select '[' || string_agg(v.indicator_id || ',' || v.value, ',') || ']'
    from contest_values v where v.report_id = ${reportId})`;

export async function up(db: Kysely<any>): Promise<void> {
  const { pg } = columnKinds(db);
  await db.schema.alterTable("contest_reports").addColumn("values_packed", "text").execute();
  if (pg) await pgTriggers(db);
  else await sqliteTriggers(db);
  const pack = pg ? PG_PACK("contest_reports.id") : SQLITE_PACK("contest_reports.id");
  await sql`update contest_reports set values_packed = ${sql.raw(pack)}`.execute(db);
}

/** SQLite has row triggers only: each repacks the one report whose values changed. */
async function sqliteTriggers(db: Kysely<any>) {
  const repack = (ref: string) =>
    sql.raw(`update contest_reports set values_packed = ${SQLITE_PACK(ref)}
      where id = ${ref};`);
  await sql`create trigger contest_values_pack_insert after insert on contest_values
    begin ${repack("new.report_id")} end`.execute(db);
  await sql`create trigger contest_values_pack_update after update on contest_values
    begin ${repack("new.report_id")} ${repack("old.report_id")} end`.execute(db);
  await sql`create trigger contest_values_pack_delete after delete on contest_values
    begin ${repack("old.report_id")} end`.execute(db);
}

/**
 * PostgreSQL repacks once per statement, over the reports the statement touched (transition
 * tables), so an import of 100,000 rows repacks each report once rather than once per value.
 */
async function pgTriggers(db: Kysely<any>) {
  const repackFrom = (tables: string[]) =>
    sql.raw(`update contest_reports set values_packed = ${PG_PACK("contest_reports.id")}
      where id in (${tables.map((t) => `select report_id from ${t}`).join(" union ")});`);
  const fn = async (name: string, tables: string[]) =>
    // The schema the migration ran in, not the caller's: an operator's psql session still repacks.
    sql`create function ${sql.id(name)}() returns trigger language plpgsql
      set search_path from current as $$
      begin ${repackFrom(tables)} return null; end $$`.execute(db);
  await fn("contest_values_pack_new", ["new_rows"]);
  await fn("contest_values_pack_old", ["old_rows"]);
  await fn("contest_values_pack_both", ["new_rows", "old_rows"]);
  await sql`create trigger contest_values_pack_insert after insert on contest_values
    referencing new table as new_rows for each statement
    execute function contest_values_pack_new()`.execute(db);
  await sql`create trigger contest_values_pack_update after update on contest_values
    referencing old table as old_rows new table as new_rows for each statement
    execute function contest_values_pack_both()`.execute(db);
  await sql`create trigger contest_values_pack_delete after delete on contest_values
    referencing old table as old_rows for each statement
    execute function contest_values_pack_old()`.execute(db);
}
