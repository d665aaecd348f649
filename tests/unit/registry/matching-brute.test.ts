import { describe, expect, it } from "vitest";
import { suggestPairings, type MatchInput, type MatchResult } from "~/domain/registry/matching";
import { bruteForce } from "./brute-force";
import { tinyInstance } from "./tiny-instances";

/** Checks everything a result promises that does not need the optimum. */
function expectConsistent(input: MatchInput, r: MatchResult): void {
  const helper = new Map(input.helpers.map((h) => [h.id, h]));
  const county = new Map(input.counties.map((c) => [c.code, c]));
  const seen = new Set(input.pairings.map((p) => `${p.helper_id}|${p.county_code}`));
  const load = new Map<string, number>();
  for (const p of new Set(input.pairings.map((p) => `${p.helper_id}|${p.county_code}`))) {
    const id = p.split("|")[0];
    load.set(id, (load.get(id) ?? 0) + 1);
  }
  for (const s of r.suggestions) {
    const key = `${s.helper_id}|${s.county_code}`;
    expect(seen.has(key), key).toBe(false);
    seen.add(key);
    const h = helper.get(s.helper_id)!;
    const c = county.get(s.county_code)!;
    load.set(h.id, (load.get(h.id) ?? 0) + 1);
    expect(load.get(h.id)).toBeLessThanOrEqual(h.capacity);
    expect(s.reason.load).toBe(load.get(h.id));
    expect(s.reason.same_city).toBe(h.city === c.city);
    expect(s.cost).toBe(
      (s.reason.same_city ? 0 : 3) + (s.reason.shared_skills.length ? 0 : 4) + 2 * (s.reason.load - 1),
    );
    const deepKind = r.deep_kinds.find((d) => d.county_code === c.code)?.kind;
    if (c.poverty_level === "deep") expect(h.kind).toBe(deepKind);
    expect(c.poverty_level).not.toBe("none");
  }
  expect(r.cost).toBe(r.suggestions.reduce((sum, s) => sum + s.cost, 0));
  expect(r.unfilled).toBe(r.uncovered.reduce((sum, u) => sum + u.need, 0));
  expect(r.lower_bound).toBeLessThanOrEqual(r.cost);
}

describe("matching against brute force on tiny registries", () => {
  for (const candidates of [1, 50]) {
    it(`finds and proves the optimum (${candidates} candidate${candidates > 1 ? "s" : ""} per node, then pricing)`, () => {
      for (let seed = 1; seed <= 400; seed++) {
        const input = tinyInstance(seed);
        const r = suggestPairings(input, { candidates });
        const best = bruteForce(input.helpers, input.counties, input.pairings);
        expectConsistent(input, r);
        expect({ seed, unfilled: r.unfilled, cost: r.cost }).toEqual({
          seed,
          unfilled: best.unfilled,
          cost: best.cost,
        });
        expect({ seed, optimal: r.optimal, lower: r.lower_bound }).toEqual({
          seed,
          optimal: true,
          lower: best.cost,
        });
      }
    });
  }

  it("never claims more than it proves when branching is not allowed", () => {
    for (let seed = 1; seed <= 400; seed++) {
      const input = tinyInstance(seed);
      const r = suggestPairings(input, { branchNodes: 0 });
      const best = bruteForce(input.helpers, input.counties, input.pairings);
      expectConsistent(input, r);
      expect(r.unfilled_lower_bound).toBeLessThanOrEqual(best.unfilled);
      if (r.unfilled === best.unfilled) expect(r.lower_bound).toBeLessThanOrEqual(best.cost);
      if (r.optimal)
        expect({ seed, cost: r.cost, unfilled: r.unfilled }).toEqual({
          seed,
          cost: best.cost,
          unfilled: best.unfilled,
        });
    }
  });
});
