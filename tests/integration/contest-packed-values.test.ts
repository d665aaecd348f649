import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { migrateToLatest } from "../../db/migrate";
import { migrateEmptyTo } from "../support/migrate-to";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree } from "../support/factories";
import { enrol, fileReport, makeContest, type StoredContest } from "../support/contest-fixture";

/*
 * The standings read each report's values from the packed copy on contest_reports (decision 032);
 * the database keeps it, so any writer, even raw SQL, leaves it equal to the values.
 */
let t: TestDatabase;
let contest: StoredContest;
let reportId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  const tree = await makeTree(t.db);
  contest = await makeContest(t.db, tree.province, {
    groups: ["市总工会组"],
    periods: [{ label: "Q1", from: "2018-01-01", to: "2018-03-31" }],
    indicators: [
      { code: "a", method: "target", weight: 50 },
      { code: "b", method: "bonus", per_unit: 0.5, max_points: 10 },
    ],
  });
  await enrol(t.db, contest, tree.cityA, "市总工会组");
  await fileReport(t.db, contest, tree.cityA.id, "Q1", { a: 12, b: 0.25 });
  reportId = (await t.db.selectFrom("contest_reports").select("id").executeTakeFirstOrThrow()).id;
});

afterAll(async () => t.destroy());

/** The packed copy as indicator code → value, or null when the report has no values. */
async function packed(): Promise<Record<string, number> | null> {
  const row = await t.db
    .selectFrom("contest_reports")
    .select("values_packed")
    .where("id", "=", reportId)
    .executeTakeFirstOrThrow();
  if (row.values_packed === null) return null;
  const pairs = JSON.parse(row.values_packed) as number[];
  const code = new Map([...contest.indicator].map(([c, id]) => [id, c]));
  const out: Record<string, number> = {};
  for (let n = 0; n < pairs.length; n += 2) out[code.get(pairs[n])!] = pairs[n + 1];
  return out;
}

describe("the packed copy of a report's values", () => {
  it("is written with the values, integers and fractions alike", async () => {
    expect(await packed()).toEqual({ a: 12, b: 0.25 });
  });

  it("follows an update, a delete and an insert made by plain SQL", async () => {
    await sql`update contest_values set value = 1e20 where report_id = ${reportId}
      and indicator_id = ${contest.indicator.get("a")!}`.execute(t.db);
    expect(await packed()).toEqual({ a: 1e20, b: 0.25 });
    await sql`delete from contest_values where report_id = ${reportId}
      and indicator_id = ${contest.indicator.get("b")!}`.execute(t.db);
    expect(await packed()).toEqual({ a: 1e20 });
    await sql`insert into contest_values (report_id, indicator_id, value)
      values (${reportId}, ${contest.indicator.get("b")!}, 0.001)`.execute(t.db);
    expect(await packed()).toEqual({ a: 1e20, b: 0.001 });
  });

  it("is filled by the migration for the reports a deployed server already holds", async () => {
    const old = await createTestDatabase();
    try {
      await migrateEmptyTo(old.db, "0012-notifications");
      const tree = await makeTree(old.db);
      const c = await makeContest(old.db, tree.province, {
        groups: ["市总工会组"],
        periods: [{ label: "Q1", from: "2018-01-01", to: "2018-03-31" }],
        indicators: [{ code: "a", method: "target", weight: 50 }],
      });
      await enrol(old.db, c, tree.cityA, "市总工会组");
      await fileReport(old.db, c, tree.cityA.id, "Q1", { a: 7.5 });
      await migrateToLatest(old.db);
      const row = await old.db
        .selectFrom("contest_reports")
        .select("values_packed")
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.values_packed!)).toEqual([c.indicator.get("a"), 7.5]);
    } finally {
      await old.destroy();
    }
  });

  it("is null once the report has no values left", async () => {
    await t.db.deleteFrom("contest_values").where("report_id", "=", reportId).execute();
    expect(await packed()).toBeNull();
  });
});
