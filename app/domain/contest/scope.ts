import type { ContestScope } from "./scheme";
import type { ContestTable } from "./table";

/**
 * The actual A and target T of each member × indicator in one scope (docs/domain.md#contest), as
 * flat arrays [member][indicator], NaN where there is no value / no target:
 * - `period` k: the period's value and the period's target;
 * - `cumulative` 1..k: for `sum`, the sum of the values reported and the sum of the targets set;
 *   for `latest`, the latest value reported in 1..k and period k's target.
 * A member "has a value" when some counted report in the scope holds one.
 */
export interface ScopeValues {
  members: readonly number[];
  actual: Float64Array;
  target: Float64Array;
}

export function scopeValues(
  table: ContestTable,
  members: readonly number[],
  k: number,
  scope: ContestScope,
): ScopeValues {
  const K = table.periods.length;
  const I = table.indicators.length;
  const actual = new Float64Array(members.length * I);
  const target = new Float64Array(members.length * I);
  const first = scope === "period" ? k : 0;
  members.forEach((p, m) => {
    for (let i = 0; i < I; i++) {
      const latest = table.indicators[i].aggregation === "latest";
      let a = NaN;
      let t = NaN;
      for (let q = first; q <= k; q++) {
        const cell = (p * K + q) * I + i;
        const v = table.values[cell];
        if (v === v) a = latest || a !== a ? v : a + v;
        const w = table.targets[cell];
        if (!latest && w === w) t = t !== t ? w : t + w;
      }
      actual[m * I + i] = a;
      target[m * I + i] = latest ? table.targets[(p * K + k) * I + i] : t;
    }
  });
  return { members, actual, target };
}
