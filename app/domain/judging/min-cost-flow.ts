/**
 * Minimum-cost maximum flow by successive shortest paths (SPFA on the residual graph). Costs
 * here are small non-negative integers and the graphs a few thousand edges, so the plain
 * algorithm is quick enough and easy to trust.
 */

export interface FlowEdge {
  from: number;
  to: number;
  capacity: number;
  cost: number;
}

/** The flow on each input edge, in input order. */
export function minCostFlow(
  nodeCount: number,
  edges: readonly FlowEdge[],
  source: number,
  sink: number,
): number[] {
  const m = edges.length * 2;
  const to = new Int32Array(m);
  const cap = new Float64Array(m);
  const cost = new Float64Array(m);
  const next = new Int32Array(m);
  const head = new Int32Array(nodeCount).fill(-1);
  edges.forEach((e, i) => {
    for (const [k, a, b, c, w] of [
      [2 * i, e.from, e.to, e.capacity, e.cost],
      [2 * i + 1, e.to, e.from, 0, -e.cost],
    ] as const) {
      to[k] = b;
      cap[k] = c;
      cost[k] = w;
      next[k] = head[a];
      head[a] = k;
    }
  });
  const dist = new Float64Array(nodeCount);
  const via = new Int32Array(nodeCount);
  const queued = new Uint8Array(nodeCount);
  for (;;) {
    dist.fill(Infinity);
    via.fill(-1);
    dist[source] = 0;
    const queue: number[] = [source];
    queued[source] = 1;
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q];
      queued[u] = 0;
      for (let k = head[u]; k !== -1; k = next[k]) {
        if (cap[k] <= 0 || dist[u] + cost[k] >= dist[to[k]]) continue;
        dist[to[k]] = dist[u] + cost[k];
        via[to[k]] = k;
        if (!queued[to[k]]) {
          queued[to[k]] = 1;
          queue.push(to[k]);
        }
      }
    }
    if (dist[sink] === Infinity) break;
    let push = Infinity;
    for (let v = sink; v !== source; v = to[via[v] ^ 1]) push = Math.min(push, cap[via[v]]);
    for (let v = sink; v !== source; v = to[via[v] ^ 1]) {
      cap[via[v]] -= push;
      cap[via[v] ^ 1] += push;
    }
  }
  return edges.map((e, i) => e.capacity - cap[2 * i]);
}
