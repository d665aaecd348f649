/** Small descriptive statistics shared by the aggregation methods. Inputs are never empty. */

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Population standard deviation (divides by n, not n − 1), as docs/domain.md#aggregation has it. */
export function populationStd(values: readonly number[]): number {
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  return Math.sqrt(squares / values.length);
}

/** Middle value; with an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * 去掉一个最高分和一个最低分: drops exactly one highest and one lowest value (even when several
 * share the extreme) and averages the rest. Needs at least 3 values.
 */
export function trimmedMean(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return mean(sorted.slice(1, -1));
}
