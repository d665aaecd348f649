/**
 * Turning the flow into suggestions an admin can review: each with its cost and the reason for
 * it (shared skills, same city, which pairing of the helper it is).
 */
import type { MatchFlow } from "./flow-solver";
import { loadTerm, pairCost, type MatchModel } from "./matching-model";
import type { RegistryCounty, RegistryHelper } from "./registry-types";
import { sharedTags } from "./tags";

export interface MatchSuggestion {
  helper_id: string;
  county_code: string;
  /** Pairing cost plus load term. */
  cost: number;
  reason: {
    shared_skills: string[];
    same_city: boolean;
    /** k: this is the helper's k-th pairing, existing ones counted; it adds 2·(k−1). */
    load: number;
  };
}

/**
 * One suggestion per unit of flow on a helper → county arc, in county order. A helper's new
 * pairings take its slots in that same order; which one gets which slot does not change the sum.
 */
export function buildSuggestions(
  input: { helpers: readonly RegistryHelper[]; counties: readonly RegistryCounty[] },
  m: MatchModel,
  flow: MatchFlow,
): MatchSuggestion[] {
  const { net } = flow;
  const pairs: [number, number][] = [];
  flow.chosen.forEach((d) => {
    if (d < 0) return;
    for (const a of net.nodeArcs[d])
      if (net.arcFlow[a] === 1) pairs.push([net.arcHelper[a], m.nodes[d].county]);
  });
  pairs.sort((x, y) => x[1] - y[1] || (m.helperIds[x[0]] < m.helperIds[y[0]] ? -1 : 1));
  const taken = new Int32Array(m.helperIds.length);
  return pairs.map(([h, j]) => {
    const k = m.existing[h] + ++taken[h];
    const helper = input.helpers[h];
    const county = input.counties[j];
    return {
      helper_id: helper.id,
      county_code: county.code,
      cost: pairCost(m, h, j) + loadTerm(k),
      reason: {
        shared_skills: sharedTags(helper.skills, county.needs),
        same_city: m.helperCity[h] === m.countyCity[j],
        load: k,
      },
    };
  });
}
