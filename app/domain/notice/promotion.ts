import {
  ruleLimit,
  rulePatterns,
  type AttributeValue,
  type CompositionRule,
} from "../judging/composition-rules";

/**
 * The replacement for an entry withdrawn during the notice (an upheld objection): the
 * best-ranked candidate not on the list whose taking leaves a list that meets every composition
 * rule. The list stays as it is otherwise, so the check is a plain count over the new list.
 */
export interface PromotionCandidate {
  id: number;
  rank: number;
  attributes: Readonly<Record<string, AttributeValue>>;
  /**
   * The committee took it off the list with a recorded reason (an `exclude` override): that
   * decision stands, so an upheld objection against someone else never brings it back (issue #16).
   */
  removedByCommittee?: boolean;
}

/** Whether `list` meets every rule, with the shares applied to the list's length (capped at the quota). */
export function meetsRules(
  rules: readonly CompositionRule[],
  quota: number,
  list: readonly Readonly<Record<string, AttributeValue>>[],
): boolean {
  const size = Math.min(quota, list.length);
  const masks = rulePatterns(rules, list);
  return rules.every((rule, r) => {
    const count = masks.filter((m) => m & (1 << r)).length;
    const limit = ruleLimit(rule, size);
    return rule.op === "at_least" ? count >= limit : count <= limit;
  });
}

/**
 * Candidates in the decided ranking order, best first; the committee's removals are skipped. Null
 * when the list is full or no candidate keeps the rules.
 */
export function chooseReplacement(input: {
  quota: number;
  rules: readonly CompositionRule[];
  kept: readonly Readonly<Record<string, AttributeValue>>[];
  candidates: readonly PromotionCandidate[];
}): PromotionCandidate | null {
  const { quota, rules, kept, candidates } = input;
  if (kept.length >= quota) return null;
  return (
    candidates.find((c) => !c.removedByCommittee && meetsRules(rules, quota, [...kept, c.attributes])) ?? null
  );
}
