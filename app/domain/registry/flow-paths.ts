/**
 * One-unit shortest-path steps on the residual network, Dijkstra on reduced costs. A search stops
 * as soon as it settles its target; only the nodes it settled get new potentials (π ± (D − d),
 * the usual early-stop update, with the constant shift dropped), so a step costs what it explores,
 * not the size of the network.
 */
import { BYPASS, SLOT, SOURCE, type FlowNetwork } from "./flow-network";
import { MinHeap } from "./min-heap";

export class PathFinder {
  private readonly dist: Float64Array;
  private readonly seen: Int32Array;
  private readonly done: Int32Array;
  private readonly link: Int32Array;
  private readonly linkNode: Int32Array;
  private readonly heap = new MinHeap();
  private readonly settled: number[] = [];
  private gen = 0;
  /** Nodes settled by all searches so far (a measure of work). */
  explored = 0;

  constructor(private readonly net: FlowNetwork) {
    const n = net.nodeCount;
    this.dist = new Float64Array(n);
    this.seen = new Int32Array(n);
    this.done = new Int32Array(n);
    this.link = new Int32Array(n);
    this.linkNode = new Int32Array(n);
  }

  /** One more place at demand node d, by the cheapest rearrangement (an unfilled place at worst). */
  augment(d: number): void {
    this.run(this.net.demandNode(d), SOURCE, true);
    this.net.demand[d]++;
  }

  /** One place fewer at demand node d; its helper moves wherever that saves most. */
  cancel(d: number): void {
    this.run(this.net.demandNode(d), SOURCE, false);
    this.net.demand[d]--;
  }

  /** Sends the excess of `from` to the deficit of `to` (used after forcing a priced arc). */
  reroute(from: number, to: number): void {
    this.run(from, to, false);
  }

  /**
   * Shortest distances from the source to every node in the residual network (original costs).
   * They are the largest potentials the flow admits, so the helper prices they give are the
   * highest the flow can justify; that tightens the bound on the kind not chosen.
   */
  distancesFromSource(): Float64Array {
    const { dist, done, heap, net } = this;
    this.gen++;
    heap.clear();
    this.visit(SOURCE, 0, -1, 0);
    while (heap.size > 0) {
      const key = heap.topKey();
      const v = heap.pop();
      if (done[v] === this.gen || key > dist[v]) continue;
      done[v] = this.gen;
      this.expandForward(v);
    }
    const out = new Float64Array(net.nodeCount);
    for (let v = 0; v < out.length; v++)
      out[v] = this.seen[v] === this.gen ? dist[v] + net.pot[v] - net.pot[SOURCE] : Infinity;
    return out;
  }

  private visit(w: number, nd: number, via: number, link: number): void {
    if (this.seen[w] === this.gen && this.dist[w] <= nd) return;
    this.seen[w] = this.gen;
    this.dist[w] = nd;
    this.linkNode[w] = via;
    this.link[w] = link;
    this.heap.push(nd, w);
  }

  /**
   * Forward: shortest path start ⇝ target. Backward: searches from `start` over predecessors,
   * i.e. the shortest path target ⇝ start. Then pushes one unit along it.
   */
  private run(start: number, target: number, backward: boolean): void {
    const { dist, done, heap, settled } = this;
    this.gen++;
    heap.clear();
    settled.length = 0;
    this.visit(start, 0, -1, 0);
    while (heap.size > 0) {
      const key = heap.topKey();
      const v = heap.pop();
      if (done[v] === this.gen || key > dist[v]) continue;
      done[v] = this.gen;
      settled.push(v);
      if (v === target) break;
      if (backward) this.expandBackward(v);
      else this.expandForward(v);
    }
    if (done[target] !== this.gen) throw new Error("matching: no residual path (network invariant broken)");
    const D = dist[target];
    const pot = this.net.pot;
    for (const v of settled) if (dist[v] < D) pot[v] += backward ? D - dist[v] : dist[v] - D;
    this.explored += settled.length;
    for (let v = target; v !== start; v = this.linkNode[v]) {
      if (backward) this.net.pushResidual(v, this.linkNode[v], this.link[v]);
      else this.net.pushResidual(this.linkNode[v], v, this.link[v]);
    }
  }

  private expandForward(v: number): void {
    const net = this.net;
    const { pot, m } = net;
    const base = this.dist[v] + pot[v];
    const H = net.helperCount;
    if (v === SOURCE) {
      for (const h of net.activeHelpers) {
        if (net.used[h] < m.spare[h]) this.visit(1 + h, base + net.slotCost(h) - pot[1 + h], v, SLOT);
      }
      for (let d = 0; d < net.demand.length; d++)
        this.visit(1 + H + d, base + m.bigM - pot[1 + H + d], v, BYPASS);
    } else if (v <= H) {
      const h = v - 1;
      if (net.used[h] > 0)
        this.visit(SOURCE, base - 2 * (m.existing[h] + net.used[h] - 1) - pot[SOURCE], v, SLOT);
      for (const a of net.helperArcs[h]) {
        const w = 1 + H + net.arcNode[a];
        if (net.arcFlow[a] === 0) this.visit(w, base + net.arcCost[a] - pot[w], v, a);
      }
    } else {
      const d = v - 1 - H;
      for (const a of net.nodeArcs[d]) {
        const w = 1 + net.arcHelper[a];
        if (net.arcFlow[a] === 1) this.visit(w, base - net.arcCost[a] - pot[w], v, a);
      }
      if (net.bypass[d] > 0) this.visit(SOURCE, base - m.bigM - pot[SOURCE], v, BYPASS);
    }
  }

  /** Relaxes the residual arcs u → v into v; the source is only ever a target here. */
  private expandBackward(v: number): void {
    const net = this.net;
    const { pot, m } = net;
    const base = this.dist[v] - pot[v];
    const H = net.helperCount;
    if (v <= H) {
      const h = v - 1;
      if (net.used[h] < m.spare[h]) this.visit(SOURCE, base + net.slotCost(h) + pot[SOURCE], v, SLOT);
      for (const a of net.helperArcs[h]) {
        const u = 1 + H + net.arcNode[a];
        if (net.arcFlow[a] === 1) this.visit(u, base - net.arcCost[a] + pot[u], v, a);
      }
    } else {
      const d = v - 1 - H;
      for (const a of net.nodeArcs[d]) {
        const u = 1 + net.arcHelper[a];
        if (net.arcFlow[a] === 0) this.visit(u, base + net.arcCost[a] + pot[u], v, a);
      }
      this.visit(SOURCE, base + m.bigM + pot[SOURCE], v, BYPASS);
    }
  }
}
