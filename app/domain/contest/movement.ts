/** Rank movement since period k − 1, in the same scope: ↑2, ↓1, unchanged, or new to the ranking. */
export type Movement =
  | { kind: "up"; by: number }
  | { kind: "down"; by: number }
  | { kind: "same" }
  | { kind: "new" };

/**
 * null when there is nothing to compare: period 1 (`previousRank` undefined), or an entry without
 * a rank now. "new" when the entry had no rank at k − 1 (vetoed, disqualified, not yet enrolled).
 */
export function movementOf(rank: number | null, previousRank: number | null | undefined): Movement | null {
  if (rank === null || previousRank === undefined) return null;
  if (previousRank === null) return { kind: "new" };
  if (previousRank > rank) return { kind: "up", by: previousRank - rank };
  if (previousRank < rank) return { kind: "down", by: rank - previousRank };
  return { kind: "same" };
}
