/**
 * The min-cost flow for one choice of kinds, on a restricted candidate set made exact by pricing
 * (docs/domain.md#matching: keeping the K cheapest helpers alone can be far off when helpers are scarce).
 */
import { FlowNetwork, SOURCE } from "./flow-network";
import { PathFinder } from "./flow-paths";
import { HelperOrder } from "./helper-order";
import { type MatchModel } from "./matching-model";

export interface MatchFlow {
  m: MatchModel;
  net: FlowNetwork;
  paths: PathFinder;
  /** Per county: the demand node holding its demand, or -1 when it needs nothing. */
  chosen: Int32Array;
}

/**
 * Candidate arcs: each node's `candidates` cheapest helpers by pairing cost plus first free slot.
 * Costs tie massively, so the same few helpers would head every list and run out of slots at
 * once; a helper already offered to CLAIMS_PER_SLOT lists per free slot is passed over for the
 * next equally cheap one. Only speed depends on this: pricing brings back any pair that pays.
 */
export function createMatchFlow(m: MatchModel, candidates: number): MatchFlow {
  const net = new FlowNetwork(m);
  const staticPrice = new Float64Array(m.existing.length);
  m.existing.forEach((e, h) => (staticPrice[h] = 2 * e));
  const order = new HelperOrder(m, staticPrice);
  const claims = new Int32Array(m.helperIds.length);
  const busy = (h: number) => claims[h] >= CLAIMS_PER_SLOT * m.spare[h];
  m.nodes.forEach((node, d) => {
    for (const p of order.cheapest(node.county, node.kind, candidates, Infinity, busy)) {
      net.addArc(p.helper, d);
      claims[p.helper]++;
    }
  });
  const chosen = Int32Array.from(m.countyNodes, (nodes) => (nodes.length ? nodes[0] : -1));
  return { m, net, paths: new PathFinder(net), chosen };
}

const CLAIMS_PER_SLOT = 6;

/** Moves county j's demand to demand node d, each step a shortest path, so the flow stays optimal. */
export function assignNode(flow: MatchFlow, j: number, d: number): void {
  const { net, paths, m } = flow;
  const old = flow.chosen[j];
  if (old !== d) while (net.demand[old] > 0) paths.cancel(old);
  flow.chosen[j] = d;
  while (net.demand[d] < m.nodes[d].need) paths.augment(d);
}

export function fillAll(flow: MatchFlow): void {
  flow.chosen.forEach((d, j) => d >= 0 && assignNode(flow, j, d));
}

/** λ_h = π(h) − π(s) for every helper: the flow's marginal price of one more pairing. */
export function helperPrices(net: FlowNetwork): Float64Array {
  const prices = new Float64Array(net.helperCount);
  for (let h = 0; h < prices.length; h++) prices[h] = net.price(h);
  return prices;
}

export interface Priced {
  /** Helper prices λ at the flow's potentials, and the helpers sorted by them. */
  lambda: Float64Array;
  order: HelperOrder;
  added: number;
}

/**
 * Adds every missing pair with a negative reduced cost into a node with demand (at most
 * `perNode` per node per round) until a round finds none. Then the potentials certify the flow
 * optimal over all pairs, not just the candidates, and the last round's prices and order still
 * hold (nothing moved since), ready for the bound. A few new arcs are absorbed one by one; many
 * (the candidates were too few, as when helpers are scarce) are cheaper to solve again from zero.
 */
export function priceOut(flow: MatchFlow, perNode: number): Priced {
  const { net, m } = flow;
  let added = 0;
  for (;;) {
    net.raiseIdlePrices();
    const lambda = helperPrices(net);
    const order = new HelperOrder(m, lambda);
    const found: [number, number][] = [];
    for (const d of flow.chosen) {
      if (d < 0 || net.demand[d] === 0) continue;
      const node = m.nodes[d];
      const mu = net.pot[net.demandNode(d)] - net.pot[SOURCE];
      for (const p of order.cheapest(node.county, node.kind, perNode, mu, (h) => net.hasArc(h, d)))
        found.push([p.helper, d]);
    }
    if (found.length === 0) return { lambda, order, added };
    added += found.length;
    if (found.length <= ONE_BY_ONE) {
      for (const [h, d] of found) forceIfNegative(flow, h, d);
    } else {
      for (const [h, d] of found) net.addArc(h, d);
      net.reset();
      fillAll(flow);
    }
  }
}

/** Up to this many new arcs, repairing the flow around each beats solving again. */
const ONE_BY_ONE = 16;

/** Adds arc h → d; if its reduced cost is negative, pushes a unit on it and reroutes the excess. */
function forceIfNegative(flow: MatchFlow, h: number, d: number): void {
  const { net, paths } = flow;
  const a = net.addArc(h, d);
  const hn = net.helperNode(h);
  const dn = net.demandNode(d);
  if (net.arcCost[a] + net.pot[hn] - net.pot[dn] >= 0) return;
  net.arcFlow[a] = 1;
  net.total += net.arcCost[a];
  paths.reroute(dn, hn);
}
