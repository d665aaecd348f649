import { describe, expect, it } from "vitest";
import { suggestPairings, type MatchOptions, type MatchResult } from "~/domain/registry/matching";
import { seededRandom } from "~/domain/seeded-random";
import { generateInstance, type InstanceSpec, type RegistryInstance } from "../../support/instance-generator";
import { evaluateSuggestions, matchingOptimum, type MatchingOptimum } from "../../support/matching-mip";

/**
 * The matcher against an exact MIP (HiGHS) on mid-sized registries, 60 counties × 400 helpers:
 * far beyond the brute force's 4 × 6, where until now the only check was the matcher's own
 * `optimal`. The MIP is written from docs/domain.md#matching alone (tests/support/matching-mip.ts).
 */

/**
 * Uses up most helpers' capacity with pairings to counties outside the instance, as a province
 * whose helpers already serve elsewhere: few slots left, and those at a high load.
 */
function busyElsewhere(inst: RegistryInstance, spareOdds: number, seed: number): RegistryInstance {
  const rand = seededRandom(seed);
  const used = new Map<string, number>();
  for (const p of inst.pairings) used.set(p.helper_id, (used.get(p.helper_id) ?? 0) + 1);
  const elsewhere = inst.helpers.flatMap((h) => {
    const keep = rand() < spareOdds ? 1 + Math.floor(rand() * 2) : 0;
    const n = Math.max(0, h.capacity - (used.get(h.id) ?? 0) - keep);
    return Array.from({ length: n }, (_, k) => ({ helper_id: h.id, county_code: `elsewhere-${k}` }));
  });
  return { ...inst, pairings: [...inst.pairings, ...elsewhere] };
}

const base: Omit<InstanceSpec, "deep" | "seed"> = {
  counties: 60,
  workers: 300,
  units: 100,
  skills: 12,
  cities: 30,
};
const shapes = {
  /** Helpers to spare: every gap closes, cost comes from cities and skills. */
  plentiful: (seed: number) => generateInstance({ ...base, deep: 30, seed }),
  /** Few slots left, every gap still closes, at a high load. */
  scarce: (seed: number) => busyElsewhere(generateInstance({ ...base, deep: 40, seed }), 0.3, seed),
  /** Too few slots: some places stay unfilled, so the shortfall is minimised first. */
  short: (seed: number) => busyElsewhere(generateInstance({ ...base, deep: 50, seed }), 0.2, seed),
};

/** Starved of candidates and of branching, so that pricing and the bounds do the work. */
const hurried: MatchOptions = { candidates: 2, pricePerNode: 2, branchNodes: 1 };

function expectAgrees(result: MatchResult, inst: RegistryInstance, mip: MatchingOptimum): void {
  // The reported numbers are those of the suggestions themselves, by the rule.
  const own = evaluateSuggestions(inst, result.suggestions);
  expect(own).toEqual({ unfilled: result.unfilled, cost: result.cost, overCapacity: 0 });
  expect(result.unfilled_lower_bound).toBeLessThanOrEqual(mip.unfilled);
  expect(result.unfilled).toBe(mip.unfilled);
  expect(result.lower_bound).toBeLessThanOrEqual(mip.cost);
  if (result.optimal) expect(result.cost).toBe(mip.cost);
  else expect(result.cost).toBeLessThanOrEqual(mip.cost * 1.005);
}

describe("matching against an exact MIP, 60 counties × 400 helpers", () => {
  for (const [shape, make] of Object.entries(shapes)) {
    // The plentiful MIP is the slow one (most pairs to choose from): two seeds keep the file short.
    for (const seed of shape === "plentiful" ? [11, 12] : [11, 12, 13]) {
      it(`${shape}, seed ${seed}`, async () => {
        const inst = make(seed);
        const mip = await matchingOptimum(inst);
        if (shape === "short") expect(mip.unfilled).toBeGreaterThan(0);
        else expect(mip.unfilled).toBe(0);
        const full = suggestPairings(inst);
        const quick = suggestPairings(inst, hurried);
        expectAgrees(full, inst, mip);
        expectAgrees(quick, inst, mip);
      }, 60_000);
    }
  }
});
