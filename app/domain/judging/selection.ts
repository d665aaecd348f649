import type { RuleBound } from "./completion-search";
import { ruleLimit, rulePatterns, type AttributeValue, type CompositionRule } from "./composition-rules";
import { SelectionWalk } from "./selection-walk";

/**
 * The proposed list (拟表彰名单, docs/domain.md#selection): the lexicographically best list that meets every
 * composition rule, or, when none does, the best list that breaks no at-most rule, leaves the
 * fewest at-least places unfilled and is as long as it can be.
 */

export interface SelectionCandidate {
  ref: string;
  rank: number;
  attributes: Readonly<Record<string, AttributeValue>>;
}

export interface SkipReason {
  /** Index of the rule in the category's list, and its label. */
  rule: number;
  ruleLabel: string;
  /**
   * at_most: taking it would exceed the rule's maximum (or crowd out a better list under it);
   * at_least: it would leave the rule short. The rule named is a full at-most rule, else an
   * at-least rule that counting alone shows out of reach, else the first rule without which
   * the nominee would have fitted.
   */
  kind: CompositionRule["op"];
  limit: number;
}

export interface Selection {
  quota: number;
  selected: { ref: string; rank: number }[];
  /** Passed over on the way down the ranking, each with the rule that made it so. */
  skipped: { ref: string; rank: number; reason: SkipReason }[];
  unmet: { rule: string; required: number; selected: number }[];
}

/**
 * The size the rules apply to. With fewer candidates than the quota the list can only be as long
 * as the candidates go, and the shares apply to that length: a rule is a proportion of the list
 * (结构比例), so 60% of 50 entries is 30, not 60% of an unfillable quota of 77.
 */
export function selectionSize(quota: number, candidates: number): number {
  return Math.max(0, Math.min(quota, candidates));
}

export function ruleBounds(rules: readonly CompositionRule[], size: number): RuleBound[] {
  return rules.map((rule) => ({ op: rule.op, limit: ruleLimit(rule, size) }));
}

/** Candidates in ranking order (best first, ties as the ranking lists them). */
export function selectNominations(input: {
  quota: number;
  rules: readonly CompositionRule[];
  candidates: readonly SelectionCandidate[];
}): Selection {
  const { quota, rules, candidates } = input;
  const size = selectionSize(quota, candidates.length);
  const bounds = ruleBounds(rules, size);
  const walk = new SelectionWalk(
    bounds,
    size,
    rulePatterns(
      rules,
      candidates.map((c) => c.attributes),
    ),
  );
  const { taken, skipped } = walk.run();
  const counts = walk.ruleCounts();
  return {
    quota,
    selected: taken.map((i) => ({ ref: candidates[i].ref, rank: candidates[i].rank })),
    skipped: skipped.map(({ index, rule, kind }) => ({
      ref: candidates[index].ref,
      rank: candidates[index].rank,
      reason: { rule, ruleLabel: rules[rule].label, kind, limit: bounds[rule].limit },
    })),
    unmet: rules.flatMap((rule, r) =>
      rule.op === "at_least" && counts[r] < bounds[r].limit
        ? [{ rule: rule.label, required: bounds[r].limit, selected: counts[r] }]
        : [],
    ),
  };
}

/** The reason as a message key and its parameters, for the CLI and pages to put into words. */
export function skipReasonMessage(reason: SkipReason): {
  key: "judging.skip.atMost" | "judging.skip.atLeast";
  params: { rule: string; limit: number };
} {
  return {
    key: reason.kind === "at_most" ? "judging.skip.atMost" : "judging.skip.atLeast",
    params: { rule: reason.ruleLabel, limit: reason.limit },
  };
}
