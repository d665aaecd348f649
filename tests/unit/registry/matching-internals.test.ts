import { describe, expect, it } from "vitest";
import { SOURCE } from "~/domain/registry/flow-network";
import { createMatchFlow, fillAll, priceOut } from "~/domain/registry/flow-solver";
import { seededRandom } from "~/domain/seeded-random";
import { generateInstance } from "../../support/instance-generator";
import { initialKinds } from "~/domain/registry/kind-search";
import { evaluateBound } from "~/domain/registry/lagrangian-bound";
import { buildMatchModel, nodeAccepts, pairCost } from "~/domain/registry/matching-model";
import { suggestPairings } from "~/domain/registry/matching";
import { MinHeap } from "~/domain/registry/min-heap";
import { bruteForce } from "./brute-force";
import { tinyInstance } from "./tiny-instances";

const medium = (seed: number) =>
  generateInstance({
    counties: 40,
    deep: 15,
    workers: 45,
    units: 15,
    skills: 5,
    cities: 6,
    seed,
    pairings: 30,
  });

describe("the Lagrangian bound", () => {
  it("never exceeds the optimum, whatever the helper prices", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const input = tinyInstance(seed);
      const m = buildMatchModel(input.helpers, input.counties, input.pairings);
      const best = bruteForce(input.helpers, input.counties, input.pairings);
      const rand = seededRandom(seed);
      for (let trial = 0; trial < 20; trial++) {
        const lambda = Float64Array.from(m.helperIds, () =>
          trial % 2 ? Math.floor(rand() * 16) - 3 : rand() * 12,
        );
        expect(evaluateBound(m, lambda).value).toBeLessThanOrEqual(m.bigM * best.unfilled + best.cost + 1e-9);
      }
    }
  });
});

describe("pricing", () => {
  it("leaves no pair with a negative reduced cost, even from one candidate per node", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const input = medium(seed);
      const m = buildMatchModel(input.helpers, input.counties, input.pairings);
      const flow = createMatchFlow(m, 1);
      initialKinds(flow);
      fillAll(flow);
      priceOut(flow, 3);
      const { net } = flow;
      const mu = (d: number) => net.pot[net.demandNode(d)] - net.pot[SOURCE];
      for (const d of flow.chosen) {
        if (d < 0) continue;
        expect(m.bigM).toBeGreaterThanOrEqual(mu(d));
        m.helperIds.forEach((_, h) => {
          if (!nodeAccepts(m, m.nodes[d], h) || net.hasArc(h, d)) return;
          expect(pairCost(m, h, m.nodes[d].county) + net.price(h)).toBeGreaterThanOrEqual(mu(d));
        });
      }
      for (let a = 0; a < net.arcHelper.length; a++) {
        const rc =
          net.arcCost[a] +
          net.pot[net.helperNode(net.arcHelper[a])] -
          net.pot[net.demandNode(net.arcNode[a])];
        if (net.arcFlow[a] === 0) expect(rc).toBeGreaterThanOrEqual(0);
        else expect(rc).toBeLessThanOrEqual(0);
      }
    }
  });

  it("makes the answer independent of how many candidates start the search", () => {
    for (let seed = 1; seed <= 8; seed++) {
      const input = medium(seed);
      const [few, some, all] = [1, 5, 1000].map((candidates) => suggestPairings(input, { candidates }));
      expect(few).toMatchObject({ optimal: true });
      expect([few.unfilled, few.cost]).toEqual([all.unfilled, all.cost]);
      expect([some.unfilled, some.cost]).toEqual([all.unfilled, all.cost]);
      expect(all.optimal).toBe(true);
    }
  });
});

describe("instance generator", () => {
  it("is repeatable and honours the spec", () => {
    const spec = { counties: 56, deep: 11, workers: 200, units: 30, skills: 12, cities: 10, seed: 7 };
    const a = generateInstance(spec);
    expect(generateInstance(spec)).toEqual(a);
    expect(generateInstance({ ...spec, seed: 8 })).not.toEqual(a);
    expect(a.counties).toHaveLength(56);
    expect(a.counties.filter((c) => c.poverty_level === "deep")).toHaveLength(11);
    expect(a.helpers.filter((h) => h.kind === "worker")).toHaveLength(200);
    expect(new Set(a.helpers.map((h) => h.city)).size).toBeLessThanOrEqual(10);
    expect(new Set(a.pairings.map((p) => `${p.helper_id}|${p.county_code}`)).size).toBe(a.pairings.length);
    for (const h of a.helpers)
      expect(a.pairings.filter((p) => p.helper_id === h.id).length).toBeLessThanOrEqual(h.capacity);
  });
});

describe("min-heap", () => {
  it("pops keys in order", () => {
    const heap = new MinHeap(2);
    const rand = seededRandom(3);
    const keys = Array.from({ length: 500 }, () => Math.floor(rand() * 50));
    keys.forEach((k, i) => heap.push(k, i));
    const out: number[] = [];
    while (heap.size > 0) {
      out.push(heap.topKey());
      heap.pop();
    }
    expect(out).toEqual([...keys].sort((a, b) => a - b));
  });
});
