import { canonicalAttributeValue } from "../nominations/fields";

/**
 * Composition rules on the selected list (结构比例, docs/domain.md#composition-rules): at least ⌈share·Q⌉ or at most
 * ⌊share·Q⌋ entries whose attribute takes one of the rule's values.
 */

export type RuleOp = "at_least" | "at_most";

export interface CompositionRule {
  label: string;
  attribute: string;
  /** In either spelling: "一线职工" and "frontline" both count. */
  values: readonly string[];
  op: RuleOp;
  /** A fraction of the list size, 0..1; a decimal string keeps the thresholds exact too. */
  share: number | string;
}

export type AttributeValue = string | boolean | number | null | undefined;

/**
 * A rule value or a nominee's attribute as the stored value: 男 → male, 一线职工 → frontline,
 * 非公企业 → non_public, 是/yes/1/true → "true". Free-text attributes (ethnicity, political
 * status, education) are trimmed and compared exactly. Empty or unknown values give null, which
 * no rule counts.
 */
export function normalizeAttributeValue(attribute: string, value: AttributeValue): string | null {
  if (value === null || value === undefined) return null;
  return canonicalAttributeValue(attribute, String(value));
}

/**
 * A share as an exact fraction, read from its shortest decimal spelling, so 0.7 is 7/10 and
 * not the binary double just below it.
 */
export function shareAsFraction(share: number | string): { num: bigint; den: bigint } {
  const text = typeof share === "number" ? String(share) : share.trim();
  const m = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m || (m[1] === "" && !m[2])) throw new RangeError(`share is not a decimal number: ${text}`);
  const fraction = m[2] ?? "";
  const exponent = Number(m[3] ?? 0) - fraction.length;
  let num = BigInt((m[1] || "0") + fraction);
  let den = 1n;
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den = 10n ** BigInt(-exponent);
  if (num > den) throw new RangeError(`share must lie between 0 and 1: ${text}`);
  return { num, den };
}

/** ⌈share·size⌉ for at_least, ⌊share·size⌋ for at_most, in exact integer arithmetic. */
export function ruleLimit(rule: Pick<CompositionRule, "op" | "share">, size: number): number {
  const { num, den } = shareAsFraction(rule.share);
  const product = num * BigInt(size);
  const floor = product / den;
  return Number(rule.op === "at_most" || product % den === 0n ? floor : floor + 1n);
}

/**
 * Each nominee's pattern: bit r is set when it counts for rule r. Rule values are normalized
 * once, and each distinct attribute spelling once, since thousands of nominees share a few.
 */
export function rulePatterns(
  rules: readonly CompositionRule[],
  nominees: readonly Readonly<Record<string, AttributeValue>>[],
): number[] {
  if (rules.length > 30) throw new RangeError("at most 30 composition rules per category");
  const wanted = rules.map(
    (rule) => new Set(rule.values.map((v) => normalizeAttributeValue(rule.attribute, v))),
  );
  const cache = new Map<string, string | null>();
  const normalized = (attribute: string, value: AttributeValue) => {
    const key = `${attribute}\u0000${typeof value}\u0000${String(value)}`;
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = normalizeAttributeValue(attribute, value)));
    return v;
  };
  return nominees.map((attributes) => {
    let mask = 0;
    rules.forEach((rule, r) => {
      const own = normalized(rule.attribute, attributes[rule.attribute]);
      if (own !== null && wanted[r].has(own)) mask |= 1 << r;
    });
    return mask;
  });
}
