import { periodIndex } from "./board";
import { leastTrue, reaches, type Race } from "./gap-race";
import { methodPoints, pointsForRank } from "./points";
import { roundPoints, valueKey } from "./rounding";
import type { ContestScope } from "./scheme";
import type { ContestIndicator } from "./scheme-schema";
import { scoreScope } from "./score";
import { computeStanding } from "./standing";
import type { ContestTable } from "./table";

/** Why more of an indicator cannot close the gap. */
export const GAP_REASONS = [
  "no_target",
  "at_cap",
  "at_max",
  "not_enough",
  "veto",
  "deduction",
  "lower_is_better",
] as const;
export type GapReason = (typeof GAP_REASONS)[number];

/**
 * How much more of one indicator alone, everyone else's values as they are, brings the unit to the
 * next place. `amount` adds to the scope's actual value (for a cumulative `latest` indicator, the
 * period's value becomes the latest plus the amount); `strict`: more than the amount is needed,
 * any amount above it will do (passing a value others hold, not just equalling it).
 */
export type IndicatorGap =
  | { code: string; closes: true; amount: number; strict: boolean }
  | { code: string; closes: false; reason: GapReason };

export interface Gap {
  /** The rank just above the unit's. */
  nextRank: number;
  /** Points the unit lacks (0 when it trails on the tie-breaks only). */
  points: number;
  byIndicator: IndicatorGap[];
}

/** Steps of the search for a continuous indicator: amounts are given to 4 decimals, rounded up. */
const STEP = 1e-4;

function continuousGap(race: Race, j: number, indicator: ContestIndicator, actual: number, target: number) {
  const code = indicator.code;
  if (indicator.method === "target" && !(target > 0))
    return { code, closes: false as const, reason: "no_target" as const };
  const best =
    indicator.method === "target" ? indicator.cap! * target : indicator.max_points! / indicator.per_unit!;
  if (actual >= best - 1e-9)
    return {
      code,
      closes: false as const,
      reason: indicator.method === "target" ? ("at_cap" as const) : ("at_max" as const),
    };
  const at = (n: number) => reaches(race, j, methodPoints(indicator, actual + n * STEP, target));
  const hi = Math.ceil((best - actual) / STEP - 1e-9);
  if (!at(hi)) return { code, closes: false as const, reason: "not_enough" as const };
  return { code, closes: true as const, amount: leastTrue(hi, at) * STEP, strict: false };
}

/** Each other ranked member with a value on j: its key (larger is better) and its rank among the others. */
function rivals(race: Race, j: number, sign: number) {
  const { score, indicatorCount: I } = race;
  const others: { m: number; key: number; rank: number }[] = [];
  for (let m = 0; m < race.ranked.length; m++) {
    const v = score.actual[m * I + j];
    if (m !== race.me && race.ranked[m] && v === v) others.push({ m, key: sign * valueKey(v), rank: 0 });
  }
  others.sort((a, b) => b.key - a.key);
  others.forEach((o, i) => (o.rank = i > 0 && others[i - 1].key === o.key ? others[i - 1].rank : i + 1));
  return others;
}

/**
 * A `rank` indicator: the unit's points jump where it equals or passes another value, and the
 * others' fall as it passes them, so the candidates are those values, tried in order by bisection
 * (reaching is monotone once the unit has a value). Where lower is better, more never helps, except
 * that a unit without a value enters the ranking by reporting one (0 being the best).
 */
function rankGap(race: Race, j: number, indicator: ContestIndicator, actual: number | null): IndicatorGap {
  const code = indicator.code;
  const sign = indicator.direction === "lower" ? -1 : 1;
  if (sign < 0 && actual !== null) return { code, closes: false, reason: "lower_is_better" };
  const others = rivals(race, j, sign);
  const mine = actual ?? 0;
  const keys = [...new Set(others.map((o) => o.key))]
    .filter((k) => k >= valueKey(mine))
    .sort((a, b) => a - b);
  const candidates = actual === null ? [{ v: 0, strict: false }] : [];
  if (sign > 0)
    for (const v of keys) {
      if (v > valueKey(mine)) candidates.push({ v, strict: false });
      candidates.push({ v, strict: true });
    }
  const { score, indicatorCount: I } = race;
  const n = others.length + 1;
  const at = (c: number) => {
    const { v, strict } = candidates[c - 1];
    const key = sign * v;
    const myRank = 1 + others.filter((o) => o.key > key).length;
    const pts = new Map(
      others.map((o) => [
        o.m,
        pointsForRank(indicator.weight!, o.rank + (o.key < key || (strict && o.key === key) ? 1 : 0), n),
      ]),
    );
    return reaches(
      race,
      j,
      pointsForRank(indicator.weight!, myRank, n),
      (m) => pts.get(m) ?? score.points[m * I + j],
    );
  };
  if (candidates.length === 0 || !at(candidates.length)) return { code, closes: false, reason: "not_enough" };
  const { v, strict } = candidates[leastTrue(candidates.length, at) - 1];
  return { code, closes: true, amount: Math.max(0, v - mine), strict };
}

/**
 * The gap of one unit to the next place in its group's standing (docs/domain.md#contest): null
 * when it leads, is unranked (vetoed, disqualified) or is not in the group.
 */
export function gapToNextPlace(
  table: ContestTable,
  group: string,
  period: string,
  scope: ContestScope,
  orgId: number,
): Gap | null {
  const g = table.groups.indexOf(group);
  const k = periodIndex(table, period);
  if (g < 0) throw new RangeError(`unknown group: ${group}`);
  const { entries } = computeStanding(table, g, k, scope);
  const mine = entries.find((e) => e.orgId === orgId);
  if (!mine || mine.rank === null || mine.rank === 1) return null;
  const nextRank = Math.max(...entries.map((e) => (e.rank !== null && e.rank < mine.rank! ? e.rank : 0)));
  const next = entries.find((e) => e.rank === nextRank)!;
  const members = table.members[g];
  const score = scoreScope(table, members, k, scope);
  const me = members.findIndex((p) => table.participants[p].orgId === orgId);
  const ranked = members.map((_, m) => !score.disqualified[m] && score.vetoedBy[m].length === 0);
  const race: Race = { score, indicatorCount: table.indicators.length, me, nextRank, ranked };
  const I = table.indicators.length;
  const byIndicator = table.indicators.map((indicator, j): IndicatorGap => {
    const actual = score.actual[me * I + j];
    const code = indicator.code;
    if (indicator.method === "veto" || indicator.method === "deduction")
      return { code, closes: false, reason: indicator.method };
    if (indicator.method === "rank") return rankGap(race, j, indicator, actual === actual ? actual : null);
    return continuousGap(race, j, indicator, actual === actual ? actual : 0, score.target[me * I + j]);
  });
  return { nextRank, points: roundPoints(next.total - mine.total), byIndicator };
}
