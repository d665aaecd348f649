import type { ContestScope } from "./scheme";
import { roundPoints } from "./rounding";
import { scoreScope, type ScopeScore } from "./score";
import type { ContestTable } from "./table";

/** Org names that share a rank are listed in Chinese (pinyin) order, as an office would read them out. */
export const ORG_NAME_ORDER = new Intl.Collator("zh-CN");

export interface StandingEntry {
  orgId: number;
  name: string;
  /** The sum of the indicators' points, rounded to 4 decimals. */
  total: number;
  /** Per indicator in scheme order, rounded to 4 decimals (a veto indicator's are 0). */
  points: number[];
  /** The scope's actual value per indicator, null when none was counted. */
  actual: (number | null)[];
  /** The scope's target per indicator, null when none is set. */
  target: (number | null)[];
  /** Competition rank (1, 2, 2, 4); null for vetoed and disqualified entries. */
  rank: number | null;
  /** Shares its rank with another entry even after the tie-breaks. */
  tied: boolean;
  vetoed: boolean;
  vetoedBy: string[];
  disqualified: boolean;
  /** Codes of `target` indicators without a target in this scope (they score 0). */
  noTarget: string[];
  /** Some counted value exists in the scope. */
  reported: boolean;
}

export interface Standing {
  group: string;
  period: string;
  scope: ContestScope;
  /** Ranked entries best first, then the vetoed and disqualified ones. */
  entries: StandingEntry[];
}

const orNull = (v: number) => (v === v ? v : null);

function entriesOf(table: ContestTable, score: ScopeScore): StandingEntry[] {
  const I = table.indicators.length;
  return score.members.map((p, m) => {
    const row = (a: Float64Array) => Array.from(a.subarray(m * I, m * I + I));
    const raw = row(score.points);
    const actual = row(score.actual);
    const vetoed = score.vetoedBy[m].length > 0;
    return {
      orgId: table.participants[p].orgId,
      name: table.participants[p].name,
      total: roundPoints(raw.reduce((s, x) => s + x, 0)),
      points: raw.map(roundPoints),
      actual: actual.map(orNull),
      target: row(score.target).map(orNull),
      rank: null,
      tied: false,
      vetoed,
      vetoedBy: score.vetoedBy[m],
      disqualified: score.disqualified[m],
      noTarget: table.indicators
        .filter((ind, i) => ind.method === "target" && !(score.target[m * I + i] > 0))
        .map((ind) => ind.code),
      reported: actual.some((v) => v === v),
    };
  });
}

const isRanked = (e: StandingEntry) => !e.vetoed && !e.disqualified;

/** Better first: ranked before unranked, then the total, then each indicator's points in scheme order. 0 = tied. */
export function compareStanding(a: StandingEntry, b: StandingEntry): number {
  if (isRanked(a) !== isRanked(b)) return isRanked(a) ? -1 : 1;
  if (a.total !== b.total) return b.total - a.total;
  for (let i = 0; i < a.points.length; i++) if (a.points[i] !== b.points[i]) return b.points[i] - a.points[i];
  return 0;
}

/** Sorts the entries and gives the ranked ones their competition ranks. */
export function rankEntries(entries: StandingEntry[]): StandingEntry[] {
  entries.sort(
    (a, b) => compareStanding(a, b) || ORG_NAME_ORDER.compare(a.name, b.name) || a.orgId - b.orgId,
  );
  let start = 0;
  for (let i = 0; i <= entries.length; i++) {
    if (i < entries.length && i > start && compareStanding(entries[start], entries[i]) === 0) continue;
    for (let j = start; j < i; j++)
      if (isRanked(entries[j])) {
        entries[j].rank = start + 1;
        entries[j].tied = i - start > 1;
      }
    start = i;
  }
  return entries;
}

/** One group's standing for period index k in a scope (docs/domain.md#contest). */
export function computeStanding(
  table: ContestTable,
  group: number,
  k: number,
  scope: ContestScope,
): Standing {
  const score = scoreScope(table, table.members[group], k, scope);
  return {
    group: table.groups[group],
    period: table.periods[k],
    scope,
    entries: rankEntries(entriesOf(table, score)),
  };
}
