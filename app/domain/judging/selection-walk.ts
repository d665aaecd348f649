import {
  completionSearch,
  listValue,
  type CompletionSearch,
  type ListState,
  type RuleBound,
} from "./completion-search";

export type Reason = { rule: number; kind: RuleBound["op"] };

/**
 * The greedy walk down the ranking. The best value any list can reach is found first; then each
 * nominee is taken unless no list with it (and only nominees below it) still reaches that value.
 * A witness — one best completion of the list so far — makes most steps cheap: a nominee whose
 * pattern the witness uses, or can swap in, is taken without searching.
 *
 * A pattern refused once stays refused: if a later nominee of it fitted a best list, the same
 * list with the earlier nominee in its place would have been just as good then. So a long run
 * of skips costs one search per pattern.
 */
export class SelectionWalk {
  private readonly patternOf: number[];
  private readonly masks: number[];
  private readonly available: number[];
  private readonly counts: number[];
  private readonly search: CompletionSearch;
  private readonly refused = new Map<number, Reason>();
  private plan: number[] = [];
  private size = 0;
  private best = 0;

  constructor(
    private readonly bounds: readonly RuleBound[],
    private readonly maxSize: number,
    candidateMasks: readonly number[],
  ) {
    const indexOf = new Map<number, number>();
    for (const mask of candidateMasks) if (!indexOf.has(mask)) indexOf.set(mask, indexOf.size);
    this.masks = [...indexOf.keys()];
    this.patternOf = candidateMasks.map((mask) => indexOf.get(mask)!);
    this.available = this.masks.map(() => 0);
    for (const p of this.patternOf) this.available[p]++;
    this.counts = bounds.map(() => 0);
    this.search = completionSearch(bounds, maxSize, this.masks);
  }

  run(): { taken: number[]; skipped: ({ index: number } & Reason)[] } {
    const taken: number[] = [];
    const skipped: ({ index: number } & Reason)[] = [];
    // The empty list breaks no rule, so a best completion always exists.
    const root = this.search(this.state(0))!;
    this.best = root.value;
    this.plan = root.plan;
    const finalSize = root.plan.reduce((a, b) => a + b, 0);
    for (let i = 0; i < this.patternOf.length && this.size < finalSize; i++) {
      const p = this.patternOf[i];
      this.available[p]--;
      const refusal = this.refusal(p);
      if (refusal) skipped.push({ index: i, ...refusal });
      else {
        this.take(p);
        taken.push(i);
      }
    }
    return { taken, skipped };
  }

  ruleCounts(): number[] {
    return [...this.counts];
  }

  private has(mask: number, r: number): boolean {
    return ((mask >> r) & 1) === 1;
  }

  /** The list so far, with one nominee of the given mask added when `extra` is 1. */
  private state(mask: number, extra = 0): ListState {
    const counts = this.counts.map((c, r) => c + (this.has(mask, r) ? 1 : 0));
    return { counts, size: this.size + extra, available: this.available };
  }

  private take(p: number): void {
    this.bounds.forEach((_, r) => (this.counts[r] += this.has(this.masks[p], r) ? 1 : 0));
    this.size++;
  }

  /** Null when a nominee of pattern p can be taken now (the witness then includes it), else why not. */
  private refusal(p: number): Reason | null {
    const earlier = this.refused.get(p);
    if (earlier) return this.visibleReason(p) ?? earlier;
    if (this.plan[p] > 0) {
      this.plan[p]--;
      return null;
    }
    const full = this.fullAtMost(this.masks[p]);
    if (full >= 0) return this.refuse(p, { rule: full, kind: "at_most" });
    if (this.swapIn(p)) return null;
    const withP = this.search(this.state(this.masks[p], 1), { target: this.best });
    if (withP) {
      this.plan = withP.plan;
      return null;
    }
    return this.refuse(p, this.visibleReason(p) ?? this.blockingRule(p));
  }

  private refuse(p: number, reason: Reason): Reason {
    this.refused.set(p, reason);
    return reason;
  }

  private fullAtMost(mask: number): number {
    return this.bounds.findIndex(
      (b, r) => b.op === "at_most" && this.has(mask, r) && this.counts[r] >= b.limit,
    );
  }

  /** Per rule, the entries counted by the list so far, plus one of `extraMask`, plus a plan. */
  private totals(plan: readonly number[], extraMask: number): number[] {
    return this.bounds.map((_, r) => {
      let t = this.counts[r] + (this.has(extraMask, r) ? 1 : 0);
      plan.forEach((n, q) => (t += this.has(this.masks[q], r) ? n : 0));
      return t;
    });
  }

  private shortfalls(totals: readonly number[]): number[] {
    return this.bounds.map((b, r) => (b.op === "at_least" ? Math.max(0, b.limit - totals[r]) : 0));
  }

  /** Takes p in place of one nominee the witness planned, when the list stays as good. */
  private swapIn(p: number): boolean {
    const base = this.totals(this.plan, this.masks[p]);
    const planned = this.plan.reduce((a, b) => a + b, 0);
    for (let q = 0; q < this.plan.length; q++) {
      if (this.plan[q] === 0) continue;
      const totals = base.map((t, r) => t - (this.has(this.masks[q], r) ? 1 : 0));
      if (this.bounds.some((b, r) => b.op === "at_most" && totals[r] > b.limit)) continue;
      const shortfall = this.shortfalls(totals).reduce((a, b) => a + b, 0);
      if (listValue(shortfall, this.size + planned, this.maxSize) <= this.best) {
        this.plan[q]--;
        return true;
      }
    }
    return false;
  }

  /**
   * A cause seen by counting alone: an at-most rule already full, or an at-least rule that the
   * places left and the nominees below could no longer fill as well as the witness does.
   */
  private visibleReason(p: number): Reason | null {
    const mask = this.masks[p];
    const full = this.fullAtMost(mask);
    if (full >= 0) return { rule: full, kind: "at_most" };
    const without = this.shortfalls(this.totals(this.plan, 0));
    const placesAfter = this.maxSize - this.size - 1;
    const short = this.bounds.findIndex((b, r) => {
      if (b.op !== "at_least" || this.has(mask, r)) return false;
      const reach = this.available.reduce((sum, n, q) => sum + (this.has(this.masks[q], r) ? n : 0), 0);
      return b.limit - this.counts[r] - Math.min(placesAfter, reach) > without[r];
    });
    return short >= 0 ? { rule: short, kind: "at_least" } : null;
  }

  /**
   * The first rule without which p would fit as well as the witness does: an at-least rule p
   * does not count for, or an at-most rule it does. When no single rule is to blame, the first
   * of those rules.
   */
  private blockingRule(p: number): Reason {
    const mask = this.masks[p];
    const without = this.shortfalls(this.totals(this.plan, 0));
    const suspects = this.bounds.flatMap((b, r) => ((b.op === "at_least") !== this.has(mask, r) ? [r] : []));
    const blocking = suspects.find((r) => {
      const target = this.best - without[r] * (this.maxSize + 1);
      return this.search(this.state(mask, 1), { target, ignoring: r }) !== null;
    });
    const rule = blocking ?? suspects[0] ?? 0;
    return { rule, kind: this.bounds[rule].op };
  }
}
