import type { StandingEntry } from "./standing";

/** Why a unit of a group's final standing does not become a nomination. */
export const COMMENDATION_REFUSALS = [
  "vetoed",
  "disqualified",
  "nothingReported",
  "noParent",
  "alreadyNominated",
  "noPlaces",
] as const;
export type CommendationRefusal = (typeof COMMENDATION_REFUSALS)[number];

export interface Pick {
  entry: StandingEntry;
  /** null: it goes in, if its parent union's places allow. */
  refusal: CommendationRefusal | null;
}

/**
 * The units of one group's final cumulative standing that the top N concerns (decision 029): every
 * ranked unit whose rank is at most N — so all units tied at the N-th place go in (competition
 * ranking 1, 2, 2, 4 puts both 2s inside a top 2 and a top 3) — and every vetoed or disqualified
 * unit, refused with that reason, so that the organizer sees why a strong unit is missing. A ranked
 * unit that never had a counted value is refused too: a place earned by nothing is no merit.
 */
export function picksOf(entries: readonly StandingEntry[], topN: number): Pick[] {
  const picks: Pick[] = [];
  for (const entry of entries) {
    if (entry.disqualified) picks.push({ entry, refusal: "disqualified" });
    else if (entry.vetoed) picks.push({ entry, refusal: "vetoed" });
    else if (entry.rank !== null && entry.rank <= topN)
      picks.push({ entry, refusal: entry.reported ? null : "nothingReported" });
  }
  return picks;
}
