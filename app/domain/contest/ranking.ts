import type { ContestScope } from "./scheme";
import { roundPoints } from "./rounding";
import { scoreScope, type ScopeScore } from "./score";
import type { ContestTable } from "./table";

/** Org names that share a rank are listed in Chinese (pinyin) order, as an office would read them out. */
export const ORG_NAME_ORDER = new Intl.Collator("zh-CN");

/**
 * A group's scope, ranked (docs/domain.md#contest), in flat arrays indexed by member: what the red
 * flags and the movements need, without building an entry per unit for every period.
 */
export interface RankedScope {
  score: ScopeScore;
  /** The sum of the unrounded points, rounded to 4 decimals. */
  total: Float64Array;
  /** [member][indicator] points rounded to 4 decimals: what ties are compared on. */
  rounded: Float64Array;
  /** Member indexes: ranked ones best first, then the vetoed and disqualified. */
  order: number[];
  /** Competition rank; 0 for vetoed and disqualified members. */
  rank: Int32Array;
  tied: Uint8Array;
  /** Some counted value exists in the scope. */
  reported: Uint8Array;
}

export function rankScope(table: ContestTable, group: number, k: number, scope: ContestScope): RankedScope {
  const members = table.members[group];
  const score = scoreScope(table, members, k, scope);
  const I = table.indicators.length;
  const n = members.length;
  const total = new Float64Array(n);
  const rounded = new Float64Array(n * I);
  const reported = new Uint8Array(n);
  const ranked = new Uint8Array(n);
  for (let m = 0; m < n; m++) {
    let sum = 0;
    for (let i = 0; i < I; i++) {
      const p = score.points[m * I + i];
      sum += p;
      rounded[m * I + i] = roundPoints(p);
      if (score.actual[m * I + i] === score.actual[m * I + i]) reported[m] = 1;
    }
    total[m] = roundPoints(sum);
    ranked[m] = score.disqualified[m] || score.vetoedBy[m].length > 0 ? 0 : 1;
  }
  // Better first: ranked before unranked, the total, then each indicator's points in scheme order.
  const compare = (a: number, b: number) => {
    if (ranked[a] !== ranked[b]) return ranked[b] - ranked[a];
    if (total[a] !== total[b]) return total[b] - total[a];
    for (let i = 0; i < I; i++) {
      const d = rounded[b * I + i] - rounded[a * I + i];
      if (d !== 0) return d;
    }
    return 0;
  };
  const name = (m: number) => table.participants[members[m]];
  const order = Array.from({ length: n }, (_, m) => m).sort(
    (a, b) =>
      compare(a, b) || ORG_NAME_ORDER.compare(name(a).name, name(b).name) || name(a).orgId - name(b).orgId,
  );
  const rank = new Int32Array(n);
  const tied = new Uint8Array(n);
  for (let start = 0, end = 0; start < n; start = end) {
    for (end = start + 1; end < n && compare(order[start], order[end]) === 0; end++);
    for (let j = start; j < end; j++)
      if (ranked[order[j]]) {
        rank[order[j]] = start + 1;
        tied[order[j]] = end - start > 1 ? 1 : 0;
      }
  }
  return { score, total, rounded, order, rank, tied, reported };
}
