/**
 * The proposed list (docs/domain.md#selection) as a MIP over the nominations themselves (one
 * binary each), written from the rule and sharing nothing with the selection's search over
 * patterns:
 *
 *   x[i] ∈ {0,1}   nomination i is on the list;  Σ x ≤ size
 *   at most r:     Σ_{i counts for r} x ≤ ⌊share·size⌋
 *   at least r:    Σ_{i counts for r} x + s[r] ≥ ⌈share·size⌉,  s[r] ≥ 0 (the places missing)
 *   minimise       (size + 1)·Σ s − Σ x
 *
 * so the fewest missing places come first and then the longest list, the order the selection
 * promises. Fixing a prefix of the ranking asks whether the walk could have decided otherwise.
 */
import { LpModel, solveMip, type Term } from "./highs-reference";

export interface SelectionRuleSpec {
  op: "at_least" | "at_most";
  /** A share in hundredths, so limits are exact integer arithmetic here too. */
  percent: number;
}

export interface SelectionInstance {
  quota: number;
  rules: readonly SelectionRuleSpec[];
  /** Per nomination in ranking order, per rule: does it count for the rule. */
  counts: readonly (readonly boolean[])[];
}

export function listSize(inst: SelectionInstance): number {
  return Math.min(inst.quota, inst.counts.length);
}

export function referenceLimit(rule: SelectionRuleSpec, size: number): number {
  const hundredths = rule.percent * size;
  return rule.op === "at_most" ? Math.floor(hundredths / 100) : Math.ceil(hundredths / 100);
}

export interface ListMeasure {
  size: number;
  /** Per rule, the places an at-least rule misses (0 for at-most rules). */
  missing: number[];
  /** Per rule, how far an at-most rule is exceeded (0 for at-least rules). */
  excess: number[];
  value: number;
}

/** The value of a list of nomination indices, by the same measure the MIP minimises. */
export function measureList(inst: SelectionInstance, chosen: readonly number[]): ListMeasure {
  const size = listSize(inst);
  const totals = inst.rules.map((_, r) => chosen.filter((i) => inst.counts[i][r]).length);
  const missing = inst.rules.map((rule, r) =>
    rule.op === "at_least" ? Math.max(0, referenceLimit(rule, size) - totals[r]) : 0,
  );
  const excess = inst.rules.map((rule, r) =>
    rule.op === "at_most" ? Math.max(0, totals[r] - referenceLimit(rule, size)) : 0,
  );
  const shortfall = missing.reduce((a, b) => a + b, 0);
  return { size: chosen.length, missing, excess, value: (size + 1) * shortfall - chosen.length };
}

/**
 * The best value of any list whose first `fixed.length` nominations are decided as given
 * (1 on the list, 0 not), or null when no list with that prefix keeps the at-most rules.
 */
export async function bestListValue(
  inst: SelectionInstance,
  fixed: readonly (0 | 1)[] = [],
): Promise<number | null> {
  const size = listSize(inst);
  const lp = new LpModel();
  const x = inst.counts.map((_, i) => `x_${i}`);
  x.forEach((v) => lp.binary(v));
  lp.minimize(...x.map((v) => [-1, v] as Term));
  lp.row(
    "size",
    x.map((v) => [1, v] as Term),
    "<=",
    size,
  );
  inst.rules.forEach((rule, r) => {
    const members = x.filter((_, i) => inst.counts[i][r]).map((v) => [1, v] as Term);
    const limit = referenceLimit(rule, size);
    if (rule.op === "at_most") {
      // An empty rule row would vanish from the model; with no members it cannot be broken.
      if (members.length) lp.row(`most_${r}`, members, "<=", limit);
      return;
    }
    lp.minimize([size + 1, `s_${r}`]);
    lp.row(`least_${r}`, [...members, [1, `s_${r}`]], ">=", limit);
  });
  // Rows, not bounds: a Binary section may reset a variable's bounds to 0..1.
  fixed.forEach((v, i) => lp.row(`fix_${i}`, [[1, x[i]]], "=", v));
  const answer = await solveMip(lp);
  return answer.objective === null ? null : Math.round(answer.objective);
}
