import type { Board } from "./board";
import type { ContestScope } from "./scheme";

/** One entry of `contest standings --format json`. */
export interface StandingsJsonEntry {
  org: string;
  points: number;
  rank: number | null;
  tied: boolean;
  vetoed: boolean;
  disqualified: boolean;
  red_flags: string[];
  by_indicator: Record<string, number>;
}

export interface StandingsJson {
  period: string;
  scope: ContestScope;
  groups: { group: string; entries: StandingsJsonEntry[] }[];
}

/**
 * The document `contest standings --format json` prints: `points` the rounded total, `rank` null
 * for vetoed and disqualified entries, `red_flags` the labels of the periods 1..k whose flag the
 * unit won. `group` narrows it to one group (none matches: no groups).
 */
export function standingsJson(board: Board, scope: ContestScope, group?: string): StandingsJson {
  return {
    period: board.period,
    scope,
    groups: board.groups
      .filter((g) => group === undefined || g.group === group)
      .map((g) => {
        const standing = scope === "period" ? g.period : g.cumulative;
        return {
          group: g.group,
          entries: standing.entries.map((e) => ({
            org: e.name,
            points: e.total,
            rank: e.rank,
            tied: e.tied,
            vetoed: e.vetoed,
            disqualified: e.disqualified,
            red_flags: e.redFlags,
            by_indicator: Object.fromEntries(e.points.map((p, i) => [board.indicators[i], p])),
          })),
        };
      }),
  };
}
