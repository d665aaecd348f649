import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { createDatabase } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seededRandom } from "../../../app/domain/seeded-random";
import { SYSTEM_ACTOR } from "../../../app/models/audit.server";
import { ACTIVITY_COLUMNS, importActivities } from "../../../app/models/activity-import.server";
import { toCsv } from "../../../app/domain/csv";
import { readSheet } from "../../../app/utils/sheet.server";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { benchCounties, insertBenchCounties } from "./activities-data";

const ROWS = 50_000;
const TEAMS = 200;

/** `ROWS` valid activities from a seeded generator: each team works in its home county. */
function records(codes: string[]): string[][] {
  const rand = seededRandom(50_000);
  const out: string[][] = [];
  for (let i = 0; i < ROWS; i++) {
    const team = i % TEAMS;
    const people = 2 + Math.floor(rand() * 60);
    const households = 1 + Math.floor(rand() * (people / 2));
    const lifted = Math.floor(rand() * people * 0.5);
    const fen = Math.floor(rand() * 5_000_000);
    // Each (team, day) once, so no row repeats another.
    const day = new Date(Date.UTC(2016, 0, 1) + Math.floor(i / TEAMS) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    out.push([
      `基准第${team + 1}服务队`,
      day,
      codes[team % codes.length],
      `第${Math.floor(rand() * 40) + 1}村`,
      "技术培训",
      String(1 + Math.floor(rand() * 40)),
      `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`,
      String(households),
      String(people),
      String(Math.min(households, Math.floor(lifted / 2))),
      String(lifted),
    ]);
  }
  return out;
}

const HEADER = ACTIVITY_COLUMNS.slice(0, 11).map((c) => c.zh);

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("activities");
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads and imports one sheet into a fresh database; seconds of each step. */
async function importInto(
  dir: string,
  name: string,
  bytes: Buffer,
): Promise<{ read: number; imported: number }> {
  const db = createDatabase({ dialect: "sqlite", file: path.join(dir, `${name}.db`) });
  try {
    await migrateToLatest(db);
    await insertBenchCounties(db);
    const started = performance.now();
    const rows = await readSheet(bytes);
    const read = performance.now();
    const report = await importActivities(db, SYSTEM_ACTOR, rows, { today: "2026-01-01" });
    const done = performance.now();
    if (report.imported !== ROWS)
      throw new Error(`imported ${report.imported} of ${ROWS}: ${JSON.stringify(report.issues.slice(0, 3))}`);
    return { read: (read - started) / 1000, imported: (done - read) / 1000 };
  } finally {
    await db.destroy();
  }
}

/**
 * A 50,000-row activities sheet (200 new teams, 100 counties) read with readSheet and imported
 * with importActivities into a fresh SQLite database, as the upload page and `registry import
 * activities` do: the target is on the CSV; the same rows as XLSX are reported beside it, since
 * reading an XLSX of that size is exceljs's own cost (decision 008).
 */
const activitiesImport: Benchmark = {
  name: "activities-import",
  summary: `read and import a ${ROWS}-row activities sheet (CSV; XLSX reported) into a fresh SQLite database`,
  target: { metric: "seconds", value: 10, direction: "at most" },
  async run({ log }: BenchOptions) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-bench-activities-"));
    try {
      const data = records(benchCounties().map((c) => c.code));
      const csv = Buffer.from(toCsv([HEADER, ...data]));
      log(`Importing ${ROWS} rows from CSV (${(csv.length / 1024).toFixed(0)} KB) …`);
      const c = await importInto(dir, "csv", csv);
      const xlsx = await xlsxOf(data);
      log(`Importing the same rows from XLSX (${(xlsx.length / 1024).toFixed(0)} KB) …`);
      const x = await importInto(dir, "xlsx", xlsx);
      return {
        rows: ROWS,
        read_seconds: round(c.read, 2),
        import_seconds: round(c.imported, 2),
        seconds: round(c.read + c.imported, 2),
        rows_per_second: Math.round(ROWS / (c.read + c.imported)),
        xlsx_read_seconds: round(x.read, 2),
        xlsx_import_seconds: round(x.imported, 2),
        xlsx_seconds: round(x.read + x.imported, 2),
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default activitiesImport;
