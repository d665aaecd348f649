/**
 * The provincial coverage rule (docs/domain.md#coverage): a deep-poverty county needs at least 3 model-worker
 * units or at least 3 model workers; a poverty county at least one helper of either kind. It goes
 * by `poverty_level` alone, so a county that exited poverty keeps its help (摘帽不摘帮扶).
 */
import { compareCities } from "~/domain/region-order";
import {
  DEEP_PLACES,
  POVERTY_PLACES,
  type HelperKind,
  type PairingRef,
  type PovertyLevel,
  type RegistryCounty,
  type RegistryHelper,
} from "./registry-types";

export interface CountyCoverage {
  county_code: string;
  city: string;
  poverty_level: PovertyLevel;
  units: number;
  workers: number;
  covered: boolean;
  /** Helper places still missing; for a deep county, of the kind closer to completion. */
  short: number;
  /** Deep counties only: the kind the shortfall is counted against (units on a tie). */
  closer_kind: HelperKind | null;
}

export interface CityCoverage {
  city: string;
  counties: number;
  covered: number;
  uncovered: number;
  missing_places: number;
}

export interface CoverageReport {
  counties: CountyCoverage[];
  cities: CityCoverage[];
}

type Counts = { units: number; workers: number };

/** Distinct helpers per county by kind; a duplicated pairing or an unknown helper counts nothing. */
export function countPairingsByKind(
  helpers: readonly Pick<RegistryHelper, "id" | "kind">[],
  pairings: readonly PairingRef[],
): Map<string, Counts> {
  const kindOf = new Map(helpers.map((h) => [h.id, h.kind]));
  const seen = new Set<string>();
  const counts = new Map<string, Counts>();
  for (const p of pairings) {
    const kind = kindOf.get(p.helper_id);
    const key = JSON.stringify([p.helper_id, p.county_code]);
    if (!kind || seen.has(key)) continue;
    seen.add(key);
    const c = counts.get(p.county_code) ?? { units: 0, workers: 0 };
    if (kind === "unit") c.units++;
    else c.workers++;
    counts.set(p.county_code, c);
  }
  return counts;
}

/** The state of one county under the rule, given its helpers by kind. */
export function countyCoverage(
  county: Pick<RegistryCounty, "code" | "city" | "poverty_level">,
  counts: Counts,
): CountyCoverage {
  const base = {
    county_code: county.code,
    city: county.city,
    poverty_level: county.poverty_level,
    ...counts,
  };
  if (county.poverty_level === "deep") {
    const closer: HelperKind = counts.units >= counts.workers ? "unit" : "worker";
    const short = Math.max(0, DEEP_PLACES - Math.max(counts.units, counts.workers));
    return { ...base, covered: short === 0, short, closer_kind: closer };
  }
  if (county.poverty_level === "poverty") {
    const short = Math.max(0, POVERTY_PLACES - counts.units - counts.workers);
    return { ...base, covered: short === 0, short, closer_kind: null };
  }
  return { ...base, covered: true, short: 0, closer_kind: null };
}

/** Every county's state in input order, and the totals by city (cities in first-seen order). */
export function assessCoverage(
  counties: readonly Pick<RegistryCounty, "code" | "city" | "poverty_level">[],
  helpers: readonly Pick<RegistryHelper, "id" | "kind">[],
  pairings: readonly PairingRef[],
): CoverageReport {
  const counts = countPairingsByKind(helpers, pairings);
  const rows = counties.map((c) => countyCoverage(c, counts.get(c.code) ?? { units: 0, workers: 0 }));
  return { counties: rows, cities: summarizeByCity(rows) };
}

export function summarizeByCity(rows: readonly CountyCoverage[]): CityCoverage[] {
  const byCity = new Map<string, CityCoverage>();
  for (const r of rows) {
    const c = byCity.get(r.city) ?? {
      city: r.city,
      counties: 0,
      covered: 0,
      uncovered: 0,
      missing_places: 0,
    };
    c.counties++;
    if (r.covered) c.covered++;
    else c.uncovered++;
    c.missing_places += r.short;
    byCity.set(r.city, c);
  }
  const order = compareCities(rows.map((r) => ({ city: r.city, code: r.county_code })));
  return [...byCity.values()].sort((a, b) => order(a.city, b.city));
}
