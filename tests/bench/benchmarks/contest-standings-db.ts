import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type Kysely, sql } from "kysely";
import { createDatabase, parseDatabaseUrl } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import { CompetitionTemplateSchema } from "../../../app/domain/competitions/template";
import { SYSTEM_ACTOR } from "../../../app/models/audit.server";
import { createCompetition } from "../../../app/models/competition.server";
import { createOrg } from "../../../app/models/org.server";
import { boardOf, loadStandings, unitGap } from "../../../app/models/contest-standings.server";
import type { ContestData } from "../../../app/domain/contest/types";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { CONTEST_SIZE, contestData } from "./contest-data";

const RUNS = 7;
const NOW = "2018-01-01T00:00:00.000Z";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function insertChunked<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Record<string, unknown>[],
  chunk = 2000,
) {
  for (let i = 0; i < rows.length; i += chunk)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
}

/** The seeded contest of contest-data.ts written into the tables of migration 0011; returns its id. */
export async function storeContest(db: Kysely<Database>, data: ContestData): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // A PostgreSQL database is benchmarked as given: another run's orgs may already be there, and
    // org names are unique.
    const run = Date.now().toString(36);
    const organizer = await createOrg(trx, SYSTEM_ACTOR, null, {
      name: `基准省总工会 ${run}`,
      kind: "provincial",
      regionCode: null,
    });
    const template = CompetitionTemplateSchema.parse({
      title: "基准竞赛",
      year: 2018,
      organizer: organizer.name,
      categories: [],
    });
    const id = await createCompetition(trx, SYSTEM_ACTOR, organizer, template);
    await trx
      .insertInto("contests")
      .values({ competition_id: id, board_public: 0, standings_version: 0, created_at: NOW, updated_at: NOW })
      .execute();
    const ids = async (table: "contest_groups" | "contest_periods" | "contest_indicators", rows: object[]) =>
      (
        await trx
          .insertInto(table)
          .values(rows as never)
          .returning("id")
          .execute()
      ).map((r) => r.id);
    const groups = await ids(
      "contest_groups",
      data.groups.map((name, position) => ({ competition_id: id, position, name, top_n: null })),
    );
    const periods = await ids(
      "contest_periods",
      data.periods.map((p, position) => ({
        competition_id: id,
        position,
        label: p.label,
        opens_on: "2018-01-01",
        closes_on: "2018-12-31",
        covers_from: "2018-01-01",
        covers_to: "2018-12-31",
      })),
    );
    const indicators = await ids(
      "contest_indicators",
      data.indicators.map((i, position) => ({
        ...i,
        competition_id: id,
        position,
        confidential: 0,
      })),
    );
    const orgRows = data.participants.map((p) => ({
      name: `${p.name} ${run}`,
      kind: "industry" as const,
      region_code: null,
      parent_id: organizer.id,
      path: "",
      created_at: NOW,
    }));
    const orgIds: number[] = [];
    for (let i = 0; i < orgRows.length; i += 2000)
      orgIds.push(
        ...(
          await trx
            .insertInto("orgs")
            .values(orgRows.slice(i, i + 2000))
            .returning("id")
            .execute()
        ).map((r) => r.id),
      );
    await sql`update orgs set path = ${organizer.path} || id || '/' where path = ''`.execute(trx);
    const participantRows = data.participants.map((p, n) => ({
      competition_id: id,
      org_id: orgIds[n],
      group_id: groups[data.groups.indexOf(p.group)],
      status: p.disqualified ? ("disqualified" as const) : ("admitted" as const),
      awaiting_org_id: null,
      reason: null,
      applied_by: null,
      admitted_at: NOW,
      created_at: NOW,
      updated_at: NOW,
    }));
    const participantIds: number[] = [];
    for (let i = 0; i < participantRows.length; i += 2000)
      participantIds.push(
        ...(
          await trx
            .insertInto("contest_participants")
            .values(participantRows.slice(i, i + 2000))
            .returning("id")
            .execute()
        ).map((r) => r.id),
      );
    const participantOf = new Map(data.participants.map((p, n) => [p.orgId, participantIds[n]]));
    const indicatorOf = new Map(data.indicators.map((i, n) => [i.code, indicators[n]]));
    const periodOf = new Map(data.periods.map((p, n) => [p.label, periods[n]]));
    await insertChunked(
      trx,
      "contest_targets",
      data.targets.map((t) => ({
        participant_id: participantOf.get(t.orgId),
        indicator_id: indicatorOf.get(t.indicator),
        period_id: t.period === null ? null : periodOf.get(t.period),
        target: t.target,
        updated_at: NOW,
      })),
    );
    // One report per unit and period; its status is its first value's (the generator draws one per value).
    const reports = new Map<string, { participant_id: number; period_id: number; status: string }>();
    for (const v of data.values) {
      const key = `${v.orgId}:${v.period}`;
      if (!reports.has(key))
        reports.set(key, {
          participant_id: participantOf.get(v.orgId)!,
          period_id: periodOf.get(v.period)!,
          status: v.status,
        });
    }
    const reportRows = [...reports.values()].map((r) => ({
      ...r,
      note: "",
      late: 0,
      created_at: NOW,
      updated_at: NOW,
    }));
    const reportIds: number[] = [];
    for (let i = 0; i < reportRows.length; i += 2000)
      reportIds.push(
        ...(
          await trx
            .insertInto("contest_reports")
            .values(reportRows.slice(i, i + 2000) as never)
            .returning("id")
            .execute()
        ).map((r) => r.id),
      );
    const reportOf = new Map([...reports.keys()].map((key, n) => [key, reportIds[n]]));
    await insertChunked(
      trx,
      "contest_values",
      data.values.map((v) => ({
        report_id: reportOf.get(`${v.orgId}:${v.period}`),
        indicator_id: indicatorOf.get(v.indicator),
        value: v.value,
      })),
      5000,
    );
    return id;
  });
}

async function benchDatabase(log: (line: string) => void) {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//i.test(url)) {
    const db = createDatabase(parseDatabaseUrl(url));
    await migrateToLatest(db);
    log("PostgreSQL: the contest is added to the database as another competition.");
    return { db, dialect: "postgres", close: () => db.destroy() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-bench-contest-"));
  const db = createDatabase({ dialect: "sqlite", file: path.join(dir, "laurel.db") });
  await migrateToLatest(db);
  return {
    db,
    dialect: "sqlite",
    async close() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * All standings of the last period (both scopes, every group, movements and red flags) read from
 * a real database: the scheme, the participants, the targets and 480,000 values, then the board.
 */
const contestStandingsDb: Benchmark = {
  name: "contest-standings-db",
  summary: `all standings of period 12 from the database: ${CONTEST_SIZE.participants} units × ${CONTEST_SIZE.indicators} indicators × ${CONTEST_SIZE.periods} periods (median of ${RUNS})`,
  target: { metric: "standings_ms", value: 300, direction: "at most" },
  async run({ log }: BenchOptions) {
    const data = contestData();
    const last = data.periods[data.periods.length - 1].label;
    const bench = await benchDatabase(log);
    try {
      log(`Writing ${data.values.length} values into ${bench.dialect} …`);
      const id = await storeContest(bench.db, data);
      const [read, board, total, cpu, provisional, gap] = [[], [], [], [], [], []] as number[][];
      for (let run = 0; run < RUNS; run++) {
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const source = (await loadStandings(bench.db, id))!;
        const t1 = performance.now();
        boardOf(source, last, { kind: "official" });
        const t2 = performance.now();
        const used = process.cpuUsage(cpu0);
        cpu.push((used.user + used.system) / 1000);
        const me = source.data.participants[1].orgId;
        boardOf(source, last, { kind: "provisional", orgId: me });
        const t3 = performance.now();
        unitGap(source, last, "cumulative", me, { kind: "official" });
        const t4 = performance.now();
        read.push(t1 - t0);
        board.push(t2 - t1);
        total.push(t2 - t0);
        provisional.push(t3 - t2);
        gap.push(t4 - t3);
        log(`run ${run + 1}: read ${round(t1 - t0, 1)} ms, board ${round(t2 - t1, 1)} ms`);
      }
      return {
        database: bench.dialect,
        values: data.values.length,
        read_ms: round(median(read), 1),
        board_ms: round(median(board), 1),
        standings_ms: round(median(total), 1),
        // On a shared machine the CPU time shows the work without the waiting (the database's included: in-process SQLite).
        standings_cpu_ms: round(median(cpu), 1),
        provisional_ms: round(median(provisional), 1),
        gap_ms: round(median(gap), 1),
      };
    } finally {
      await bench.close();
    }
  },
};

export default contestStandingsDb;
