/**
 * The statistics of the provincial report (docs/domain.md#activities), computed from the summary rows: sums add
 * up across any grouping, while teams and villages are distinct counts, so each grouping keeps
 * the sets of team ids and (county, village) pairs it has seen.
 */
import { compareCities } from "~/domain/region-order";

/** The keys of `stats --format json`, in order. */
export const STAT_KEYS = [
  "teams",
  "activities",
  "person_times",
  "funds_yuan",
  "villages",
  "households_helped",
  "people_helped",
  "households_lifted",
  "people_lifted",
] as const;

export interface Stats {
  teams: number;
  activities: number;
  person_times: number;
  funds_yuan: number;
  villages: number;
  households_helped: number;
  people_helped: number;
  households_lifted: number;
  people_lifted: number;
}

/** Stats with the money kept in fen, for exact display; `toStats` gives the JSON form. */
export interface StatsFen extends Omit<Stats, "funds_yuan"> {
  funds_fen: number;
}

export interface TotalsRow {
  county_id: number;
  year: number;
  kind: string;
  team_id: number;
  activities: number;
  person_times: number;
  funds_fen: number;
  households_helped: number;
  people_helped: number;
  households_lifted: number;
  people_lifted: number;
}

export interface VillageRow {
  county_id: number;
  year: number;
  kind: string;
  village: string;
}

export interface CountyInfo {
  id: number;
  code: string;
  name: string;
  city: string;
}

const SUMMED = [
  "activities",
  "person_times",
  "funds_fen",
  "households_helped",
  "people_helped",
  "households_lifted",
  "people_lifted",
] as const;

class Accumulator {
  readonly teams = new Set<number>();
  readonly villages = new Set<string>();
  readonly sums = {
    activities: 0,
    person_times: 0,
    funds_fen: 0,
    households_helped: 0,
    people_helped: 0,
    households_lifted: 0,
    people_lifted: 0,
  };
  add(row: TotalsRow) {
    this.teams.add(row.team_id);
    for (const k of SUMMED) this.sums[k] += Number(row[k]);
  }
  result(): StatsFen {
    return { teams: this.teams.size, villages: this.villages.size, ...this.sums };
  }
}

export const EMPTY_STATS: StatsFen = {
  teams: 0,
  activities: 0,
  person_times: 0,
  funds_fen: 0,
  villages: 0,
  households_helped: 0,
  people_helped: 0,
  households_lifted: 0,
  people_lifted: 0,
};

export function toStats(s: StatsFen): Stats {
  const { funds_fen, ...rest } = s;
  return {
    teams: rest.teams,
    activities: rest.activities,
    person_times: rest.person_times,
    funds_yuan: funds_fen / 100,
    villages: rest.villages,
    households_helped: rest.households_helped,
    people_helped: rest.people_helped,
    households_lifted: rest.households_lifted,
    people_lifted: rest.people_lifted,
  };
}

export interface StatsReport {
  province: StatsFen;
  byCity: { key: string; stats: StatsFen }[];
  byCounty: { key: string; code: string; city: string; stats: StatsFen }[];
  byYear: { key: number; stats: StatsFen }[];
  byKind: { key: string; stats: StatsFen }[];
  years: number[];
}

type Grouping = "city" | "county" | "year" | "kind";

function keysOf(
  county: CountyInfo | undefined,
  row: { county_id: number; year: number; kind: string },
): Record<Grouping, string> {
  return { city: county?.city ?? "", county: String(row.county_id), year: String(row.year), kind: row.kind };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every grouping in one pass over per-team rows, counting teams and villages with sets: the
 * reference the database's version (`assembleReport`) is tested against. `allYears` lists the
 * years that have data at all.
 */
export function buildReport(
  totals: TotalsRow[],
  villages: VillageRow[],
  counties: CountyInfo[],
  allYears: number[],
): StatsReport {
  const countyById = new Map(counties.map((c) => [c.id, c]));
  const byCity = compareCities(counties);
  const province = new Accumulator();
  const groups: Record<Grouping, Map<string, Accumulator>> = {
    city: new Map(),
    county: new Map(),
    year: new Map(),
    kind: new Map(),
  };
  const acc = (g: Grouping, key: string) => {
    let a = groups[g].get(key);
    if (!a) groups[g].set(key, (a = new Accumulator()));
    return a;
  };
  for (const row of totals) {
    province.add(row);
    const keys = keysOf(countyById.get(row.county_id), row);
    for (const g of Object.keys(groups) as Grouping[]) acc(g, keys[g]).add(row);
  }
  for (const row of villages) {
    const pair = `${row.county_id}\u0000${row.village}`;
    province.villages.add(pair);
    const keys = keysOf(countyById.get(row.county_id), row);
    for (const g of Object.keys(groups) as Grouping[]) acc(g, keys[g]).villages.add(pair);
  }
  const entries = (g: Grouping) => [...groups[g]].map(([key, a]) => ({ key, stats: a.result() }));
  return {
    province: province.result(),
    byCity: entries("city").sort((a, b) => byCity(a.key, b.key)),
    byCounty: entries("county")
      .map((e) => {
        const c = countyById.get(Number(e.key));
        return { key: c?.name ?? e.key, code: c?.code ?? "", city: c?.city ?? "", stats: e.stats };
      })
      .sort((a, b) => byText(a.code, b.code)),
    byYear: entries("year")
      .map((e) => ({ key: Number(e.key), stats: e.stats }))
      .sort((a, b) => a.key - b.key),
    byKind: entries("kind").sort((a, b) => b.stats.activities - a.stats.activities || byText(a.key, b.key)),
    years: [...allYears].sort((a, b) => a - b),
  };
}

/** Sums of one (county, year, kind) cell: additive, so every grouping is a sum of cells. */
export type SumRow = Omit<TotalsRow, "team_id">;

export interface Keyed {
  key: string;
  n: number;
}

/** Distinct counts the database computed per grouping (teams and villages do not add up). */
export interface DistinctCounts {
  province: number;
  city: Keyed[];
  county: Keyed[];
  year: Keyed[];
  kind: Keyed[];
}

/**
 * The report from per-cell sums and per-grouping distinct counts, as the database computes them
 * (models/stats.server.ts). Gives the same report as `buildReport` over the raw summary rows.
 */
export function assembleReport(
  cells: SumRow[],
  teams: DistinctCounts,
  villages: DistinctCounts,
  counties: CountyInfo[],
  allYears: number[],
): StatsReport {
  const countyById = new Map(counties.map((c) => [c.id, c]));
  const byCity = compareCities(counties);
  const province = { ...EMPTY_STATS };
  const groups: Record<Grouping, Map<string, StatsFen>> = {
    city: new Map(),
    county: new Map(),
    year: new Map(),
    kind: new Map(),
  };
  const add = (into: StatsFen, row: SumRow) => {
    for (const k of SUMMED) into[k] += Number(row[k]);
  };
  for (const row of cells) {
    add(province, row);
    const keys = keysOf(countyById.get(row.county_id), row);
    for (const g of Object.keys(groups) as Grouping[]) {
      let s = groups[g].get(keys[g]);
      if (!s) groups[g].set(keys[g], (s = { ...EMPTY_STATS }));
      add(s, row);
    }
  }
  province.teams = teams.province;
  province.villages = villages.province;
  for (const g of Object.keys(groups) as Grouping[]) {
    for (const { key, n } of teams[g]) if (groups[g].has(key)) groups[g].get(key)!.teams = n;
    for (const { key, n } of villages[g]) if (groups[g].has(key)) groups[g].get(key)!.villages = n;
  }
  const entries = (g: Grouping) => [...groups[g]].map(([key, stats]) => ({ key, stats }));
  return {
    years: [...allYears].sort((a, b) => a - b),
    province,
    byCity: entries("city").sort((a, b) => byCity(a.key, b.key)),
    byCounty: entries("county")
      .map((e) => {
        const c = countyById.get(Number(e.key));
        return { key: c?.name ?? e.key, code: c?.code ?? "", city: c?.city ?? "", stats: e.stats };
      })
      .sort((a, b) => byText(a.code, b.code)),
    byYear: entries("year")
      .map((e) => ({ key: Number(e.key), stats: e.stats }))
      .sort((a, b) => a.key - b.key),
    byKind: entries("kind").sort((a, b) => b.stats.activities - a.stats.activities || byText(a.key, b.key)),
  };
}
