import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import SQLite from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "./client";
import { openSqlite, pgConnectionConfig } from "./client";
import { migrations } from "./migrations/index";
import { MIGRATION_TABLE } from "./migrate";

export class BackupError extends Error {}

type PgTarget = Extract<DatabaseTarget, { dialect: "postgres" }>;

/** The server as this connection sees it: the schema Laurel lives in and the major version. */
interface PgServer {
  schema: string;
  major: number;
}

/**
 * A consistent copy of the whole database: SQLite's online backup, or pg_dump's custom format of the
 * schema Laurel lives in. Written beside FILE and renamed, so a failed backup leaves nothing behind.
 */
export async function backupDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (!fs.existsSync(path.dirname(path.resolve(file))))
    throw new BackupError(`no folder ${path.dirname(path.resolve(file))}`);
  const partial = `${file}.partial-${crypto.randomBytes(4).toString("hex")}`;
  try {
    if (target.dialect === "sqlite") await backupSqlite(target.file, partial);
    else await backupPostgres(target, partial);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Replaces the database with a backup, after checking that the backup is a Laurel database this code knows. */
export async function restoreDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError(`no file at ${file}`);
  const kind = fileKind(file);
  if (target.dialect === "sqlite") {
    if (kind === "pg_dump")
      throw new BackupError(`${file} is a PostgreSQL dump: restore it with a postgres:// DATABASE_URL`);
    await restoreSqlite(target.file, file);
  } else {
    if (kind === "sqlite")
      throw new BackupError(`${file} is a SQLite database: restore it with a file: DATABASE_URL`);
    if (kind !== "pg_dump") throw new BackupError(`${file} is not a Laurel database dump`);
    await restorePostgres(target, file);
  }
}

function fileKind(file: string): "sqlite" | "pg_dump" | "other" {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString("latin1") === "SQLite format 3\0") return "sqlite";
  return head.subarray(0, 5).toString("latin1") === "PGDMP" ? "pg_dump" : "other";
}

function assertKnownSchema(names: string[], file: string) {
  if (names.length === 0) throw new BackupError(`${file} is not a Laurel database (no migrations recorded)`);
  const unknown = names.filter((n) => !(n in migrations));
  if (unknown.length)
    throw new BackupError(`${file} has a schema this version does not know (${unknown.join(", ")})`);
}

// ---- SQLite

async function backupSqlite(source: string, dest: string): Promise<void> {
  if (!fs.existsSync(source)) throw new BackupError(`no database at ${source}`);
  const src = openSqlite(source);
  try {
    // Every remaining page in one step: copied 100 pages at a time, the backup restarts on each
    // write another connection makes, and under steady writes it never finished.
    await src.backup(dest, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
}

/** Migration names recorded in a SQLite file, or an error when it is not a Laurel database. */
function sqliteSchemaOf(file: string): string[] {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma("integrity_check", { simple: true });
    if (ok !== "ok") throw new BackupError(`${file} fails its integrity check`);
    return db.prepare(`select name from ${MIGRATION_TABLE} order by name`).pluck().all() as string[];
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a Laurel database`);
  } finally {
    db?.close();
  }
}

async function restoreSqlite(dest: string, file: string): Promise<void> {
  assertKnownSchema(sqliteSchemaOf(file), file);
  const src = new SQLite(file, { readonly: true });
  try {
    // The backup API writes through the destination's pager, so its WAL stays consistent.
    await src.backup(dest);
  } finally {
    src.close();
  }
  const db = openSqlite(dest);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

// ---- PostgreSQL

async function inspectServer(target: PgTarget): Promise<PgServer> {
  const client = new pg.Client(pgConnectionConfig(target));
  try {
    await client.connect();
    const { rows } = await client.query<{ schema: string | null; version: number }>(
      "select current_schema() as schema, current_setting('server_version_num')::int as version",
    );
    if (!rows[0].schema) throw new BackupError("no schema of the search_path exists in this database");
    return { schema: rows[0].schema, major: Math.floor(rows[0].version / 10000) };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`cannot reach the PostgreSQL database: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function backupPostgres(target: PgTarget, file: string): Promise<void> {
  const server = await inspectServer(target);
  runPgTool(server, "pg_dump", [
    "--format=custom",
    "--no-owner",
    "--no-privileges",
    `--schema=${quotePattern(server.schema)}`,
    `--file=${file}`,
    `--dbname=${target.connectionString}`,
  ]);
}

/**
 * Checks the dump, then in one transaction drops everything in Laurel's schema and loads the dump,
 * so a database restored from an older backup has no tables left over from newer migrations.
 */
async function restorePostgres(target: PgTarget, file: string): Promise<void> {
  const server = await inspectServer(target);
  const listing = runPgTool(server, "pg_restore", ["--list", file]);
  const dumped = /^\d+; \d+ \d+ TABLE DATA (\S+) kysely_migration /m.exec(listing)?.[1];
  if (!dumped) throw new BackupError(`${file} is not a Laurel database dump`);
  if (dumped !== server.schema) {
    throw new BackupError(
      `${file} holds the schema "${dumped}", but this database keeps Laurel in "${server.schema}"`,
    );
  }
  const data = runPgTool(server, "pg_restore", [
    "--data-only",
    `--schema=${dumped}`,
    `--table=${MIGRATION_TABLE}`,
    "--file=-",
    file,
  ]);
  assertKnownSchema(copiedMigrationNames(data), file);
  // The schema itself stays: it exists already, and may belong to someone else (public does).
  const entries = listing.split("\n").filter((line) => !/^\d+; \d+ \d+ (SCHEMA|COMMENT) - /.test(line));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-restore-"));
  try {
    fs.writeFileSync(path.join(dir, "list"), entries.join("\n"));
    await loadDump(server, target, file, path.join(dir, "list"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The first column of the rows in pg_restore's `COPY … kysely_migration … FROM stdin;` block. */
function copiedMigrationNames(sql: string): string[] {
  const lines = sql.split("\n");
  const start = lines.findIndex((l) => /^COPY \S+\.kysely_migration /.test(l));
  if (start < 0) return [];
  const end = lines.indexOf("\\.", start);
  return lines.slice(start + 1, end < 0 ? undefined : end).map((l) => l.split("\t")[0]);
}

/**
 * Drops Laurel's tables, views, sequences and functions in the schema (not those of extensions).
 * The statements are all written before the first drop: a cascade takes serial columns' sequences
 * with their tables, and a name read afterwards would come out as a bare oid.
 */
function dropSchemaContents(schema: string): string {
  const nsp = `(select oid from pg_namespace where nspname = '${schema.replace(/'/g, "''")}')`;
  return `do $laurel$
declare stmts text[]; s text;
begin
  select coalesce(array_agg(format('drop %s if exists %s cascade', kind, name)), '{}') into stmts from (
    select case c.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'S' then 'sequence'
             when 'f' then 'foreign table' else 'table' end as kind, c.oid::regclass::text as name
      from pg_class c
     where c.relnamespace = ${nsp} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
       and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
    union all
    select 'routine', p.oid::regprocedure::text from pg_proc p
     where p.pronamespace = ${nsp}
       and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')) o;
  foreach s in array stmts loop
    execute s;
  end loop;
end $laurel$;
`;
}

/**
 * pg_restore's SQL piped into psql inside one transaction, after the drops; COMMIT is sent only when
 * pg_restore finished cleanly, so a failure anywhere leaves the database as it was.
 */
function loadDump(server: PgServer, target: PgTarget, file: string, useList: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const restore = spawn(
      pgTool(server, "pg_restore"),
      ["--no-owner", "--no-privileges", `--use-list=${useList}`, "--file=-", file],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const psql = spawn(
      pgTool(server, "psql"),
      ["--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=-", `--dbname=${target.connectionString}`],
      { stdio: ["pipe", "ignore", "pipe"] },
    );
    const errors = { pg_restore: "", psql: "" };
    restore.stderr.on("data", (d) => (errors.pg_restore += d));
    psql.stderr.on("data", (d) => (errors.psql += d));
    psql.stdin.on("error", () => undefined); // psql stopped at an error: its stderr says which
    let failure: Error | undefined;
    const fail = (error: Error) => (failure ??= error);
    restore.on("error", fail);
    psql.on("error", fail);
    psql.stdin.write("begin;\n" + dropSchemaContents(server.schema));
    restore.stdout.pipe(psql.stdin, { end: false });
    const status: { pg_restore?: number | null; psql?: number | null } = {};
    const settle = () => {
      if (!("pg_restore" in status && "psql" in status)) return;
      if (failure) reject(toolError(server, failure));
      else if (status.psql !== 0) reject(new BackupError(`psql failed: ${errors.psql.trim()}`));
      else if (status.pg_restore !== 0)
        reject(new BackupError(`pg_restore failed: ${errors.pg_restore.trim()}`));
      else resolve();
    };
    restore.on("close", (code) => {
      status.pg_restore = code;
      psql.stdin.end(code === 0 ? "commit;\n" : "");
      settle();
    });
    psql.on("close", (code) => {
      status.psql = code;
      if (restore.exitCode === null) restore.kill(); // nobody reads its output any more
      settle();
    });
  });
}

/** A pg_dump pattern matching exactly this name. */
function quotePattern(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * pg_dump refuses a server newer than itself, so prefer the tools of the server's major version:
 * $PG_BINDIR, then Debian's /usr/lib/postgresql/MAJOR/bin, then PATH.
 */
function pgTool(server: PgServer, tool: string): string {
  if (process.env.PG_BINDIR) return path.join(process.env.PG_BINDIR, tool);
  const debian = `/usr/lib/postgresql/${server.major}/bin/${tool}`;
  return fs.existsSync(debian) ? debian : tool;
}

function toolError(server: PgServer, error: Error): BackupError {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    const tool = (error as NodeJS.ErrnoException & { path?: string }).path ?? "a PostgreSQL tool";
    return new BackupError(
      `${tool} is not installed: install the PostgreSQL ${server.major} client tools (apt-get install postgresql-client-${server.major}) or set PG_BINDIR`,
    );
  }
  return new BackupError(error.message);
}

function runPgTool(server: PgServer, tool: string, args: string[]): string {
  const result = spawnSync(pgTool(server, tool), args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw toolError(server, result.error);
  if (result.status !== 0) {
    const hint = /version mismatch/.test(result.stderr)
      ? ` (set PG_BINDIR to the folder of the PostgreSQL ${server.major} tools)`
      : "";
    throw new BackupError(`${tool} failed: ${result.stderr.trim()}${hint}`);
  }
  return result.stdout;
}
