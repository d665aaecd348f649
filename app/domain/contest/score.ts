import type { ContestScope } from "./scheme";
import { pointsOf, rankPoints, vetoes } from "./points";
import { scopeValues, type ScopeValues } from "./scope";
import type { ContestTable } from "./table";

/** The unrounded points of every member × indicator of a group in one scope, and who is out of the race. */
export interface ScopeScore extends ScopeValues {
  /** [member][indicator], unrounded. */
  points: Float64Array;
  /** Codes of the veto indicators that vetoed each member; empty when not vetoed. */
  vetoedBy: string[][];
  disqualified: boolean[];
}

export function scoreScope(
  table: ContestTable,
  members: readonly number[],
  k: number,
  scope: ContestScope,
): ScopeScore {
  const values = scopeValues(table, members, k, scope);
  const { actual, target } = values;
  const I = table.indicators.length;
  const n = members.length;
  const points = new Float64Array(n * I);
  const disqualified = members.map((p) => table.participants[p].disqualified);
  const vetoedBy: string[][] = members.map(() => []);
  table.indicators.forEach((indicator, i) => {
    if (indicator.method === "veto")
      for (let m = 0; m < n; m++) if (vetoes(indicator, actual[m * I + i])) vetoedBy[m].push(indicator.code);
  });
  table.indicators.forEach((indicator, i) => {
    if (indicator.method !== "rank") {
      const score = pointsOf(indicator);
      for (let m = 0, cell = i; m < n; m++, cell += I) points[cell] = score(actual[cell], target[cell]);
      return;
    }
    const eligible: number[] = [];
    for (let m = 0; m < n; m++)
      if (actual[m * I + i] === actual[m * I + i] && !disqualified[m] && vetoedBy[m].length === 0)
        eligible.push(m);
    rankPoints(
      indicator,
      eligible,
      (m) => actual[m * I + i],
      (m, p) => (points[m * I + i] = p),
    );
  });
  return { ...values, points, vetoedBy, disqualified };
}
