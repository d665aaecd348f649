import type { Completion, ListState } from "./completion-search";
import { solveLinearProgram, type LinearProgram } from "./simplex";

export interface SearchPattern {
  /** Position in the caller's pattern list, where its mask and open count are. */
  index: number;
  atLeast: number[];
  atMost: number[];
}

/** Slack for floating-point error in the relaxation; list values themselves are integers. */
const TOLERANCE = 1e-6;

interface Node {
  lower: number[];
  upper: number[];
}

function replaced(values: readonly number[], j: number, value: number): number[] {
  const copy = [...values];
  copy[j] = value;
  return copy;
}

/**
 * Branch and bound over how many nominees to take of each pattern. Each node's linear
 * relaxation bounds every list below it; a fractional count is split into "at most its floor"
 * and "at least its ceiling", and reduced costs tighten the counts no better list could change.
 * Rounding the relaxation down and filling up gives lists early. Only integer lists, checked in
 * integers, ever become the answer; floating point only decides what is worth exploring, with
 * a tolerance on the safe side.
 */
export class BranchAndBound {
  private readonly most: number[];
  private readonly weight: number;
  private readonly placesLeft: number;
  private incumbent = Infinity;
  private best: number[] | null = null;

  constructor(
    private readonly patterns: readonly SearchPattern[],
    private readonly need: readonly number[],
    private readonly cap: readonly number[],
    private readonly state: ListState & { maxSize: number; masks: readonly number[] },
  ) {
    this.weight = state.maxSize + 1;
    this.placesLeft = state.maxSize - state.size;
    this.most = patterns.map((p) =>
      Math.min(state.available[p.index], this.placesLeft, ...p.atMost.map((r) => cap[r])),
    );
  }

  /** The best list with value below `beat`, or with `firstFound` any such list; else null. */
  run(beat: number, firstFound: boolean): Completion | null {
    this.incumbent = beat;
    const stack: Node[] = [{ lower: this.most.map(() => 0), upper: [...this.most] }];
    while (stack.length > 0 && !(firstFound && this.best)) {
      const node = stack.pop()!;
      const x = this.relax(node);
      if (!x) continue;
      // Snap first: a count of 3.9999999999 is 4, not 3.
      this.consider(x.map((v) => Math.floor(v + TOLERANCE)));
      const j = x.findIndex((v) => Math.abs(v - Math.round(v)) > TOLERANCE);
      if (j < 0) continue;
      // The "at least the ceiling" side is explored first: taking more is the greedy guess.
      stack.push({ lower: node.lower, upper: replaced(node.upper, j, Math.floor(x[j])) });
      stack.push({ lower: replaced(node.lower, j, Math.ceil(x[j])), upper: node.upper });
    }
    if (!this.best) return null;
    const plan = this.state.masks.map(() => 0);
    this.patterns.forEach((p, j) => (plan[p.index] = this.best![j]));
    return { value: this.incumbent, plan };
  }

  /**
   * The relaxation's counts, or null when nothing below the node can beat the incumbent. Also
   * tightens the node: moving a count off its bound costs its reduced cost per unit, so it can
   * move only as far as the room left below the incumbent allows.
   */
  private relax(node: Node): number[] | null {
    if (!this.packs(node.lower)) return null;
    const { value, x, reducedCost } = solveLinearProgram(this.linearProgram(node));
    const room = this.incumbent - 1 + this.state.size - value + TOLERANCE;
    if (room < 0) return null;
    // The node's bound arrays may be shared with its sibling: tighten copies.
    node.lower = [...node.lower];
    node.upper = [...node.upper];
    this.patterns.forEach((_, j) => {
      const d = reducedCost[j];
      if (d > TOLERANCE && x[j] <= node.lower[j] + TOLERANCE)
        node.upper[j] = Math.min(node.upper[j], node.lower[j] + Math.floor(room / d));
      if (d < -TOLERANCE && x[j] >= node.upper[j] - TOLERANCE)
        node.lower[j] = Math.max(node.lower[j], node.upper[j] - Math.floor(room / -d));
    });
    return x.slice(0, this.patterns.length);
  }

  /** Whether the node's least counts fit the places and the at-most rules. */
  private packs(counts: readonly number[]): boolean {
    let places = this.placesLeft;
    const cap = [...this.cap];
    this.patterns.forEach((p, j) => {
      places -= counts[j];
      for (const r of p.atMost) cap[r] -= counts[j];
    });
    return places >= 0 && cap.every((c) => c >= 0);
  }

  /**
   * Columns: the pattern counts; per at-least rule still short, its shortfall s and surplus e;
   * per at-most rule that could bind, its slack; the slack of the places row.
   * Cost: weight·Σs − Σcounts.
   */
  private linearProgram(node: Node): LinearProgram {
    const n = this.patterns.length;
    const short = this.need.flatMap((need, r) => (need > 0 ? [r] : []));
    const binding = this.cap.flatMap((cap, r) => (cap < this.placesLeft ? [r] : []));
    const width = n + 2 * short.length + binding.length + 1;
    const lp: LinearProgram = { rows: [], rhs: [], cost: [], lower: [], upper: [], basis: [] };
    for (let j = 0; j < width; j++) {
      lp.cost.push(j < n ? -1 : j < n + 2 * short.length && (j - n) % 2 === 0 ? this.weight : 0);
      lp.lower.push(j < n ? node.lower[j] : 0);
      lp.upper.push(j < n ? node.upper[j] : Infinity);
    }
    const row = (
      counts: (p: SearchPattern) => boolean,
      extra: [number, number][],
      rhs: number,
      basic: number,
    ) => {
      const r = this.patterns
        .map((p): number => (counts(p) ? 1 : 0))
        .concat(new Array<number>(width - n).fill(0));
      for (const [j, a] of extra) r[j] = a;
      lp.rows.push(r);
      lp.rhs.push(rhs);
      lp.basis.push(basic);
    };
    row(() => true, [[width - 1, 1]], this.placesLeft, width - 1);
    short.forEach((r, k) => {
      const s = n + 2 * k;
      const covered = this.patterns.reduce(
        (sum, p, j) => sum + (p.atLeast.includes(r) ? node.lower[j] : 0),
        0,
      );
      row(
        (p) => p.atLeast.includes(r),
        [
          [s, 1],
          [s + 1, -1],
        ],
        this.need[r],
        covered <= this.need[r] ? s : s + 1,
      );
    });
    binding.forEach((r, k) => {
      const t = n + 2 * short.length + k;
      row((p) => p.atMost.includes(r), [[t, 1]], this.cap[r], t);
    });
    return lp;
  }

  /** An integer list: fill it up greedily (more never hurts while rules allow), then keep it if better. */
  private consider(x: number[]): void {
    const cap = [...this.cap];
    let places = this.placesLeft;
    this.patterns.forEach((p, j) => {
      places -= x[j];
      for (const r of p.atMost) cap[r] -= x[j];
    });
    this.patterns.forEach((p, j) => {
      const more = Math.min(this.most[j] - x[j], places, ...p.atMost.map((r) => cap[r]));
      if (more <= 0) return;
      x[j] += more;
      places -= more;
      for (const r of p.atMost) cap[r] -= more;
    });
    const shortfall = this.need.reduce((sum, need, r) => {
      const covered = this.patterns.reduce((c, p, j) => c + (p.atLeast.includes(r) ? x[j] : 0), 0);
      return sum + Math.max(0, need - covered);
    }, 0);
    const value = shortfall * this.weight - (this.state.size + this.placesLeft - places);
    if (value < this.incumbent) {
      this.incumbent = value;
      this.best = x;
    }
  }
}
