/**
 * Choosing, per deep county, whether units or workers cover it (docs/domain.md#matching). A first guess, then
 * local search: the bound's county values say which counties would be cheaper with the other
 * kind at current prices; each such flip is tried on the flow and kept only if the total drops.
 */
import { assignNode, priceOut, type MatchFlow } from "./flow-solver";
import { HelperOrder } from "./helper-order";
import { evaluateBound, nodeSubproblem, type BoundEvaluation } from "./lagrangian-bound";
import { type MatchModel } from "./matching-model";

/**
 * First guess per deep county: the kind missing fewer places, then the kind whose cheapest
 * helpers cost less (pairing cost plus first free slot, ignoring competition), then the kind
 * with more free slots in all.
 */
export function initialKinds(flow: MatchFlow): void {
  const { m } = flow;
  const spareByKind = [0, 0];
  m.spare.forEach((s, h) => (spareByKind[m.helperKind[h]] += s));
  const staticPrice = new Float64Array(m.existing.length);
  m.existing.forEach((e, h) => (staticPrice[h] = 2 * e));
  const order = new HelperOrder(m, staticPrice);
  m.countyNodes.forEach((nodes, j) => {
    if (nodes.length !== 2) return;
    const [a, b] = nodes.map((d) => [
      m.nodes[d].need,
      nodeSubproblem(m, order, d),
      -spareByKind[m.nodes[d].kind],
    ]);
    const firstIsBetter = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    flow.chosen[j] = firstIsBetter <= 0 ? nodes[0] : nodes[1];
  });
}

/** Prices out the flow, then evaluates the bound at its prices (sorted helpers kept for flips). */
export function priceAndBound(flow: MatchFlow, perNode: number): BoundEvaluation & { order: HelperOrder } {
  const { lambda, order } = priceOut(flow, perNode);
  return { ...evaluateBound(flow.m, lambda, order), order };
}

/**
 * Deep counties (not `fixed`) whose other kind is cheaper at current prices, largest saving
 * first. The savings add up to the gap between the flow and the bound.
 */
export function flipCandidates(
  m: MatchModel,
  chosen: Int32Array,
  ev: BoundEvaluation,
  fixed?: Uint8Array,
): number[] {
  const gains: [number, number][] = [];
  m.countyNodes.forEach((nodes, j) => {
    if (nodes.length !== 2 || fixed?.[j]) return;
    const other = nodes[0] === chosen[j] ? nodes[1] : nodes[0];
    const gain = ev.nodeValue[chosen[j]] - ev.nodeValue[other];
    if (gain > 0) gains.push([j, gain]);
  });
  return gains.sort((x, y) => y[1] - x[1]).map(([j]) => j);
}

/**
 * Tries the other kind for county j; keeps it only when the total drops. The other kind's node
 * first gets its cheapest helpers at current prices as arcs (its first candidates were chosen at
 * no load), or a flip that pays could look like one that does not.
 */
export function tryFlip(flow: MatchFlow, j: number, order: HelperOrder, candidates: number): boolean {
  const { m, net } = flow;
  const nodes = m.countyNodes[j];
  const old = flow.chosen[j];
  const other = old === nodes[0] ? nodes[1] : nodes[0];
  const node = m.nodes[other];
  for (const p of order.cheapest(node.county, node.kind, candidates, Infinity, (h) => net.hasArc(h, other)))
    net.addArc(p.helper, other);
  net.settleIdleNode(other);
  const before = net.total;
  assignNode(flow, j, other);
  if (flow.net.total < before) return true;
  assignNode(flow, j, old);
  return false;
}

/**
 * Pricing, then rounds of single flips of counties not `fixed`, guided by the bound, each round
 * priced again, until a round keeps none. Returns the bound evaluated at the final flow.
 */
export function improveKinds(
  flow: MatchFlow,
  perNode: number,
  fixed?: Uint8Array,
  maxRounds = 50,
): BoundEvaluation {
  let ev = priceAndBound(flow, perNode);
  for (let round = 0; round < maxRounds; round++) {
    let kept = 0;
    for (const j of flipCandidates(flow.m, flow.chosen, ev, fixed))
      kept += tryFlip(flow, j, ev.order, perNode) ? 1 : 0;
    if (kept === 0) break;
    ev = priceAndBound(flow, perNode);
  }
  return ev;
}
