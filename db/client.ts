import path from "node:path";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import pg from "pg";
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, type DialectAdapter } from "kysely";
import type { Database } from "./schema";
import { checkpointInBackground } from "./wal-checkpointer";

// COUNT(*) and SUM() come back from PostgreSQL as int8/numeric strings; Laurel's figures all fit a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number(v));

export const DEFAULT_DATABASE_URL = "file:data/laurel.db";

export type DatabaseTarget =
  | { dialect: "sqlite"; file: string }
  | { dialect: "postgres"; connectionString: string; schema?: string };

/** Reads DATABASE_URL: `file:PATH` (relative to the working folder) or a postgres URL. */
export function parseDatabaseUrl(url: string = DEFAULT_DATABASE_URL): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: "postgres", connectionString: url };
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (!file) throw new Error("DATABASE_URL file: needs a path");
    return { dialect: "sqlite", file: file === ":memory:" ? file : path.resolve(file) };
  }
  throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${url}")`);
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

/**
 * Kysely opens every transaction with a plain (deferred) BEGIN, which takes the write lock only at
 * the first write. With a second process on the file (server workers, the CLI) that upgrade fails
 * at once with SQLITE_BUSY when another process wrote since this transaction's first read, and the
 * busy timeout cannot help. Taking the lock at BEGIN makes a writer wait its turn instead.
 */
const BEGIN_WRITE = "begin immediate";

/**
 * Kysely prepares every query afresh; a bulk import runs the same few statements thousands of
 * times, and preparing them was a tenth of its time. Statements are kept by their SQL text (the
 * most recently used `size`); Kysely runs one query at a time on the connection, so a kept
 * statement is never in use twice, and SQLite re-prepares it by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database, onClose: () => void, size = 256) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      onClose();
      sqlite.close();
    },
    prepare(text: string): SQLite.Statement {
      const sql = text === "begin" ? BEGIN_WRITE : text;
      let stmt = cache.get(sql);
      if (stmt) cache.delete(sql);
      else stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

/**
 * SQLite runs DDL in transactions; Kysely's adapter says it does not, so its migrator would run
 * unguarded and two servers starting on one new file would both create the same tables. Said so,
 * a migration run is one transaction, begun immediate (above): the second server waits for the
 * first's run, then finds nothing left to do. Our migrations set no pragma, which a transaction
 * would ignore.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class LaurelSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export interface DatabaseOptions {
  /** SQLite files only: WAL checkpoints in a background thread (see wal-checkpointer.ts); for the long-running server. */
  backgroundCheckpoint?: boolean;
}

export function createDatabase(
  target: DatabaseTarget = parseDatabaseUrl(process.env.DATABASE_URL),
  options: DatabaseOptions = {},
): Kysely<Database> {
  if (target.dialect === "sqlite") {
    const sqlite = openSqlite(target.file);
    const stop =
      options.backgroundCheckpoint && target.file !== ":memory:"
        ? checkpointInBackground(sqlite, target.file)
        : () => {};
    return new Kysely<Database>({
      dialect: new LaurelSqliteDialect({ database: withStatementCache(sqlite, stop) }),
    });
  }
  const pool = new pg.Pool({ ...pgConnectionConfig(target), max: Number(process.env.PG_POOL_MAX ?? 10) });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** How `pg` reaches a PostgreSQL target; backup.ts opens its own client with the same settings. */
export function pgConnectionConfig(
  target: Extract<DatabaseTarget, { dialect: "postgres" }>,
): pg.ClientConfig {
  return {
    connectionString: target.connectionString,
    // Tests give each file its own schema; production uses the URL's default search_path.
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  };
}
