import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { createDatabase } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import { toCsv } from "../../../app/domain/csv";
import { seededRandom } from "../../../app/domain/seeded-random";
import { SYSTEM_ACTOR } from "../../../app/models/audit.server";
import { importReports } from "../../../app/models/contest-report-import.server";
import { readSheet } from "../../../app/utils/sheet.server";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { insertGroup, openContest } from "../../support/contest-rows";

/** 1,000 units × 10 periods × 10 indicators: the 100,000 rows of issue 18. */
const UNITS = 1000;
const PERIODS = 10;
const INDICATORS = 10;
const ROWS = UNITS * PERIODS * INDICATORS;

/** A running contest with its units admitted, written straight into the tables (the scheme pages are not measured). */
async function contestOf(db: Kysely<Database>): Promise<number> {
  const now = new Date().toISOString();
  const root = await db
    .insertInto("orgs")
    .values({
      name: "基准省总工会",
      kind: "provincial",
      region_code: null,
      parent_id: null,
      path: "/",
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("orgs")
    .set({ path: `/${root.id}/` })
    .where("id", "=", root.id)
    .execute();
  for (let i = 0; i < UNITS; i += 500)
    await db
      .insertInto("orgs")
      .values(
        Array.from({ length: Math.min(500, UNITS - i) }, (_, k) => ({
          name: `基准单位${String(i + k + 1).padStart(4, "0")}`,
          kind: "grassroots" as const,
          region_code: null,
          parent_id: root.id,
          path: "/",
          created_at: now,
        })),
      )
      .execute();
  await sql`update orgs set path = ${`/${root.id}/`} || id || '/' where parent_id = ${root.id}`.execute(db);
  const { id } = await db
    .insertInto("competitions")
    .values({
      org_id: root.id,
      title: "基准竞赛",
      year: 2018,
      description: "",
      stage: "running",
      notice_days: 7,
      notice_unit: "working",
      copied_from_id: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await openContest(db, id);
  const group = { id: await insertGroup(db, id, 0, "基准组") };
  await db
    .insertInto("contest_periods")
    .values(
      Array.from({ length: PERIODS }, (_, k) => ({
        competition_id: id,
        position: k,
        label: `P${k + 1}`,
        opens_on: `2018-${String(k + 2).padStart(2, "0")}-01`,
        closes_on: `2018-${String(k + 2).padStart(2, "0")}-10`,
        covers_from: "2018-01-01",
        covers_to: "2018-01-01",
      })),
    )
    .execute();
  await db
    .insertInto("contest_indicators")
    .values(
      Array.from({ length: INDICATORS }, (_, i) => ({
        competition_id: id,
        position: i,
        code: `i${i}`,
        title: `指标${i}`,
        unit: "项",
        aggregation: "sum" as const,
        method: "bonus" as const,
        weight: null,
        cap: null,
        direction: null,
        per_unit: 1,
        max_points: 5,
        measure: null,
        confidential: 0,
      })),
    )
    .execute();
  await sql`insert into contest_participants
      (competition_id, org_id, group_id, status, created_at, updated_at)
    select ${id}, id, ${group.id}, 'admitted', ${now}, ${now} from orgs where parent_id = ${root.id}`.execute(
    db,
  );
  return id;
}

function sheet(): Buffer {
  const rand = seededRandom(100_000);
  const rows: string[][] = [["单位", "周期", "指标代码", "数值", "说明"]];
  for (let u = 1; u <= UNITS; u++)
    for (let k = 1; k <= PERIODS; k++)
      for (let i = 0; i < INDICATORS; i++)
        rows.push([
          `基准单位${String(u).padStart(4, "0")}`,
          `P${k}`,
          `i${i}`,
          String(Math.floor(rand() * 100000) / 100),
          i === 0 ? "季度小结" : "",
        ]);
  return Buffer.from(toCsv(rows));
}

/**
 * A 100,000-row `reports` sheet read with readSheet and imported with importReports (`--verified`,
 * so every report, value and event is written) into a fresh SQLite database, as `contest reports
 * import` does. Every window is closed on the import's day: each report is also late and consented.
 */
const contestReportsImport: Benchmark = {
  name: "contest-reports-import",
  summary: `read and import a ${ROWS}-row contest reports sheet (CSV, --verified) into a fresh SQLite database`,
  target: { metric: "seconds", value: 10, direction: "at most" },
  async run({ log }: BenchOptions) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-bench-reports-"));
    const db = createDatabase({ dialect: "sqlite", file: path.join(dir, "laurel.db") });
    try {
      await migrateToLatest(db);
      const competitionId = await contestOf(db);
      const csv = sheet();
      log(`Importing ${ROWS} rows (${(csv.length / 1024).toFixed(0)} KB) …`);
      const started = performance.now();
      const rows = await readSheet(csv);
      const read = performance.now();
      const report = await importReports(db, SYSTEM_ACTOR, competitionId, rows, {
        verified: true,
        today: "2026-01-01",
      });
      const done = performance.now();
      if (report.imported !== ROWS)
        throw new Error(
          `imported ${report.imported} of ${ROWS}: ${JSON.stringify(report.issues.slice(0, 3))}`,
        );
      return {
        rows: ROWS,
        reports: report.reports,
        read_seconds: round((read - started) / 1000, 2),
        import_seconds: round((done - read) / 1000, 2),
        seconds: round((done - started) / 1000, 2),
        rows_per_second: Math.round(ROWS / ((done - started) / 1000)),
      };
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default contestReportsImport;
