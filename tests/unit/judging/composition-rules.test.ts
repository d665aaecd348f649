import { describe, expect, it } from "vitest";
import {
  normalizeAttributeValue,
  ruleLimit,
  rulePatterns,
  shareAsFraction,
  type CompositionRule,
} from "~/domain/judging/composition-rules";

describe("attribute values in either language", () => {
  it.each([
    ["gender", "男", "male"],
    ["gender", "女", "female"],
    ["gender", "Female", "female"],
    ["occupation_group", "一线职工", "frontline"],
    ["occupation_group", "专业技术人员", "technical"],
    ["occupation_group", "企业负责人", "manager"],
    ["occupation_group", "机关干部", "official"],
    ["occupation_group", "其他", "other"],
    ["occupation_group", "frontline", "frontline"],
    ["sector", "国有企业", "state"],
    ["sector", "非公企业", "non_public"],
    ["sector", "机关事业单位", "public_institution"],
    ["sector", "农村", "rural"],
    ["sector", "其他", "other"],
    ["sector", "non_public", "non_public"],
    ["migrant", "是", "true"],
    ["migrant", "否", "false"],
    ["migrant", "yes", "true"],
    ["migrant", "no", "false"],
    ["migrant", "true", "true"],
    ["migrant", "false", "false"],
    ["migrant", "1", "true"],
    ["migrant", "0", "false"],
    ["migrant", true, "true"],
    ["migrant", 0, "false"],
    ["ethnicity", " 汉族 ", "汉族"],
  ] as const)("%s %j → %s", (attribute, raw, value) => {
    expect(normalizeAttributeValue(attribute, raw)).toBe(value);
  });

  it("gives null for empty or unknown values, which no rule counts", () => {
    expect(normalizeAttributeValue("gender", "")).toBeNull();
    expect(normalizeAttributeValue("gender", null)).toBeNull();
    expect(normalizeAttributeValue("migrant", "maybe")).toBeNull();
    expect(normalizeAttributeValue("education", undefined)).toBeNull();
  });
});

describe("exact thresholds", () => {
  const atLeast = (share: number | string, size: number) => ruleLimit({ op: "at_least", share }, size);
  const atMost = (share: number | string, size: number) => ruleLimit({ op: "at_most", share }, size);

  it("computes ⌈share·Q⌉ and ⌊share·Q⌋ on the decimal the rule states", () => {
    expect(atLeast(0.7, 10)).toBe(7);
    expect(atMost(0.7, 10)).toBe(7);
    expect(atLeast(0.22, 77)).toBe(17); // ⌈16.94⌉
    expect(atMost(0.22, 77)).toBe(16);
    expect(atMost(0.1, 33)).toBe(3); // ⌊3.3⌋
    expect(atLeast(0.1, 33)).toBe(4);
    expect(atLeast(0.06, 50)).toBe(3);
  });

  it("is not fooled by binary floating point", () => {
    // In doubles 0.07 × 100 = 7.000000000000001 and 0.14 × 100 = 14.000000000000002.
    expect(0.07 * 100).toBeGreaterThan(7);
    expect(atLeast(0.07, 100)).toBe(7);
    expect(atLeast(0.14, 100)).toBe(14);
    // 0.29 × 100 = 28.999999999999996 and 0.57 × 100 = 56.99999999999999.
    expect(atMost(0.29, 100)).toBe(29);
    expect(atMost(0.57, 100)).toBe(57);
  });

  it("accepts decimal strings and the ends of the range", () => {
    expect(atLeast("0.22", 77)).toBe(17);
    expect(atLeast(".5", 9)).toBe(5);
    expect(atLeast(1, 77)).toBe(77);
    expect(atMost(0, 77)).toBe(0);
    expect(atLeast(1e-7, 77)).toBe(1);
    expect(shareAsFraction(0.125)).toEqual({ num: 125n, den: 1000n });
  });

  it("refuses shares outside 0..1 or not written as decimals", () => {
    for (const bad of [1.5, -0.1, "abc", "", "1/3", Number.NaN])
      expect(() => shareAsFraction(bad), String(bad)).toThrow(RangeError);
  });
});

describe("rule patterns", () => {
  const rules: CompositionRule[] = [
    { label: "一线职工", attribute: "occupation_group", values: ["一线职工"], op: "at_least", share: 0.22 },
    { label: "农民工", attribute: "migrant", values: ["是"], op: "at_least", share: 0.06 },
    {
      label: "机关事业",
      attribute: "sector",
      values: ["public_institution", "国有企业"],
      op: "at_most",
      share: 0.1,
    },
  ];

  it("sets a bit for each rule the nominee counts for, whatever the spelling", () => {
    expect(
      rulePatterns(rules, [
        { occupation_group: "frontline", migrant: true, sector: "机关事业单位" },
        { occupation_group: "一线职工", migrant: "否", sector: "state" },
        { occupation_group: "technical", migrant: "yes", sector: "rural" },
        {},
      ]),
    ).toEqual([0b111, 0b101, 0b010, 0]);
  });
});
