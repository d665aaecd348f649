import { BranchAndBound, type SearchPattern } from "./branch-and-bound";
import type { RuleOp } from "./composition-rules";

/**
 * The exact check behind the selection walk: given the list so far and the nominations still
 * open, what is the best list that can be completed from them? Nominations are grouped by their
 * pattern (which rules they count for), so this is a small integer program over pattern counts,
 * solved exactly by branch and bound on its linear relaxation.
 *
 * A list's value is shortfall·(maxSize + 1) − size, lower is better: first the fewest at-least
 * places left unfilled, then the longest list. At-most rules are never broken. A list meeting
 * every rule at full size has value −maxSize.
 */

export interface RuleBound {
  op: RuleOp;
  /** ⌈share·size⌉ for at_least, ⌊share·size⌋ for at_most. */
  limit: number;
}

export interface CompletionProblem {
  bounds: readonly RuleBound[];
  /** Per rule, how many entries of the list so far count for it. */
  counts: readonly number[];
  /** Entries in the list so far. */
  size: number;
  maxSize: number;
  /** Per pattern: its bit mask (bit r = counts for rule r) and how many open nominations have it. */
  masks: readonly number[];
  available: readonly number[];
}

export interface Completion {
  value: number;
  /** Per pattern (same indices as `masks`): how many more to take. */
  plan: number[];
}

export function listValue(shortfall: number, size: number, maxSize: number): number {
  return shortfall * (maxSize + 1) - size;
}

export interface ListState {
  counts: readonly number[];
  size: number;
  available: readonly number[];
}

export interface SearchOptions {
  /** Only lists of value at most this count: the first one found is returned, or null. */
  target?: number;
  /** A rule to leave out, as if the category did not have it. */
  ignoring?: number;
}

export type CompletionSearch = (state: ListState, options?: SearchOptions) => Completion | null;

/**
 * Prepares the search for one set of rules and patterns; the walk asks it many times as the
 * list grows and the open nominations shrink. Without a target a call returns the best
 * completion. Null when the list so far already breaks an at-most rule or is too long, or when
 * nothing reaches the target.
 */
export function completionSearch(
  bounds: readonly RuleBound[],
  maxSize: number,
  masks: readonly number[],
): CompletionSearch {
  const patterns = orderPatterns(masks, maskOf(bounds, "at_least"), maskOf(bounds, "at_most"));
  return (state, { target, ignoring } = {}) => {
    const kept = (r: number) => r !== ignoring;
    const need = bounds.map((b, r) => (b.op === "at_least" && kept(r) ? b.limit - state.counts[r] : 0));
    const cap = bounds.map((b, r) => (b.op === "at_most" && kept(r) ? b.limit - state.counts[r] : Infinity));
    const placesLeft = maxSize - state.size;
    if (placesLeft < 0 || cap.some((c) => c < 0)) return null;
    const useful = usefulPatterns(patterns, state.available, cap, placesLeft);
    const search = new BranchAndBound(useful, need, cap, { ...state, maxSize, masks });
    return search.run(target === undefined ? Infinity : target + 1, target !== undefined);
  };
}

/** One-off form of `completionSearch`. */
export function bestCompletion(problem: CompletionProblem, options?: SearchOptions): Completion | null {
  return completionSearch(problem.bounds, problem.maxSize, problem.masks)(problem, options);
}

function bitsOf(mask: number, within: number): number[] {
  const bits: number[] = [];
  for (let r = 0; mask >> r; r++) if ((mask >> r) & 1 && (within >> r) & 1) bits.push(r);
  return bits;
}

function maskOf(rules: readonly RuleBound[], op: RuleOp): number {
  return rules.reduce((m, b, r) => (b.op === op ? m | (1 << r) : m), 0);
}

/**
 * Patterns with the rules they count for, those serving the most at-least rules first: the order
 * in which rounding fills a list up.
 */
function orderPatterns(masks: readonly number[], atLeastMask: number, atMostMask: number): OrderedPattern[] {
  const patterns = masks.map((mask, index) => ({
    index,
    atLeast: bitsOf(mask, atLeastMask),
    atMost: bitsOf(mask, atMostMask),
    atLeastMask: mask & atLeastMask,
    atMostMask: mask & atMostMask,
  }));
  return patterns.sort(
    (a, b) => b.atLeast.length - a.atLeast.length || a.atMost.length - b.atMost.length || a.index - b.index,
  );
}

interface OrderedPattern extends SearchPattern {
  atLeastMask: number;
  atMostMask: number;
}

/** p is at least as useful as q: it counts for every at-least rule q does and no other at-most rule. */
function dominates(p: OrderedPattern, q: OrderedPattern): boolean {
  return (p.atLeastMask & q.atLeastMask) === q.atLeastMask && (p.atMostMask & q.atMostMask) === p.atMostMask;
}

/**
 * The patterns a best list may need. A pattern whose dominating patterns together have as many
 * nominees open as there are places left can always be swapped for one of them without making
 * the list worse, so it is left out; so are patterns with nobody open or a full at-most rule.
 */
function usefulPatterns(
  patterns: readonly OrderedPattern[],
  available: readonly number[],
  cap: readonly number[],
  placesLeft: number,
): OrderedPattern[] {
  const open = patterns.filter((p) => available[p.index] > 0 && p.atMost.every((r) => cap[r] > 0));
  return open.filter((q) => {
    let dominating = 0;
    for (const p of open) if (p !== q && dominates(p, q)) dominating += available[p.index];
    return dominating < placesLeft;
  });
}
