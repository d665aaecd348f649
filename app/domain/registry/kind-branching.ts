/**
 * Branch and bound over the kinds of the deep counties, to prove (or reach) the optimum when
 * local search leaves a gap. A node fixes some counties' kinds; its flow is re-optimized with
 * the others free, and its bound is the Lagrangian bound with the fixed counties held to their
 * kind. It branches on the free county whose other kind looks cheapest at current prices: the
 * gap is exactly the sum of those savings, so only counties that carry some of it are split.
 * Nodes are taken lowest bound first, so when the budget runs out the bound proven is the best
 * the budget could buy.
 */
import { assignNode, priceOut, type MatchFlow } from "./flow-solver";
import { flipCandidates, improveKinds } from "./kind-search";
import type { BoundEvaluation } from "./lagrangian-bound";

export interface BranchOutcome {
  /** Proven lower bound on M·unfilled + cost. */
  bound: number;
  nodes: number;
}

type Fix = readonly [county: number, node: number];
interface OpenNode {
  fixes: readonly Fix[];
  /** Bound of the parent: valid for this node until it is evaluated. */
  bound: number;
}

/** Bound at a node: county values at their fixed kind, free counties at their better kind. */
function nodeBound(flow: MatchFlow, ev: BoundEvaluation, fixed: Uint8Array): number {
  let value = ev.slots;
  flow.m.countyNodes.forEach((nodes, j) => {
    if (nodes.length === 0) return;
    if (fixed[j]) value += ev.nodeValue[flow.chosen[j]];
    else value += Math.min(...nodes.map((d) => ev.nodeValue[d]));
  });
  return value;
}

/**
 * Explores at most `maxNodes` nodes from the flow's current kinds, keeping the best
 * kinds found. The flow is left at the best kinds, optimal for them.
 */
export function branchOnKinds(
  flow: MatchFlow,
  perNode: number,
  rootBound: number,
  maxNodes: number,
): BranchOutcome {
  const { m } = flow;
  let best = { total: flow.net.total, chosen: flow.chosen.slice() };
  const open: OpenNode[] = [{ fixes: [], bound: rootBound }];
  const fixed = new Uint8Array(m.countyCodes.length);
  let explored = 0;
  let closedBound = Infinity; // least bound among the nodes that were closed without branching
  while (open.length > 0 && explored < maxNodes) {
    const node = takeLowest(open);
    if (Math.ceil(node.bound - 1e-9) >= best.total) continue;
    explored++;
    fixed.fill(0);
    for (const [j, d] of node.fixes) {
      fixed[j] = 1;
      if (flow.chosen[j] !== d) assignNode(flow, j, d);
    }
    const ev = improveKinds(flow, perNode, fixed);
    if (flow.net.total < best.total) best = { total: flow.net.total, chosen: flow.chosen.slice() };
    const bound = Math.max(node.bound, nodeBound(flow, ev, fixed));
    const [j] = flipCandidates(m, flow.chosen, ev, fixed);
    if (j === undefined || Math.ceil(bound - 1e-9) >= best.total) {
      closedBound = Math.min(closedBound, bound);
      continue;
    }
    const [a, b] = m.countyNodes[j];
    const other = flow.chosen[j] === a ? b : a;
    open.push({ fixes: [...node.fixes, [j, flow.chosen[j]]], bound });
    open.push({ fixes: [...node.fixes, [j, other]], bound });
  }
  restore(flow, best.chosen, perNode);
  const openBound = open.reduce((low, n) => Math.min(low, n.bound), Infinity);
  return { bound: Math.min(best.total, closedBound, openBound), nodes: explored };
}

/** Removes and returns the open node with the lowest bound (the deepest among equals). */
function takeLowest(open: OpenNode[]): OpenNode {
  let at = open.length - 1;
  for (let i = open.length - 2; i >= 0; i--) if (open[i].bound < open[at].bound) at = i;
  return open.splice(at, 1)[0];
}

function restore(flow: MatchFlow, chosen: Int32Array, perNode: number): void {
  chosen.forEach((d, j) => d >= 0 && flow.chosen[j] !== d && assignNode(flow, j, d));
  priceOut(flow, perNode);
}
