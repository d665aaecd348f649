import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseTarget, parseDatabaseUrl } from "../../db/client";
import { BackupError, backupDatabase, restoreDatabase } from "../../db/backup";
import { appliedMigrations, laurelSchema, migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOrg, makeTree, makeUser } from "../support/factories";
import { laurel } from "../support/cli";

// Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL names a server. On PostgreSQL the test
// database is a schema of its own, and backup/restore work on the schema the connection uses, so
// files running beside this one are never touched.

let t: TestDatabase;
let target: DatabaseTarget;
let dir: string;
const ORG_NAMES = ["测试省总工会", "甲市总工会", "乙市总工会", "甲市某县总工会"];

beforeAll(async () => {
  t = await createTestDatabase();
  target = await targetOf(t);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-backup-"));
  const tree = await makeTree(t.db);
  await makeUser(t.db, tree.province, ["admin"], { username: "bk_admin" });
  await makeUser(t.db, tree.cityA, ["nominator"], { username: "bk_nominator" });
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function targetOf(db: TestDatabase): Promise<DatabaseTarget> {
  if (db.dialect === "sqlite") return parseDatabaseUrl(db.url);
  return { dialect: "postgres", connectionString: db.url, schema: await laurelSchema(db.db) };
}

const count = async (table: "orgs" | "users" | "role_grants" | "audit_log") =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Everything these tests change, read back exactly. */
async function snapshot() {
  return {
    orgs: await t.db
      .selectFrom("orgs")
      .select(["id", "name", "kind", "region_code", "parent_id", "path"])
      .orderBy("id")
      .execute(),
    users: (await t.db.selectFrom("users").select("username").orderBy("username").execute()).map(
      (u) => u.username,
    ),
    grants: await count("role_grants"),
    audit: await count("audit_log"),
    migrations: await appliedMigrations(t.db),
    tables: await tableNames(),
  };
}

async function tableNames(): Promise<string[]> {
  const schema = await laurelSchema(t.db);
  const tables = await t.db.introspection.getTables({ withInternalKyselyTables: true });
  return tables
    .filter((x) => schema === undefined || x.schema === schema)
    .map((x) => x.name)
    .sort();
}

const file = (name: string) => path.join(dir, name);

function sqliteFile(where: string, ddl: string) {
  const db = new SQLite(where);
  db.exec(ddl);
  db.close();
}

/** Records a migration this version of Laurel does not have, takes a backup, and takes the record back out. */
async function backupFromTheFuture(name: string): Promise<string> {
  const out = file(name);
  await t.db
    .insertInto("kysely_migration" as any)
    .values({ name: "9999-from-the-future", timestamp: new Date().toISOString() })
    .execute();
  try {
    await backupDatabase(target, out);
  } finally {
    await t.db
      .deleteFrom("kysely_migration" as any)
      .where("name", "=", "9999-from-the-future")
      .execute();
  }
  return out;
}

/** A backup of a database that is not Laurel's: one table, no migrations. */
async function foreignBackup(name: string): Promise<string> {
  const out = file(name);
  if (target.dialect === "sqlite") {
    const other = new SQLite(file(`${name}.src`));
    other.exec(
      "create table notes (id integer primary key, body text); insert into notes (body) values ('hello')",
    );
    await other.backup(out);
    other.close();
    return out;
  }
  const schema = `${target.schema}_foreign`;
  await sql`create schema ${sql.id(schema)}`.execute(t.db);
  try {
    await sql`create table ${sql.id(schema, "notes")} (id serial primary key, body text)`.execute(t.db);
    await backupDatabase({ ...target, schema }, out);
  } finally {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(t.db);
  }
  return out;
}

describe(`backup and restore (${process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"})`, () => {
  it("restores exactly what was backed up, dropping what came after", async () => {
    const before = await snapshot();
    expect(before.orgs.map((o) => o.name)).toEqual(ORG_NAMES);
    expect(before.users).toEqual(["bk_admin", "bk_nominator"]);
    expect(before.grants).toBe(2);
    expect(before.migrations).toEqual(Object.keys(migrations).sort());
    await backupDatabase(target, file("round-trip.bak"));
    expect(fs.readdirSync(dir)).toEqual(["round-trip.bak"]);

    // Changes after the backup, including a table a newer migration might have made.
    const later = await makeOrg(t.db, null, { name: "备份之后的工会", kind: "provincial" });
    await makeUser(t.db, later, ["admin"], { username: "bk_later" });
    await t.db
      .updateTable("orgs")
      .set({ name: "改名的乙市总工会" })
      .where("name", "=", "乙市总工会")
      .execute();
    await sql`create table stray_after_backup (x integer)`.execute(t.db);
    expect(await count("orgs")).toBe(5);

    await restoreDatabase(target, file("round-trip.bak"));
    expect(await snapshot()).toEqual(before);
    expect(await tableNames()).not.toContain("stray_after_backup");
    expect(await migrateToLatest(t.db)).toEqual([]);
    // Ids carry on after the restored rows: the sequences came back too.
    const next = await makeOrg(t.db, null, { name: "恢复之后的工会", kind: "provincial" });
    expect(next.id).toBe(Math.max(...before.orgs.map((o) => o.id)) + 1);
    expect(await count("orgs")).toBe(5);
    await restoreDatabase(target, file("round-trip.bak"));
    expect(await count("orgs")).toBe(4);
  });

  it("refuses a file that is not a Laurel database, changing nothing", async () => {
    const before = await snapshot();
    const text = file("notes.txt");
    fs.writeFileSync(text, "这不是数据库\nnot a database\n");
    const bareSqlite = file("bare.db");
    sqliteFile(bareSqlite, "create table notes (id integer primary key)");
    const noRows = file("no-rows.db");
    sqliteFile(noRows, "create table kysely_migration (name text primary key, timestamp text)");
    const fakeDump = file("fake.dump");
    fs.writeFileSync(fakeDump, "PGDMP garbage that is no archive");

    const refusals = async (f: string) =>
      (
        await restoreDatabase(target, f).then(
          () => null,
          (e: Error) => e,
        )
      )?.message;
    if (target.dialect === "sqlite") {
      expect(await refusals(text)).toBe(`${text} is not a Laurel database`);
      expect(await refusals(bareSqlite)).toBe(`${bareSqlite} is not a Laurel database`);
      expect(await refusals(noRows)).toBe(`${noRows} is not a Laurel database (no migrations recorded)`);
      expect(await refusals(fakeDump)).toBe(
        `${fakeDump} is a PostgreSQL dump: restore it with a postgres:// DATABASE_URL`,
      );
    } else {
      expect(await refusals(text)).toBe(`${text} is not a Laurel database dump`);
      for (const f of [bareSqlite, noRows])
        expect(await refusals(f)).toBe(`${f} is a SQLite database: restore it with a file: DATABASE_URL`);
      expect(await refusals(fakeDump)).toMatch(/^pg_restore failed: pg_restore: error: /);
    }
    const foreign = await foreignBackup("foreign.bak");
    expect(await refusals(foreign)).toBe(
      target.dialect === "sqlite"
        ? `${foreign} is not a Laurel database`
        : `${foreign} is not a Laurel database dump`,
    );
    expect(await refusals(file("missing.bak"))).toBe(`no file at ${file("missing.bak")}`);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a backup of a schema this version does not know, changing nothing", async () => {
    const before = await snapshot();
    const future = await backupFromTheFuture("future.bak");
    await expect(restoreDatabase(target, future)).rejects.toThrow(
      new BackupError(`${future} has a schema this version does not know (9999-from-the-future)`),
    );
    expect(await snapshot()).toEqual(before);
  });

  it.runIf(process.env.TEST_DATABASE_URL?.startsWith("postgres"))(
    "refuses on PostgreSQL a dump of another schema",
    async () => {
      const other = await createTestDatabase();
      try {
        const otherTarget = await targetOf(other);
        if (otherTarget.dialect !== "postgres" || target.dialect !== "postgres")
          throw new Error("expected PostgreSQL");
        await backupDatabase(otherTarget, file("other.bak"));
        await expect(restoreDatabase(target, file("other.bak"))).rejects.toThrow(
          `${file("other.bak")} holds the schema "${otherTarget.schema}", but this database keeps Laurel in "${target.schema}"`,
        );
      } finally {
        await other.destroy();
      }
    },
  );

  it("leaves nothing behind when a backup cannot be written", async () => {
    const where = path.join(dir, `missing-${crypto.randomBytes(3).toString("hex")}`, "x.bak");
    await expect(backupDatabase(target, where)).rejects.toThrow(`no folder ${path.dirname(where)}`);
    expect(fs.existsSync(path.dirname(where))).toBe(false);
  });

  it("backs up and restores from the command line", async () => {
    const out = file("cli.bak");
    const made = laurel(["backup", out], t.env);
    expect(made.stderr).toBe(`Backed up to ${out}.\n`);
    expect(made.status).toBe(0);
    const before = await snapshot();
    await makeOrg(t.db, null, { name: "命令行之后的工会", kind: "provincial" });
    const restored = laurel(["restore", out], t.env);
    expect(restored.stderr).toBe(`Restored from ${out}.\n`);
    expect(restored.status).toBe(0);
    expect(await snapshot()).toEqual(before);

    const refused = laurel(["restore", file("notes.txt")], t.env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is not a Laurel database/);
    expect(laurel(["restore"], t.env).status).toBe(2);
  }, 120_000); // four command line runs, each a fresh node process
});
