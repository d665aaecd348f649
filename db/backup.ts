import fs from "node:fs";
import { spawnSync } from "node:child_process";
import SQLite from "better-sqlite3";
import type { DatabaseTarget } from "./client";
import { openSqlite } from "./client";
import { migrations } from "./migrations/index";
import { MIGRATION_TABLE } from "./migrate";

export class BackupError extends Error {}

/** A consistent copy of the whole database: SQLite's online backup, or pg_dump's custom format. */
export async function backupDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (target.dialect === "sqlite") {
    if (!fs.existsSync(target.file)) throw new BackupError(`no database at ${target.file}`);
    const src = openSqlite(target.file);
    try {
      await src.backup(file);
    } finally {
      src.close();
    }
    return;
  }
  runPgTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${target.connectionString}`]);
}

/** Migration names recorded in a SQLite file, or an error when it is not a Laurel database. */
function sqliteSchemaOf(file: string): string[] {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma("integrity_check", { simple: true });
    if (ok !== "ok") throw new BackupError(`${file} fails its integrity check`);
    const names = db.prepare(`select name from ${MIGRATION_TABLE} order by name`).pluck().all() as string[];
    return names;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a Laurel database`);
  } finally {
    db?.close();
  }
}

function assertKnownSchema(names: string[], file: string) {
  if (names.length === 0) throw new BackupError(`${file} is not a Laurel database (no migrations recorded)`);
  const unknown = names.filter((n) => !(n in migrations));
  if (unknown.length) throw new BackupError(`${file} has a schema this version does not know (${unknown.join(", ")})`);
}

/** Replaces the database with a backup, after checking that the backup is a Laurel database this code knows. */
export async function restoreDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`no file at ${file}`);
  if (target.dialect === "sqlite") {
    assertKnownSchema(sqliteSchemaOf(file), file);
    const src = new SQLite(file, { readonly: true });
    try {
      // The backup API writes through the destination's pager, so its WAL stays consistent.
      await src.backup(target.file);
    } finally {
      src.close();
    }
    const dest = openSqlite(target.file);
    dest.pragma("wal_checkpoint(TRUNCATE)");
    dest.close();
    return;
  }
  const listing = runPgTool("pg_restore", ["--list", file]);
  if (!/TABLE DATA \S+ kysely_migration /.test(listing)) throw new BackupError(`${file} is not a Laurel database dump`);
  const known = Object.keys(migrations);
  const dumped = runPgTool("pg_restore", ["--data-only", "--table=kysely_migration", "--file=-", file]);
  const names = [...dumped.matchAll(/^(\d{4}-[\w-]+)\t/gm)].map((m) => m[1]);
  assertKnownSchema(names.filter(Boolean), file);
  if (names.some((n) => !known.includes(n))) throw new BackupError(`${file} has an unknown schema`);
  runPgTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", `--dbname=${target.connectionString}`, file]);
}

function runPgTool(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new BackupError(`${tool} is not installed: install the PostgreSQL client tools (apt-get install postgresql-client)`);
  }
  if (result.status !== 0) throw new BackupError(`${tool} failed: ${result.stderr.trim()}`);
  return result.stdout;
}
