import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { createDatabase } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { seededRandom } from "../../../app/domain/seeded-random";
import { rebuildAllSummaries } from "../../../app/models/activity-summary.server";
import { loadStatsReport } from "../../../app/models/stats.server";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { benchSecrets, startLaurel } from "../lib/server";
import { insertBenchCounties } from "./activities-data";

const ACTIVITIES = 1_000_000;
const TEAMS = 200;
const PER_STATEMENT = 100;
const KINDS = ["技术培训", "产业指导", "义诊", "捐资助学", "电商培训", "劳务对接"];
const FIRST_DAY = Date.UTC(2016, 0, 1);
const DAYS = 1461;
const COLUMNS = [
  "team_id",
  "held_on",
  "year",
  "county_id",
  "village",
  "kind",
  "person_times",
  "funds_fen",
  "households_helped",
  "people_helped",
  "households_lifted",
  "people_lifted",
  "created_at",
];

/**
 * A million seeded activities written straight into the SQLite file with multi-row inserts (the
 * import's checks are measured by activities-import): each team works mostly in its home county
 * and otherwise elsewhere in its city, in 60 villages a county, over 2016–2019.
 */
function bulkLoad(file: string, counties: { id: number; city: string }[]): void {
  const raw = new SQLite(file);
  try {
    const now = new Date().toISOString();
    const teams = raw.prepare("insert into aid_teams (name, org_id, created_at) values (?, null, ?)");
    raw.transaction(() => {
      for (let t = 1; t <= TEAMS; t++) teams.run(`基准第${t}服务队`, now);
    })();
    const byCity = new Map<string, number[]>();
    for (const c of counties) byCity.set(c.city, [...(byCity.get(c.city) ?? []), c.id]);
    const rand = seededRandom(1_000_000);
    const insert = raw.prepare(
      `insert into activities (${COLUMNS.join(", ")}) values ${Array(PER_STATEMENT)
        .fill(`(${COLUMNS.map(() => "?").join(", ")})`)
        .join(", ")}`,
    );
    raw.transaction(() => {
      for (let i = 0; i < ACTIVITIES; i += PER_STATEMENT) {
        const values: (string | number)[] = [];
        for (let k = i; k < i + PER_STATEMENT; k++) {
          const team = (k % TEAMS) + 1;
          const home = counties[team % counties.length];
          const county =
            rand() < 0.8
              ? home.id
              : byCity.get(home.city)![Math.floor(rand() * byCity.get(home.city)!.length)];
          // A team's j-th activity: day j of 2016–2019, and a kind of its own each time the days come round, so no two repeat.
          const j = Math.floor(k / TEAMS);
          const day = new Date(FIRST_DAY + (j % DAYS) * 86_400_000).toISOString().slice(0, 10);
          const year = Number(day.slice(0, 4));
          const kind = KINDS[(Math.floor(j / DAYS) + team) % KINDS.length];
          const people = 2 + Math.floor(rand() * 60);
          const households = 1 + Math.floor(rand() * (people / 2));
          const lifted = Math.floor(rand() * people * 0.5);
          values.push(
            team,
            day,
            year,
            county,
            `第${1 + Math.floor(rand() * 60)}村`,
            kind,
            1 + Math.floor(rand() * 40),
            Math.floor(rand() * 5_000_000),
            households,
            people,
            Math.min(households, Math.floor(lifted / 2)),
            lifted,
            now,
          );
        }
        insert.run(values);
      }
    })();
  } finally {
    raw.close();
  }
}

async function timeGet(url: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
  return { ms: performance.now() - started, bytes: body.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The public statistics page over 1,000,000 activities: the whole page (loader, every grouping,
 * SVG charts, HTML) through the production server, median of 5 GETs after one warm-up.
 */
const statsPage: Benchmark = {
  name: "stats-page",
  summary: `GET /stats over ${ACTIVITIES.toLocaleString("en")} activities (production app, SQLite)`,
  target: { metric: "page_ms", value: 1000, direction: "at most" },
  async run({ log }: BenchOptions) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-bench-stats-"));
    const file = path.join(dir, "laurel.db");
    const db = createDatabase({ dialect: "sqlite", file });
    try {
      await migrateToLatest(db);
      const counties = await insertBenchCounties(db);
      log(`Writing ${ACTIVITIES} activities …`);
      let t0 = performance.now();
      bulkLoad(file, counties);
      const loadSeconds = (performance.now() - t0) / 1000;
      t0 = performance.now();
      await db.transaction().execute((trx) => rebuildAllSummaries(trx));
      const summarySeconds = (performance.now() - t0) / 1000;
      const [totalsRows, villageRows] = await Promise.all([
        db
          .selectFrom("activity_totals")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom("activity_villages")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow(),
      ]);
      t0 = performance.now();
      const report = await loadStatsReport(db, null);
      const reportMs = performance.now() - t0;
      if (report.province.activities !== ACTIVITIES)
        throw new Error(`the report counts ${report.province.activities} activities`);
      const laurel = await startLaurel(db, benchSecrets(), log);
      try {
        await timeGet(`${laurel.url}/stats`);
        const all: number[] = [];
        const year: number[] = [];
        let bytes = 0;
        for (let i = 0; i < 5; i++) {
          const r = await timeGet(`${laurel.url}/stats`);
          all.push(r.ms);
          bytes = r.bytes;
          year.push((await timeGet(`${laurel.url}/stats?year=2018`)).ms);
        }
        return {
          activities: ACTIVITIES,
          page_ms: round(median(all), 1),
          page_year_ms: round(median(year), 1),
          report_ms: round(reportMs, 1),
          page_kb: Math.round(bytes / 1024),
          summary_rows: Number(totalsRows.n) + Number(villageRows.n),
          bulk_load_seconds: round(loadSeconds, 1),
          summary_rebuild_seconds: round(summarySeconds, 1),
        };
      } finally {
        await laurel.close();
      }
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default statsPage;
