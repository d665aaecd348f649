/**
 * Seeded registry instances for tests and benchmarks (test-only, so it lives outside app/): the
 * same spec always gives the same instance. Counties spread evenly over cities while helpers
 * crowd into a few (Zipf), as model workers gather in provincial capitals and poor counties do
 * not, so some cities must borrow.
 */
import type { PairingRef, RegistryCounty, RegistryHelper } from "~/domain/registry/registry-types";
import { seededRandom } from "~/domain/seeded-random";

export interface InstanceSpec {
  counties: number;
  /** How many of the counties are deep-poverty; the rest are poverty counties. */
  deep: number;
  workers: number;
  units: number;
  skills: number;
  cities: number;
  seed: number;
  /** Existing pairings to start from; default half the number of counties. */
  pairings?: number;
}

export interface RegistryInstance {
  helpers: RegistryHelper[];
  counties: RegistryCounty[];
  pairings: PairingRef[];
}

export function generateInstance(spec: InstanceSpec): RegistryInstance {
  const rand = seededRandom(spec.seed);
  const int = (n: number) => Math.floor(rand() * n);
  const city = (i: number) => `C${String(i + 1).padStart(3, "0")}`;
  const tags = (min: number, max: number) => {
    const n = Math.min(spec.skills, min + int(max - min + 1));
    const picked = new Set<string>();
    while (picked.size < n) picked.add(`S${String(int(spec.skills) + 1).padStart(2, "0")}`);
    return [...picked];
  };
  const zipf = zipfSampler(spec.cities, rand);
  const deepAt = new Set(shuffle([...Array(spec.counties).keys()], rand).slice(0, spec.deep));
  const counties: RegistryCounty[] = [...Array(spec.counties).keys()].map((i) => ({
    code: String(610000 + i + 1),
    city: city(int(spec.cities)),
    poverty_level: deepAt.has(i) ? "deep" : "poverty",
    needs: tags(1, 3),
  }));
  const helper = (kind: RegistryHelper["kind"], i: number): RegistryHelper => ({
    id: `${kind === "unit" ? "U" : "W"}${String(i + 1).padStart(5, "0")}`,
    kind,
    city: city(zipf()),
    skills: tags(1, 3),
    capacity: kind === "unit" ? 2 + int(4) : 1 + int(3),
  });
  const helpers = [
    ...[...Array(spec.units).keys()].map((i) => helper("unit", i)),
    ...[...Array(spec.workers).keys()].map((i) => helper("worker", i)),
  ];
  return {
    helpers,
    counties,
    pairings: existingPairings(helpers, counties, spec.pairings ?? Math.round(spec.counties / 2), int),
  };
}

function existingPairings(
  helpers: RegistryHelper[],
  counties: RegistryCounty[],
  count: number,
  int: (n: number) => number,
): PairingRef[] {
  const pairs = new Set<string>();
  const used = new Map<string, number>();
  const out: PairingRef[] = [];
  for (
    let tries = 0;
    out.length < count && tries < count * 20 && helpers.length && counties.length;
    tries++
  ) {
    const h = helpers[int(helpers.length)];
    const c = counties[int(counties.length)];
    const key = `${h.id}|${c.code}`;
    if (pairs.has(key) || (used.get(h.id) ?? 0) >= h.capacity) continue;
    pairs.add(key);
    used.set(h.id, (used.get(h.id) ?? 0) + 1);
    out.push({ helper_id: h.id, county_code: c.code });
  }
  return out;
}

/** City i drawn with weight 1/(i+1). */
function zipfSampler(n: number, rand: () => number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative.push((sum += 1 / (i + 1)));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const k = Math.floor(rand() * (i + 1));
    [items[i], items[k]] = [items[k], items[i]];
  }
  return items;
}
