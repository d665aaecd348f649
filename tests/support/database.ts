import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Kysely } from "kysely";
import { createDatabase, parseDatabaseUrl } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import type { Database } from "../../db/schema";

export interface TestDatabase {
  db: Kysely<Database>;
  dialect: "sqlite" | "postgres";
  /** The DATABASE_URL a CLI run would need to reach this same database. */
  url: string;
  /** Extra environment for a child process (the PostgreSQL schema). */
  env: Record<string, string>;
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a schema of its own on that server.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (url && /^postgres/.test(url)) {
    const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const db = createDatabase({
      ...(parseDatabaseUrl(url) as { dialect: "postgres"; connectionString: string }),
      schema,
    });
    try {
      await migrateToLatest(db);
    } catch (error) {
      await db.destroy();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
      throw error;
    }
    return {
      db,
      dialect: "postgres",
      url,
      env: { DATABASE_URL: url, PGOPTIONS: `-c search_path=${schema}` },
      async destroy() {
        await db.destroy();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-test-"));
  const file = path.join(dir, "laurel.db");
  const db = createDatabase({ dialect: "sqlite", file });
  await migrateToLatest(db);
  return {
    db,
    dialect: "sqlite",
    url: `file:${file}`,
    env: { DATABASE_URL: `file:${file}` },
    async destroy() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
