import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/client";

// How db/client.ts opens a SQLite file, for servers that share it with other processes. The
// database under test is a file of its own, so the PostgreSQL run has nothing to add.
describe.skipIf(process.env.TEST_DATABASE_URL?.startsWith("postgres"))("the SQLite connection", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-sqlite-"));
    file = path.join(dir, "laurel.db");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("takes the write lock when a transaction begins, so another process waits instead of failing mid-way", async () => {
    const db = createDatabase({ dialect: "sqlite", file });
    try {
      await sql`create table t (x integer)`.execute(db);
      await db.transaction().execute(async (trx) => {
        const other = new SQLite(file);
        other.pragma("busy_timeout = 0");
        try {
          expect(() => other.exec("begin immediate")).toThrow(/locked|busy/i);
        } finally {
          other.close();
        }
        await sql`insert into t values (1)`.execute(trx);
      });
    } finally {
      await db.destroy();
    }
  });

  it("checkpoints the write-ahead log in a background thread when asked, never on a commit", async () => {
    const db = createDatabase({ dialect: "sqlite", file }, { backgroundCheckpoint: true });
    try {
      expect(
        (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]
          .wal_autocheckpoint,
      ).toBe(0);
      await sql`create table blobs (b blob)`.execute(db);
      const before = fs.statSync(file).size;
      // About 300 pages: under the 1000 at which a commit would checkpoint by itself.
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 300) insert into blobs select randomblob(4000) from n`.execute(
        db,
      );
      // The pages reach the database file only through a checkpoint.
      await expect.poll(() => fs.statSync(file).size, { timeout: 5000 }).toBeGreaterThan(before + 300 * 4000);
    } finally {
      await db.destroy();
    }
  });
});
