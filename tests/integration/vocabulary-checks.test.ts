import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { migrateToLatest, MIGRATION_TABLE } from "../../db/migrate";
import { ENUMERATED_COLUMNS, up as up0008 } from "../../db/migrations/0008-vocabulary-checks";
import { dialectOf } from "../../db/dialect";
import { loadDemo } from "../../seed/load";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { migrateEmptyTo } from "../support/migrate-to";

const DATA_KEY = Buffer.alloc(32, 7);
const BAD = "not_a_value";

/** A fresh database at 0007, whatever createTestDatabase migrated it to. */
const before0008 = (db: Kysely<any>) => migrateEmptyTo(db, "0007-sessions");

/** The tables the demo leaves empty get one valid row each, so that every column has a row to copy. */
async function fillEmptyTables(db: Kysely<Database>): Promise<void> {
  const n = await db
    .selectFrom("nominations")
    .select(["id", "category_id"])
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  await db
    .insertInto("consultations")
    .values({ nomination_id: n.id, department: "公安", opinion: "positive", note: "", recorded_by: null, at })
    .execute();
  await db
    .insertInto("committee_overrides")
    .values({
      category_id: n.category_id,
      nomination_id: n.id,
      decision: "include",
      reason: "test",
      decided_by: null,
      decided_at: at,
    })
    .execute();
}

/**
 * The stage `running` came with 0011, which widens 0008's stage check: the demo's running contest
 * is put back in draft, as it would have been before 0011, so that 0008 runs over what it knew.
 */
async function withoutRunning(db: Kysely<Database>): Promise<void> {
  await db.updateTable("competitions").set({ stage: "draft" }).where("stage", "=", "running").execute();
  await db.deleteFrom("competition_stages").where("stage", "=", "running").execute();
}

/** Takes away what 0008 added (constraints on PostgreSQL, triggers on SQLite), leaving the rows. */
async function drop0008Checks(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  for (const { table, column } of ENUMERATED_COLUMNS) {
    const name = `${table}_${column}_check`;
    if (pg) await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(db);
    else
      for (const when of ["insert", "update"])
        await sql`drop trigger ${sql.id(`${name}_${when}`)}`.execute(db);
  }
}

describe("the CHECK constraints of migration 0008", () => {
  let t: TestDatabase;
  const db = () => t.db as Kysely<any>;

  // The demo is loaded by today's code, which needs today's schema: so the database is migrated to
  // the latest, filled, stripped of 0008's checks, and 0008 then runs over the full tables again.
  beforeAll(async () => {
    t = await createTestDatabase();
    await loadDemo(t.db, DATA_KEY);
    await fillEmptyTables(t.db);
    await withoutRunning(t.db);
    await drop0008Checks(t.db as Kysely<any>);
    await up0008(t.db as Kysely<any>);
  });
  afterAll(() => t.destroy());

  it("run over a database the demo filled, keeping every row", async () => {
    const { n } = await db()
      .selectFrom("nominations")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBeGreaterThan(300);
  });

  for (const { table, column } of ENUMERATED_COLUMNS) {
    it(`refuse a value outside the vocabulary in ${table}.${column}, by insert and by update`, async () => {
      const row = await db()
        .selectFrom(table)
        .selectAll()
        .where(column, "is not", null)
        .limit(1)
        .executeTakeFirst();
      if (!row) throw new Error(`${table} has no row with ${column} set`);
      const constraint = `${table}_${column}_check`;
      const { id: _id, ...copy } = row;
      await expect(
        db()
          .insertInto(table)
          .values({ ...copy, [column]: BAD })
          .execute(),
      ).rejects.toThrow(constraint);
      await expect(
        db().updateTable(table).set(column, BAD).where(column, "=", row[column]).execute(),
      ).rejects.toThrow(constraint);
      const { n } = await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .where(column, "=", BAD)
        .executeTakeFirstOrThrow();
      expect(Number(n)).toBe(0);
    });
  }
});

describe("migration 0008 over a value outside the vocabulary", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await before0008(t.db);
  });
  afterAll(() => t.destroy());

  it("stops with the table, column and value, and changes nothing", async () => {
    const at = new Date().toISOString();
    await (t.db as Kysely<any>)
      .insertInto("orgs")
      .values({
        name: "旧数据",
        kind: "township",
        region_code: null,
        parent_id: null,
        path: "/",
        created_at: at,
      })
      .execute();
    await expect(migrateToLatest(t.db)).rejects.toThrow(/orgs\.kind.*township/);
    const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(t.db);
    expect(applied.rows.map((r) => r.name)).not.toContain("0008-vocabulary-checks");
  });
});
