import type { ContestScope } from "./scheme";
import { rankScope, type RankedScope } from "./ranking";
import type { ContestTable } from "./table";

export { ORG_NAME_ORDER } from "./ranking";

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

function rowOf(a: Float64Array, m: number, I: number, nullForNaN: boolean): (number | null)[] {
  const row: (number | null)[] = new Array(I);
  for (let i = 0; i < I; i++) {
    const v = a[m * I + i];
    row[i] = nullForNaN && v !== v ? null : v;
  }
  return row;
}

/** The entries of a ranked scope, in standing order; `extend` adds fields to each (movement, red flags). */
export function entriesOf<E extends StandingEntry = StandingEntry>(
  table: ContestTable,
  ranked: RankedScope,
  extend: (entry: StandingEntry, member: number) => E = (entry) => entry as E,
): E[] {
  const I = table.indicators.length;
  const { score } = ranked;
  const targetMethod = table.indicators.map((ind) => ind.method === "target");
  return ranked.order.map((m) => {
    const participant = table.participants[score.members[m]];
    const target = rowOf(score.target, m, I, true);
    const noTarget: string[] = [];
    for (let i = 0; i < I; i++)
      if (targetMethod[i] && !(target[i]! > 0)) noTarget.push(table.indicators[i].code);
    const entry: StandingEntry = {
      orgId: participant.orgId,
      name: participant.name,
      total: ranked.total[m],
      points: rowOf(ranked.rounded, m, I, false) as number[],
      actual: rowOf(score.actual, m, I, true),
      target,
      rank: ranked.rank[m] || null,
      tied: ranked.tied[m] === 1,
      vetoed: score.vetoedBy[m].length > 0,
      vetoedBy: score.vetoedBy[m],
      disqualified: score.disqualified[m],
      noTarget,
      reported: ranked.reported[m] === 1,
    };
    return extend(entry, m);
  });
}

/** One group's standing for period index k in a scope (docs/domain.md#contest). */
export function computeStanding(
  table: ContestTable,
  group: number,
  k: number,
  scope: ContestScope,
): Standing {
  return {
    group: table.groups[group],
    period: table.periods[k],
    scope,
    entries: entriesOf(table, rankScope(table, group, k, scope)),
  };
}
