import type { RankedScope } from "./ranking";

/**
 * 流动红旗: the rank-1 members of a group's `period` standing win that period's flag. A member that
 * had no counted value in the period wins none: a period nobody has reported in yet (everyone
 * ranked 1st with 0 points) awards no flag.
 */
export function redFlagWinners(period: RankedScope): number[] {
  return period.order.filter((m) => period.rank[m] === 1 && period.reported[m] === 1);
}

/** Per member, the labels of the periods whose flag it won, from the `period` scopes of periods 1..k. */
export function redFlagsByMember(periods: readonly RankedScope[], labels: readonly string[]): string[][] {
  const flags: string[][] = periods.length ? Array.from(periods[0].rank, () => []) : [];
  periods.forEach((period, q) => {
    for (const m of redFlagWinners(period)) flags[m].push(labels[q]);
  });
  return flags;
}
