/**
 * Lower bound by Lagrangian relaxation of the helpers' capacities (docs/domain.md#matching). With a price λ_h
 * on each helper's pairings the problem splits: each county picks its kind and its cheapest
 * places at value pairing cost + λ_h (an unfilled place at M), and each helper takes the slots
 * whose load is below its price. Any λ gives a valid bound. The county subproblem keeps the
 * units-or-workers choice whole, so the best λ is worth at least the LP with x(unit, j) ≤ y_j and
 * x(worker, j) ≤ 1 − y_j (a plain LP would let a county mix kinds). At the flow's optimal prices
 * the bound equals the flow's cost for the kinds chosen, less, for each deep county, how much
 * cheaper its other kind looks: those savings are exactly the gap, county by county.
 */
import { HelperOrder } from "./helper-order";
import { type MatchModel } from "./matching-model";

export interface BoundEvaluation {
  /** The bound on M·unfilled + cost. */
  value: number;
  /** Its helpers' part: Σ of the slot terms. */
  slots: number;
  /** Per demand node: its subproblem's value (the county at that node's kind). */
  nodeValue: Float64Array;
}

/** Σ over the helper's free slots of min(0, load − λ): the slots it would sell at price λ. */
export function slotTerm(existing: number, spare: number, lambda: number): number {
  let sum = 0;
  for (let i = 0; i < spare; i++) {
    const load = 2 * (existing + i);
    if (load >= lambda) break;
    sum += load - lambda;
  }
  return sum;
}

/** Value of demand node d's subproblem: its `need` cheapest places, M for each one missing. */
export function nodeSubproblem(m: MatchModel, order: HelperOrder, d: number): number {
  const node = m.nodes[d];
  const picks = order.cheapest(node.county, node.kind, node.need, m.bigM);
  let sum = m.bigM * (node.need - picks.length);
  for (const p of picks) sum += p.value;
  return sum;
}

/** L(λ): every county at its better kind, plus the helpers' slot terms. */
export function evaluateBound(
  m: MatchModel,
  lambda: Float64Array,
  order = new HelperOrder(m, lambda),
): BoundEvaluation {
  const nodeValue = new Float64Array(m.nodes.length);
  let slots = 0;
  for (let h = 0; h < lambda.length; h++) slots += slotTerm(m.existing[h], m.spare[h], lambda[h]);
  let value = slots;
  for (const nodes of m.countyNodes) {
    if (nodes.length === 0) continue;
    let best = Infinity;
    for (const d of nodes) best = Math.min(best, (nodeValue[d] = nodeSubproblem(m, order, d)));
    value += best;
  }
  return { value, slots, nodeValue };
}
