import type { ContestScope } from "./scheme";
import { methodPoints, rankPoints, vetoes } from "./points";
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
  const I = table.indicators.length;
  const points = new Float64Array(members.length * I);
  const disqualified = members.map((p) => table.participants[p].disqualified);
  const vetoedBy: string[][] = members.map(() => []);
  table.indicators.forEach((indicator, i) => {
    members.forEach((_, m) => {
      if (vetoes(indicator, values.actual[m * I + i])) vetoedBy[m].push(indicator.code);
    });
  });
  table.indicators.forEach((indicator, i) => {
    if (indicator.method === "rank") {
      const eligible = members
        .map((_, m) => m)
        .filter((m) => values.actual[m * I + i] === values.actual[m * I + i])
        .filter((m) => !disqualified[m] && vetoedBy[m].length === 0);
      rankPoints(
        indicator,
        eligible,
        (m) => values.actual[m * I + i],
        (m, p) => (points[m * I + i] = p),
      );
    } else
      for (let m = 0; m < members.length; m++)
        points[m * I + i] = methodPoints(indicator, values.actual[m * I + i], values.target[m * I + i]);
  });
  return { ...values, points, vetoedBy, disqualified };
}
