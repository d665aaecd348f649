/**
 * Exhaustive reference for the matcher on tiny instances, written from docs/domain.md#matching directly and
 * sharing no code with it: every kind per deep county, every set of new helpers per county.
 */
import type { PairingRef, RegistryCounty, RegistryHelper } from "~/domain/registry/registry-types";

export interface BruteAnswer {
  unfilled: number;
  cost: number;
}

interface Option {
  helpers: number[];
  missing: number;
}

function subsets(items: number[], max: number): number[][] {
  const out: number[][] = [[]];
  for (const item of items) {
    for (const s of out.slice()) if (s.length < max) out.push([...s, item]);
  }
  return out;
}

/** Every way one county can end up: which new helpers it takes and how many places stay missing. */
function countyOptions(
  c: RegistryCounty,
  helpers: readonly RegistryHelper[],
  pairings: readonly PairingRef[],
): Option[] {
  const mine = new Set(pairings.filter((p) => p.county_code === c.code).map((p) => p.helper_id));
  const have = (kind: string) => helpers.filter((h) => h.kind === kind && mine.has(h.id)).length;
  const free = (kind?: string) =>
    helpers
      .map((h, i) => [h, i] as const)
      .filter(([h]) => !mine.has(h.id) && (!kind || h.kind === kind))
      .map(([, i]) => i);
  const options: Option[] = [];
  if (c.poverty_level === "deep") {
    if (have("unit") >= 3 || have("worker") >= 3) return [{ helpers: [], missing: 0 }];
    for (const kind of ["unit", "worker"]) {
      const need = 3 - have(kind);
      for (const s of subsets(free(kind), need)) options.push({ helpers: s, missing: need - s.length });
    }
  } else if (c.poverty_level === "poverty" && have("unit") + have("worker") === 0) {
    for (const s of subsets(free(), 1)) options.push({ helpers: s, missing: 1 - s.length });
  } else options.push({ helpers: [], missing: 0 });
  return options;
}

export function bruteForce(
  helpers: readonly RegistryHelper[],
  counties: readonly RegistryCounty[],
  pairings: readonly PairingRef[],
): BruteAnswer {
  const existing = helpers.map(
    (h) => new Set(pairings.filter((p) => p.helper_id === h.id).map((p) => p.county_code)).size,
  );
  const options = counties.map((c) => countyOptions(c, helpers, pairings));
  const pairCost = (h: RegistryHelper, c: RegistryCounty) =>
    (h.city === c.city ? 0 : 3) + (h.skills.some((s) => c.needs.includes(s)) ? 0 : 4);
  let best: BruteAnswer = { unfilled: Infinity, cost: Infinity };
  const taken = helpers.map(() => 0);
  const walk = (j: number, unfilled: number, cost: number) => {
    if (j === counties.length) {
      let load = 0;
      taken.forEach((t, h) => {
        for (let k = existing[h] + 1; k <= existing[h] + t; k++) load += 2 * (k - 1);
      });
      const total = cost + load;
      if (unfilled < best.unfilled || (unfilled === best.unfilled && total < best.cost))
        best = { unfilled, cost: total };
      return;
    }
    for (const o of options[j]) {
      if (o.helpers.some((h) => existing[h] + taken[h] + 1 > helpers[h].capacity)) continue;
      o.helpers.forEach((h) => taken[h]++);
      const c = o.helpers.reduce((s, h) => s + pairCost(helpers[h], counties[j]), 0);
      walk(j + 1, unfilled + o.missing, cost + c);
      o.helpers.forEach((h) => taken[h]--);
    }
  };
  walk(0, 0, 0);
  return best;
}
