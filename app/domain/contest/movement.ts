import type { StandingEntry } from "./standing";

/** Rank movement since period k − 1, in the same scope: ↑2, ↓1, unchanged, or new to the ranking. */
export type Movement =
  | { kind: "up"; by: number }
  | { kind: "down"; by: number }
  | { kind: "same" }
  | { kind: "new" };

/**
 * null when there is nothing to compare: period 1, or an entry without a rank now. "new" when the
 * entry had no rank at k − 1 (vetoed, disqualified, or not yet a participant).
 */
export function movementOf(rank: number | null, previousRank: number | null | undefined): Movement | null {
  if (rank === null || previousRank === undefined) return null;
  if (previousRank === null) return { kind: "new" };
  if (previousRank > rank) return { kind: "up", by: previousRank - rank };
  if (previousRank < rank) return { kind: "down", by: rank - previousRank };
  return { kind: "same" };
}

/** Ranks by org at k − 1, or null in period 1 where every movement is null. */
export function previousRanks(previous: readonly StandingEntry[] | null) {
  if (previous === null) return (): undefined => undefined;
  const ranks = new Map(previous.map((e) => [e.orgId, e.rank]));
  return (orgId: number) => ranks.get(orgId) ?? null;
}
