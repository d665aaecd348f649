import { roundPoints } from "./rounding";
import type { ScopeScore } from "./score";

/**
 * One unit's race for the next place: the group's points in a scope with one indicator changed,
 * and whether the unit then ranks at least as well as the place above it. Only that indicator's
 * points move (the unit's, and for a `rank` indicator the others' too); totals are summed in
 * scheme order exactly as the standing sums them, so the answer is the standing's.
 */
export interface Race {
  score: ScopeScore;
  indicatorCount: number;
  me: number;
  nextRank: number;
  ranked: boolean[];
}

function totalWith(race: Race, m: number, j: number, pj: number): number {
  const I = race.indicatorCount;
  let sum = 0;
  for (let i = 0; i < I; i++) sum += i === j ? pj : race.score.points[m * I + i];
  return roundPoints(sum);
}

/** Is entry m (with pm on indicator j) strictly better than the unit (with mine on j)? */
function beats(race: Race, m: number, pm: number, j: number, mine: number, myTotal: number): boolean {
  const total = totalWith(race, m, j, pm);
  if (total !== myTotal) return total > myTotal;
  const I = race.indicatorCount;
  for (let i = 0; i < I; i++) {
    const a = roundPoints(i === j ? pm : race.score.points[m * I + i]);
    const b = roundPoints(i === j ? mine : race.score.points[race.me * I + i]);
    if (a !== b) return a > b;
  }
  return false;
}

/**
 * Does the unit reach the next place when its points on indicator j become `mine` and every other
 * member's become `others(m)` (unchanged when omitted)?
 */
export function reaches(race: Race, j: number, mine: number, others?: (m: number) => number): boolean {
  const I = race.indicatorCount;
  const myTotal = totalWith(race, race.me, j, mine);
  let better = 0;
  for (let m = 0; m < race.ranked.length; m++) {
    if (m === race.me || !race.ranked[m]) continue;
    const pm = others ? others(m) : race.score.points[m * I + j];
    if (beats(race, m, pm, j, mine, myTotal) && 1 + ++better > race.nextRank) return false;
  }
  return true;
}

/** The least n in 1..hi with `test(n)` true, given that it is monotone and `test(hi)` holds. */
export function leastTrue(hi: number, test: (n: number) => boolean): number {
  let lo = 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
