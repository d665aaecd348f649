import { isWithin } from "../org-tree";
import { minCostFlow, type FlowEdge } from "./min-cost-flow";

/**
 * Who scores what (docs/domain.md#judging). With `perNomination` null every judge scores every nomination
 * they have no conflict with; with k, each nomination gets k judges and the loads are spread as
 * evenly as conflicts allow: a min-cost flow where a judge's n-th nomination costs n, so the
 * cheapest plan is the one with the flattest loads (as HotCRP assigns reviews).
 */

export interface PanelJudge {
  id: number;
  /** The judge's own org: nominations from it or below it are conflicts. null for paper judges. */
  orgPath: string | null;
  /** External paper judges score on paper and are entered by import; never assigned here. */
  external: boolean;
}

export interface AssignableNomination {
  id: number;
  orgPath: string;
}

export interface AssignmentInput {
  judges: readonly PanelJudge[];
  nominations: readonly AssignableNomination[];
  /** Declared conflicts as `${judgeId}:${nominationId}`. */
  declared: ReadonlySet<string>;
  perNomination: number | null;
  /** Assignments that stay (sheets begun, manual placements); new ones are added around them. */
  keep: readonly Pair[];
}

export interface Pair {
  judgeId: number;
  nominationId: number;
}

export interface AssignmentPlan {
  /** New pairs to add to `keep`. */
  added: Pair[];
  /** Nominations that cannot get k judges for lack of judges without a conflict. */
  short: { nominationId: number; need: number; have: number }[];
}

export const pairKey = (judgeId: number, nominationId: number) => `${judgeId}:${nominationId}`;

export function isConflict(
  judge: Pick<PanelJudge, "id" | "orgPath">,
  nomination: AssignableNomination,
  declared: ReadonlySet<string>,
): boolean {
  if (declared.has(pairKey(judge.id, nomination.id))) return true;
  return judge.orgPath !== null && isWithin(nomination.orgPath, judge.orgPath);
}

export function planAssignments(input: AssignmentInput): AssignmentPlan {
  const judges = input.judges.filter((j) => !j.external);
  const kept = new Set(input.keep.map((p) => pairKey(p.judgeId, p.nominationId)));
  const keptPer = new Map<number, number>();
  const load = new Map<number, number>(judges.map((j) => [j.id, 0]));
  for (const p of input.keep) {
    keptPer.set(p.nominationId, (keptPer.get(p.nominationId) ?? 0) + 1);
    if (load.has(p.judgeId)) load.set(p.judgeId, load.get(p.judgeId)! + 1);
  }
  const open = (n: AssignableNomination) =>
    judges.filter((j) => !kept.has(pairKey(j.id, n.id)) && !isConflict(j, n, input.declared));
  if (input.perNomination === null) {
    return {
      added: input.nominations.flatMap((n) => open(n).map((j) => ({ judgeId: j.id, nominationId: n.id }))),
      short: [],
    };
  }
  const k = input.perNomination;
  const needs = input.nominations.map((n) => ({
    n,
    need: Math.max(0, k - (keptPer.get(n.id) ?? 0)),
    judges: open(n),
  }));
  const added = balance(needs, judges, load);
  const got = new Map<number, number>();
  for (const p of added) got.set(p.nominationId, (got.get(p.nominationId) ?? 0) + 1);
  const short = needs
    .filter(({ n, need }) => (got.get(n.id) ?? 0) < need)
    .map(({ n }) => ({ nominationId: n.id, need: k, have: (keptPer.get(n.id) ?? 0) + (got.get(n.id) ?? 0) }));
  return { added, short };
}

/** The flow: source → nomination (its need) → judge (1 each) → sink, the sink edges priced by load. */
function balance(
  needs: { n: AssignableNomination; need: number; judges: PanelJudge[] }[],
  judges: PanelJudge[],
  load: Map<number, number>,
): Pair[] {
  const N = needs.length;
  const judgeNode = new Map(judges.map((j, i) => [j.id, 1 + N + i]));
  const sink = 1 + N + judges.length;
  const edges: FlowEdge[] = [];
  const pairEdges: { edge: number; pair: Pair }[] = [];
  let total = 0;
  needs.forEach(({ n, need, judges: open }, i) => {
    if (need === 0 || open.length === 0) return;
    total += need;
    edges.push({ from: 0, to: 1 + i, capacity: need, cost: 0 });
    for (const j of open) {
      pairEdges.push({ edge: edges.length, pair: { judgeId: j.id, nominationId: n.id } });
      edges.push({ from: 1 + i, to: judgeNode.get(j.id)!, capacity: 1, cost: 0 });
    }
  });
  const perJudge = new Map<number, number>();
  for (const { need, judges: open } of needs)
    if (need > 0) for (const j of open) perJudge.set(j.id, (perJudge.get(j.id) ?? 0) + 1);
  for (const j of judges) {
    const start = load.get(j.id) ?? 0;
    for (let u = 1; u <= (perJudge.get(j.id) ?? 0); u++)
      edges.push({ from: judgeNode.get(j.id)!, to: sink, capacity: 1, cost: start + u });
  }
  if (total === 0) return [];
  const flow = minCostFlow(sink + 1, edges, 0, sink);
  return pairEdges.filter(({ edge }) => flow[edge] > 0).map(({ pair }) => pair);
}
