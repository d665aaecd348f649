import type { ContestIndicator } from "./scheme-schema";
import { valueKey } from "./rounding";

/**
 * Points of one indicator (docs/domain.md#contest), with A the actual (NaN: no value, which scores
 * like 0) and T the target of the scope. `rank` needs the whole group: see `rankPoints`.
 */
export function methodPoints(indicator: ContestIndicator, actual: number, target: number): number {
  const a = actual === actual ? actual : 0;
  switch (indicator.method) {
    case "target":
      // T missing or 0: no target, no points (the page says so).
      return target > 0 ? indicator.weight! * Math.min(indicator.cap!, a / target) : 0;
    case "bonus":
      return Math.min(indicator.max_points!, indicator.per_unit! * a);
    case "deduction":
      return a > 0 ? -Math.min(indicator.max_points!, indicator.per_unit! * a) : 0;
    default:
      return 0;
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
  const keyed = eligible.map((m) => ({ m, key: sign * valueKey(actual(m)) }));
  keyed.sort((a, b) => a.key - b.key);
  let rank = 1;
  keyed.forEach(({ m, key }, position) => {
    if (position > 0 && key !== keyed[position - 1].key) rank = position + 1;
    assign(m, pointsForRank(indicator.weight!, rank, keyed.length));
  });
}
