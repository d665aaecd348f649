/** Points as the standings compare them: up to 4 decimals, no trailing zeros. */
export function formatPoints(points: number): string {
  return String(Math.round(points * 10000) / 10000);
}
