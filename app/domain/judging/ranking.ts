import { aggregate, type Aggregation, type AggregationMethod, type SubmittedSheet } from "./aggregation";

/** Scores (and criterion means) this close are equal: floating-point noise must not rank. */
export const SCORE_EPSILON = 1e-9;

export interface RankingEntry {
  ref: string;
  name: string;
  score: number;
  /** Standard competition ranking: 1, 2, 2, 4. */
  rank: number;
  /** Shares its rank with another entry even after the criteria; left to the committee. */
  tied: boolean;
}

export interface Ranking {
  method: AggregationMethod;
  fallbackToMean: boolean;
  /** Best first. */
  entries: RankingEntry[];
  /**
   * Nominations without a single submitted sheet. They have no score to compare, so they are
   * kept out of the ranking (and so out of the selection) rather than ranked last with 0, which
   * would read as a judgement; the page lists them so nobody is silently left out.
   */
  unscored: { ref: string; name: string }[];
}

interface Scored {
  ref: string;
  name: string;
  keys: number[]; // score, then the criterion means in rubric order
}

/** Code-unit order, the same in every locale and in SQL's binary collation. */
export function compareRefs(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Splits a group into its tie groups, best first, by the key at `level` and then the next ones.
 * Values within SCORE_EPSILON of their neighbour in sorted order join one cluster, so the
 * relation is transitive even though "within 1e-9" alone is not.
 */
function tieGroups(group: Scored[], level: number): Scored[][] {
  if (group.length === 1 || level >= group[0].keys.length)
    return [group.sort((a, b) => compareRefs(a.ref, b.ref))];
  group.sort((a, b) => b.keys[level] - a.keys[level] || compareRefs(a.ref, b.ref));
  const groups: Scored[][] = [];
  let cluster = [group[0]];
  for (let i = 1; i < group.length; i++) {
    if (group[i - 1].keys[level] - group[i].keys[level] <= SCORE_EPSILON) cluster.push(group[i]);
    else {
      groups.push(...tieGroups(cluster, level + 1));
      cluster = [group[i]];
    }
  }
  groups.push(...tieGroups(cluster, level + 1));
  return groups;
}

/** Ranks the nominations of one category from their aggregated scores (docs/domain.md#ranking). */
export function rankAggregation(
  nominations: readonly { ref: string; name: string }[],
  aggregation: Aggregation,
): Ranking {
  const scored: Scored[] = [];
  const unscored: { ref: string; name: string }[] = [];
  for (const { ref, name } of nominations) {
    const s = aggregation.scores.get(ref);
    if (s) scored.push({ ref, name, keys: [s.score, ...s.criterionMeans] });
    else unscored.push({ ref, name });
  }
  const width = Math.max(0, ...scored.map((s) => s.keys.length));
  for (const s of scored) while (s.keys.length < width) s.keys.push(0);
  const entries: RankingEntry[] = [];
  for (const group of scored.length > 0 ? tieGroups(scored, 0) : []) {
    const rank = entries.length + 1;
    for (const s of group)
      entries.push({ ref: s.ref, name: s.name, score: s.keys[0], rank, tied: group.length > 1 });
  }
  unscored.sort((a, b) => compareRefs(a.ref, b.ref));
  return { method: aggregation.method, fallbackToMean: aggregation.fallbackToMean, entries, unscored };
}

/** Aggregates the category's submitted sheets and ranks its nominations in one step. */
export function rankNominations(
  nominations: readonly { ref: string; name: string }[],
  sheets: readonly SubmittedSheet[],
  method: AggregationMethod,
): Ranking {
  return rankAggregation(nominations, aggregate(sheets, method));
}
