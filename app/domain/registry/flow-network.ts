/**
 * Residual network of the min-cost flow for one choice of kinds (docs/domain.md#matching):
 *   source → helper (convex: the helper's next slot costs 2·(existing + used)),
 *   helper → demand node (candidate pairs only, capacity 1, the pairing cost),
 *   source → demand node (bypass: an unfilled place, cost M).
 * Node 0 is the source, 1..H the helpers, then the demand nodes. There is no sink node: a demand
 * node's demand is its outflow. Potentials keep every residual reduced cost non-negative, which
 * is what lets each step be a Dijkstra search and what certifies optimality at the end.
 */
import { pairCost, type MatchModel } from "./matching-model";

export const SOURCE = 0;
/** `link` codes besides an arc index: the source–helper slot arc and the bypass arc. */
export const SLOT = -1;
export const BYPASS = -2;

export class FlowNetwork {
  readonly helperCount: number;
  readonly nodeCount: number;
  readonly pot: Float64Array;
  readonly used: Int32Array;
  /** Places asked of each demand node now: its need when its kind is chosen, else 0. */
  readonly demand: Int32Array;
  /** Places of each demand node left unfilled (flow on its bypass arc). */
  readonly bypass: Int32Array;
  readonly arcHelper: number[] = [];
  readonly arcNode: number[] = [];
  readonly arcCost: number[] = [];
  readonly arcFlow: number[] = [];
  readonly helperArcs: number[][];
  readonly nodeArcs: number[][];
  readonly activeHelpers: number[] = [];
  private readonly arcIndex = new Map<number, number>();
  /** Σ cost of the current flow, unfilled places at M each. */
  total = 0;

  constructor(readonly m: MatchModel) {
    this.helperCount = m.helperIds.length;
    this.nodeCount = 1 + this.helperCount + m.nodes.length;
    this.pot = new Float64Array(this.nodeCount);
    this.used = new Int32Array(this.helperCount);
    this.demand = new Int32Array(m.nodes.length);
    this.bypass = new Int32Array(m.nodes.length);
    this.helperArcs = m.helperIds.map(() => []);
    this.nodeArcs = m.nodes.map(() => []);
  }

  helperNode(h: number): number {
    return 1 + h;
  }

  demandNode(d: number): number {
    return 1 + this.helperCount + d;
  }

  hasArc(h: number, d: number): boolean {
    return this.arcIndex.has(h * this.m.nodes.length + d);
  }

  /** Adds the candidate pair h → d once; returns its arc index. */
  addArc(h: number, d: number): number {
    const key = h * this.m.nodes.length + d;
    const known = this.arcIndex.get(key);
    if (known !== undefined) return known;
    if (this.helperArcs[h].length === 0) this.activate(h);
    const a = this.arcHelper.length;
    this.arcHelper.push(h);
    this.arcNode.push(d);
    this.arcCost.push(pairCost(this.m, h, this.m.nodes[d].county));
    this.arcFlow.push(0);
    this.helperArcs[h].push(a);
    this.nodeArcs[d].push(a);
    this.arcIndex.set(key, a);
    return a;
  }

  /**
   * A helper with no arcs was only reachable through its slot arc, so its potential may be stale;
   * pinning it to the source's plus the next slot's cost makes that arc's reduced cost 0.
   */
  private activate(h: number): void {
    this.activeHelpers.push(h);
    this.pot[this.helperNode(h)] = this.pot[SOURCE] + this.slotCost(h);
  }

  /** Cost of the helper's next slot: its (existing + used + 1)-th pairing. */
  slotCost(h: number): number {
    return 2 * (this.m.existing[h] + this.used[h]);
  }

  /**
   * Gives a demand node that carries no flow the highest potential its arcs in allow, so arcs
   * just added into it have non-negative reduced costs (it has no residual arc out).
   */
  settleIdleNode(d: number): void {
    const dn = this.demandNode(d);
    let low = this.pot[SOURCE] + this.m.bigM;
    for (const a of this.nodeArcs[d]) {
      if (this.arcFlow[a] !== 0) throw new Error("matching: settleIdleNode on a node with flow");
      low = Math.min(low, this.arcCost[a] + this.pot[this.helperNode(this.arcHelper[a])]);
    }
    this.pot[dn] = low;
  }

  /** Empties the flow, keeping the arcs; zero potentials are valid since no cost is negative. */
  reset(): void {
    this.pot.fill(0);
    this.used.fill(0);
    this.demand.fill(0);
    this.bypass.fill(0);
    this.arcFlow.fill(0);
    this.total = 0;
  }

  /**
   * Lifts every idle helper's potential to the source's plus its first slot's load. That is the
   * most its slot arc allows, and an idle helper has no other arc into it, so the potentials stay
   * valid; a higher price on helpers nobody uses only makes the bound stronger.
   */
  raiseIdlePrices(): void {
    for (const h of this.activeHelpers) {
      if (this.used[h] === 0) this.pot[this.helperNode(h)] = this.pot[SOURCE] + this.slotCost(h);
    }
  }

  /** λ_h = π(h) − π(s): the flow's marginal price of one more pairing by helper h. */
  price(h: number): number {
    return this.helperArcs[h].length === 0
      ? this.slotCost(h)
      : this.pot[this.helperNode(h)] - this.pot[SOURCE];
  }

  /** Pushes one unit over the residual arc u → w identified by `link`. */
  pushResidual(u: number, w: number, link: number): void {
    const H = this.helperCount;
    if (link >= 0) {
      const fromHelper = u >= 1 && u <= H;
      this.arcFlow[link] = fromHelper ? 1 : 0;
      this.total += fromHelper ? this.arcCost[link] : -this.arcCost[link];
    } else if (link === SLOT) {
      if (u === SOURCE) {
        this.total += this.slotCost(w - 1);
        this.used[w - 1]++;
      } else {
        this.used[u - 1]--;
        this.total -= this.slotCost(u - 1);
      }
    } else if (u === SOURCE) {
      this.bypass[w - 1 - H]++;
      this.total += this.m.bigM;
    } else {
      this.bypass[u - 1 - H]--;
      this.total -= this.m.bigM;
    }
  }

  unfilled(): number {
    let n = 0;
    for (let d = 0; d < this.bypass.length; d++) n += this.bypass[d];
    return n;
  }
}
