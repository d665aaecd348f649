import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import {
  assembleReport,
  EMPTY_STATS,
  type DistinctCounts,
  type Keyed,
  type StatsFen,
  type StatsReport,
} from "~/domain/activities/stats";

/*
 * The statistics from the summary tables (decision 008). Sums are kept per (county, year, kind)
 * cell and add up in code; teams and villages are distinct counts, so the
 * database counts them per grouping. Villages are (county, village) pairs: within a county,
 * city or the province they add up over counties; by year and by kind they are counted per
 * county and added. Public: only aggregates leave here.
 */

type Summary = "activity_teams" | "activity_villages";

function scoped<T extends Summary>(db: Kysely<Database>, table: T, year: number | null) {
  const q = db
    .selectFrom(table as Summary)
    .innerJoin("counties", "counties.id", `${table as Summary}.county_id`);
  return year === null ? q : q.where(`${table as Summary}.year`, "=", year);
}

const keyed = (rows: { key: string | number | null; n: number | string }[]): Keyed[] =>
  rows.map((r) => ({ key: String(r.key), n: Number(r.n) }));

/** Sums per key of per-county counts: villages of a year or a kind, over the counties. */
function summed(rows: { key: string | number; n: number | string }[]): Keyed[] {
  const out = new Map<string, number>();
  for (const r of rows) out.set(String(r.key), (out.get(String(r.key)) ?? 0) + Number(r.n));
  return [...out].map(([key, n]) => ({ key, n }));
}

async function teamCounts(db: Kysely<Database>, year: number | null): Promise<DistinctCounts> {
  const q = () => scoped(db, "activity_teams", year);
  const n = () => sql<number>`count(distinct activity_teams.team_id)`.as("n");
  const [province, city, county, byYear, kind] = await Promise.all([
    q().select(n()).executeTakeFirst(),
    q().select(["counties.city as key", n()]).groupBy("counties.city").execute(),
    q().select(["activity_teams.county_id as key", n()]).groupBy("activity_teams.county_id").execute(),
    q().select(["activity_teams.year as key", n()]).groupBy("activity_teams.year").execute(),
    q().select(["activity_teams.kind as key", n()]).groupBy("activity_teams.kind").execute(),
  ]);
  return {
    province: Number(province?.n ?? 0),
    city: keyed(city),
    county: keyed(county),
    year: keyed(byYear),
    kind: keyed(kind),
  };
}

async function villageCounts(db: Kysely<Database>, year: number | null): Promise<DistinctCounts> {
  const q = () => scoped(db, "activity_villages", year);
  const [county, byYear, kind] = await Promise.all([
    q()
      .select((eb) => [
        "activity_villages.county_id as key",
        "counties.city",
        eb.fn.count<number>("activity_villages.village").distinct().as("n"),
      ])
      .groupBy(["activity_villages.county_id", "counties.city"])
      .execute(),
    q()
      .select((eb) => [
        "activity_villages.year as key",
        eb.fn.count<number>("activity_villages.village").distinct().as("n"),
      ])
      .groupBy(["activity_villages.year", "activity_villages.county_id"])
      .execute(),
    q()
      .select((eb) => [
        "activity_villages.kind as key",
        eb.fn.count<number>("activity_villages.village").distinct().as("n"),
      ])
      .groupBy(["activity_villages.kind", "activity_villages.county_id"])
      .execute(),
  ]);
  return {
    province: county.reduce((s, c) => s + Number(c.n), 0),
    city: summed(county.map((c) => ({ key: c.city, n: c.n }))),
    county: keyed(county),
    year: summed(byYear),
    kind: summed(kind),
  };
}

function cellSums(db: Kysely<Database>, year: number | null) {
  const q = db
    .selectFrom("activity_totals")
    .select([
      "county_id",
      "year",
      "kind",
      "activities",
      "person_times",
      "funds_fen",
      "households_helped",
      "people_helped",
      "households_lifted",
      "people_lifted",
    ]);
  return (year === null ? q : q.where("year", "=", year)).execute();
}

export async function loadStatsReport(db: Kysely<Database>, year: number | null): Promise<StatsReport> {
  const [cells, teams, villages, counties, years] = await Promise.all([
    cellSums(db, year),
    teamCounts(db, year),
    villageCounts(db, year),
    db.selectFrom("counties").select(["id", "code", "name", "city"]).execute(),
    db.selectFrom("activity_totals").select("year").distinct().execute(),
  ]);
  return assembleReport(
    cells,
    teams,
    villages,
    counties,
    years.map((y) => Number(y.year)),
  );
}

/** The province's totals alone (`stats` on the command line). */
export async function loadProvinceStats(db: Kysely<Database>, year: number | null): Promise<StatsFen> {
  const report = await loadStatsReport(db, year);
  return report.province ?? EMPTY_STATS;
}
