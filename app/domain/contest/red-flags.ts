import type { Standing } from "./standing";

/**
 * 流动红旗: the rank-1 entries of a group's `period` standing win that period's flag. An entry that
 * had no counted value in the period wins none: a period nobody has reported in yet (everyone
 * ranked 1st with 0 points) awards no flag.
 */
export function redFlagWinners(periodStanding: Standing): number[] {
  return periodStanding.entries.filter((e) => e.rank === 1 && e.reported).map((e) => e.orgId);
}

/** The labels of the periods whose flag each org won, from the period standings of periods 1..k. */
export function redFlagsByOrg(periodStandings: readonly Standing[]): Map<number, string[]> {
  const flags = new Map<number, string[]>();
  for (const standing of periodStandings)
    for (const orgId of redFlagWinners(standing))
      flags.set(orgId, [...(flags.get(orgId) ?? []), standing.period]);
  return flags;
}
