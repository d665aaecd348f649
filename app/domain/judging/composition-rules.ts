import { canonicalAttributeValue, type Enumeration, RULE_ENUMERATIONS } from "../nominations/fields";

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

/** One value a rule may name: the stored value, its Chinese spelling and its message key. */
export interface RuleValueChoice {
  value: string;
  zh: string;
  labelKey: string;
}

const YES_NO: readonly RuleValueChoice[] = [
  { value: "true", zh: "是", labelKey: "common.yes" },
  { value: "false", zh: "否", labelKey: "common.no" },
];

/**
 * The values a rule on `attribute` may name (docs/domain.md#composition-rules), or null for the
 * free-text attributes (ethnicity, political status, education), whose values no list closes.
 */
export function ruleValueChoices(attribute: string): readonly RuleValueChoice[] | null {
  if (attribute === "migrant") return YES_NO;
  const e = (RULE_ENUMERATIONS as Record<string, Enumeration<string>>)[attribute];
  return e ? e.values.map((value) => ({ value, zh: e.zh[value], labelKey: e.labelKey(value) })) : null;
}

/** The Chinese names of the attributes with closed values, as the forms and sheets call them. */
const ATTRIBUTE_ZH: Readonly<Record<string, string>> = {
  gender: "性别",
  occupation_group: "人员类别",
  migrant: "是否农民工",
  sector: "单位性质",
};

/** An attribute as a refusal names it in either language: "单位性质 (sector)". */
export function ruleAttributeName(attribute: string): string {
  return ATTRIBUTE_ZH[attribute] ? `${ATTRIBUTE_ZH[attribute]} (${attribute})` : attribute;
}

/** The accepted values of an attribute in both spellings, for a refusal: "国有企业 (state)、非公企业 (non_public)…". */
export function acceptedRuleValues(attribute: string): string {
  return (ruleValueChoices(attribute) ?? []).map((c) => `${c.zh} (${c.value})`).join("、");
}

/**
 * The rule's values that are none of its attribute's values in either spelling: "民营企业" on 单位性质
 * would count nobody and leave an at-least rule unmet for no visible reason (issue #16).
 */
export function unknownRuleValues(rule: Pick<CompositionRule, "attribute" | "values">): string[] {
  if (!ruleValueChoices(rule.attribute)) return [];
  return rule.values.filter((v) => canonicalAttributeValue(rule.attribute, v) === null);
}

export interface InvalidRule {
  label: string;
  attribute: string;
  unknown: string[];
  accepted: string;
  /** False when no value of the rule is known: the rule is left out of the selection. */
  applied: boolean;
}

/**
 * Rules stored before values were checked may name values no nominee can have. Such values are
 * left out, a rule left with none is not applied, and each is reported, so the results page flags
 * the rule instead of reporting "needs 1, selected 0" against a nominee who plainly qualifies
 * (decision 018).
 */
export function effectiveRules(rules: readonly CompositionRule[]): {
  rules: CompositionRule[];
  invalid: InvalidRule[];
} {
  const out: CompositionRule[] = [];
  const invalid: InvalidRule[] = [];
  for (const rule of rules) {
    const unknown = unknownRuleValues(rule);
    const known = rule.values.filter((v) => !unknown.includes(v));
    if (known.length) out.push(unknown.length ? { ...rule, values: known } : rule);
    if (unknown.length)
      invalid.push({
        label: rule.label,
        attribute: ruleAttributeName(rule.attribute),
        unknown,
        accepted: acceptedRuleValues(rule.attribute),
        applied: known.length > 0,
      });
  }
  return { rules: out, invalid };
}
