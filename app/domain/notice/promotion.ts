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

/** Candidates in ranking order, best first; null when the list is full or none keeps the rules. */
export function chooseReplacement(input: {
  quota: number;
  rules: readonly CompositionRule[];
  kept: readonly Readonly<Record<string, AttributeValue>>[];
  candidates: readonly PromotionCandidate[];
}): PromotionCandidate | null {
  const { quota, rules, kept, candidates } = input;
  if (kept.length >= quota) return null;
  return candidates.find((c) => meetsRules(rules, quota, [...kept, c.attributes])) ?? null;
}
