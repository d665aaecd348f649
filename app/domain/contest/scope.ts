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
  const { values, targets } = table;
  if (scope === "period") {
    members.forEach((p, m) => {
      actual.set(values.subarray((p * K + k) * I, (p * K + k + 1) * I), m * I);
      target.set(targets.subarray((p * K + k) * I, (p * K + k + 1) * I), m * I);
    });
    return { members, actual, target };
  }
  const latest = table.indicators.map((ind) => ind.aggregation === "latest");
  members.forEach((p, m) => {
    for (let i = 0; i < I; i++) {
      let a = NaN;
      let t = NaN;
      for (let q = 0, cell = p * K * I + i; q <= k; q++, cell += I) {
        const v = values[cell];
        if (v === v) a = latest[i] || a !== a ? v : a + v;
        const w = targets[cell];
        if (w === w) t = latest[i] || t !== t ? w : t + w;
      }
      actual[m * I + i] = a;
      target[m * I + i] = latest[i] ? targets[(p * K + k) * I + i] : t;
    }
  });
  return { members, actual, target };
}
