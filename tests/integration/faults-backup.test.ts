import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "../../db/backup";
import { type DatabaseTarget, parseDatabaseUrl } from "../../db/client";
import { laurelSchema } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOrg, makeTree } from "../support/factories";
import { integrityCheck } from "../support/hardening-faults";

let source: TestDatabase;
let dir: string;

// Restores go back into the source: on PostgreSQL a dump restores only into the schema it came from.
beforeAll(async () => {
  source = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-online-backup-"));
  await makeTree(source.db);
});
afterAll(async () => {
  await source.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function targetOf(t: TestDatabase): Promise<DatabaseTarget> {
  if (t.dialect === "sqlite") return parseDatabaseUrl(t.url);
  return { dialect: "postgres", connectionString: t.url, schema: await laurelSchema(t.db) };
}

async function tables(t: TestDatabase): Promise<string[]> {
  const schema = await laurelSchema(t.db);
  return (await t.db.introspection.getTables())
    .filter((x) => schema === undefined || x.schema === schema)
    .map((x) => x.name)
    .sort();
}

const rowsOf = async (db: Kysely<Database>, table: string) =>
  (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1`.execute(db)).rows;
/** Row count and sha256 of rows in id order: equal hashes, equal content. */
const digest = (rows: unknown[]) => ({
  rows: rows.length,
  sha256: crypto.createHash("sha256").update(JSON.stringify(rows)).digest("hex"),
});

async function contentOf(t: TestDatabase) {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const table of await tables(t)) out[table] = digest(await rowsOf(t.db, table));
  return out;
}

describe(`online backup under writes (${process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"})`, () => {
  it("restores a consistent moment: whole transactions only, an exact prefix of what was written", async () => {
    let writing = true;
    let written = 0;
    const writer = (async () => {
      // Each org comes with its audit entry in one transaction (makeOrg opens it): a torn backup would split the pair.
      while (writing) {
        await makeOrg(source.db, null, { name: `备份期间的工会${written}`, kind: "provincial" });
        written++;
        // better-sqlite3 answers synchronously: yield, or the backup and the timers never run.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const file = path.join(dir, "during.bak");
    await backupDatabase(await targetOf(source), file);
    await new Promise((r) => setTimeout(r, 200));
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(5);
    const full = { orgs: await rowsOf(source.db, "orgs"), audit_log: await rowsOf(source.db, "audit_log") };

    await restoreDatabase(await targetOf(source), file);
    expect(await integrityCheck(source)).toBe("ok");
    const orgs = await source.db.selectFrom("orgs").select("id").orderBy("id").execute();
    const created = await source.db
      .selectFrom("audit_log")
      .select("entity_id")
      .where("action", "=", "org.create")
      .execute();
    expect(created.map((a) => Number(a.entity_id)).sort((a, b) => a - b)).toEqual(
      orgs.map((o) => Number(o.id)),
    );
    // Taken while writes went on, some were left out: the backup is one moment, not the end.
    expect(orgs.length).toBeLessThan(full.orgs.length);
    for (const table of ["orgs", "audit_log"] as const) {
      const restored = await rowsOf(source.db, table);
      const last = Math.max(...restored.map((r) => Number(r.id)));
      expect(digest(restored), table).toEqual(digest(full[table].filter((r) => Number(r.id) <= last)));
    }
  }, 120_000);

  it("restores, once writes have stopped, to the identical state: every table's rows and content hash", async () => {
    const before = await contentOf(source);
    const file = path.join(dir, "after.bak");
    await backupDatabase(await targetOf(source), file);
    await makeOrg(source.db, null, { name: "备份之后的工会", kind: "provincial" });
    await restoreDatabase(await targetOf(source), file);
    expect(await contentOf(source)).toEqual(before);
  }, 120_000);
});
