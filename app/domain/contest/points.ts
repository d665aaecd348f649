import type { ContestIndicator } from "./scheme-schema";
import { valueKey } from "./rounding";

/**
 * Points of one indicator (docs/domain.md#contest), with A the actual (NaN: no value, which scores
 * like 0) and T the target of the scope. `rank` needs the whole group: see `rankPoints`.
 */
export function methodPoints(indicator: ContestIndicator, actual: number, target: number): number {
  return pointsOf(indicator)(actual, target);
}

/** The same, as a function of (A, T) with the indicator's constants bound, for scoring whole columns. */
export function pointsOf(indicator: ContestIndicator): (actual: number, target: number) => number {
  const { weight, cap, per_unit: p, max_points: max } = indicator;
  switch (indicator.method) {
    case "target":
      // T missing or 0: no target, no points (the page says so).
      return (a, t) => (t > 0 && a > 0 ? weight! * Math.min(cap!, a / t) : 0);
    case "bonus":
      return (a) => (a > 0 ? Math.min(max!, p! * a) : 0);
    case "deduction":
      return (a) => (a > 0 ? -Math.min(max!, p! * a) : 0);
    default:
      return () => 0;
  }
}

/** A veto indicator with a positive value vetoes its participant in that scope. */
export const vetoes = (indicator: ContestIndicator, actual: number) =>
  indicator.method === "veto" && actual > 0;

/** w · (n − r) / (n − 1) for competition rank r among n; w alone when n = 1. */
export function pointsForRank(weight: number, rank: number, n: number): number {
  return n === 1 ? weight : (weight * (n - rank)) / (n - 1);
}

/**
 * Rank points of one indicator: `eligible` lists the members that have a value and are neither
 * vetoed nor disqualified, `actual` their values; everyone else keeps 0. Equal values (at 6
 * decimals) share the better rank: 1, 2, 2, 4.
 */
export function rankPoints(
  indicator: ContestIndicator,
  eligible: readonly number[],
  actual: (member: number) => number,
  assign: (member: number, points: number) => void,
) {
  const sign = indicator.direction === "lower" ? 1 : -1;
  const keys = new Float64Array(eligible.length);
  eligible.forEach((m, j) => (keys[j] = sign * valueKey(actual(m))));
  const order = Array.from(eligible.keys()).sort((a, b) => keys[a] - keys[b]);
  let rank = 1;
  order.forEach((j, position) => {
    if (position > 0 && keys[j] !== keys[order[position - 1]]) rank = position + 1;
    assign(eligible[j], pointsForRank(indicator.weight!, rank, eligible.length));
  });
}
