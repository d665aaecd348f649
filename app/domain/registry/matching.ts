/**
 * Suggesting new pairings that close every coverage gap at least total cost (docs/domain.md#matching), with a
 * proven lower bound. Pure: the caller loads helpers, counties and pairings and decides what to
 * apply. The model and the algorithm are described in the modules this one calls.
 */
import { createMatchFlow, fillAll } from "./flow-solver";
import { branchOnKinds } from "./kind-branching";
import { improveKinds, initialKinds } from "./kind-search";
import { buildMatchModel, UNIT } from "./matching-model";
import { buildSuggestions, type MatchSuggestion } from "./match-result";
import type { HelperKind, PairingRef, RegistryCounty, RegistryHelper } from "./registry-types";

export interface MatchInput {
  helpers: readonly RegistryHelper[];
  counties: readonly RegistryCounty[];
  /** Existing pairings: they count toward coverage, use capacity and are never suggested again. */
  pairings: readonly PairingRef[];
}

export interface MatchOptions {
  /** Cheapest helpers per county and kind given arcs up front; pricing adds the rest as needed. */
  candidates?: number;
  /** Most arcs pricing adds per node and round. */
  pricePerNode?: number;
  /**
   * Most branch-and-bound nodes spent proving or improving the kinds chosen. By default a fixed
   * amount of work: a node costs about one pass over helpers and counties, so small registries
   * get many nodes and the national one a few dozen; the same input always gives the same answer.
   */
  branchNodes?: number;
}

export interface MatchResult {
  /** Σ over the suggestions of pairing cost + load term. */
  cost: number;
  /** Proven lower bound on the cost of any answer leaving `unfilled` places (0 if unproven). */
  lower_bound: number;
  /** (cost − lower_bound) / cost; 0 when cost is 0. */
  gap: number;
  /** True only when no answer leaves fewer places unfilled or costs less. */
  optimal: boolean;
  /** Helper places still missing after the suggestions, and the fewest any answer can leave. */
  unfilled: number;
  unfilled_lower_bound: number;
  suggestions: MatchSuggestion[];
  uncovered: { county_code: string; need: number }[];
  /** The kind chosen for each deep county that still needed places. */
  deep_kinds: { county_code: string; kind: HelperKind }[];
}

export function suggestPairings(input: MatchInput, options: MatchOptions = {}): MatchResult {
  const candidates = options.candidates ?? 50;
  const perNode = options.pricePerNode ?? 50;
  const m = buildMatchModel(input.helpers, input.counties, input.pairings);
  const flow = createMatchFlow(m, candidates);
  initialKinds(flow);
  fillAll(flow);
  const ev = improveKinds(flow, perNode);
  const { net } = flow;
  let bound = Math.ceil(ev.value - 1e-9);
  const budget = options.branchNodes ?? defaultBranchNodes(input);
  if (bound < net.total) bound = Math.ceil(branchOnKinds(flow, perNode, ev.value, budget).bound - 1e-9);
  const unfilled = net.unfilled();
  const unfilledLower = bound >= m.bigM * unfilled ? unfilled : Math.floor(bound / m.bigM);
  const cost = net.total - m.bigM * unfilled;
  const lower = unfilledLower === unfilled ? Math.max(0, Math.min(cost, bound - m.bigM * unfilled)) : 0;
  const uncovered: MatchResult["uncovered"] = [];
  const deepKinds: MatchResult["deep_kinds"] = [];
  flow.chosen.forEach((d, j) => {
    if (d < 0) return;
    if (net.bypass[d] > 0) uncovered.push({ county_code: m.countyCodes[j], need: net.bypass[d] });
    const kind = m.nodes[d].kind;
    if (m.countyNodes[j].length === 2)
      deepKinds.push({ county_code: m.countyCodes[j], kind: kind === UNIT ? "unit" : "worker" });
  });
  return {
    cost,
    lower_bound: lower,
    gap: cost > 0 ? (cost - lower) / cost : 0,
    optimal: unfilledLower === unfilled && lower === cost,
    unfilled,
    unfilled_lower_bound: unfilledLower,
    suggestions: buildSuggestions(input, m, flow),
    uncovered,
    deep_kinds: deepKinds,
  };
}

function defaultBranchNodes(input: MatchInput): number {
  const work = input.helpers.length + 40 * input.counties.length;
  return Math.max(16, Math.min(1000, Math.round(3e6 / Math.max(1, work))));
}
