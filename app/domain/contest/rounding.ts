/**
 * Points are compared and shown at 4 decimals (docs/domain.md#contest). Half rounds away from zero,
 * and a product such as 1.00005 · 10⁴ = 10000.499999999998 still counts as a half: the nudge is far
 * below 4 decimals and far above floating-point noise for points of this size.
 */
export function roundPoints(points: number): number {
  const r = Math.round(Math.abs(points) * 1e4 + 1e-6) / 1e4;
  return r === 0 ? 0 : points < 0 ? -r : r;
}

/**
 * The key a `rank` indicator orders actual values by: 6 decimals, so that 0.1 + 0.2 (a sum over
 * periods) equals a reported 0.3 and ties where people see a tie.
 */
export function valueKey(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
