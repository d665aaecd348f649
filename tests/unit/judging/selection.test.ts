import { describe, expect, it } from "vitest";
import type { CompositionRule } from "~/domain/judging/composition-rules";
import { translate } from "~/i18n";
import { skipReasonMessage, selectNominations, type SelectionCandidate } from "~/domain/judging/selection";

type Attributes = SelectionCandidate["attributes"];

/** Candidates C01, C02, … in ranking order with the given attributes. */
function ranked(...attributes: Attributes[]): SelectionCandidate[] {
  return attributes.map((a, i) => ({
    ref: `C${String(i + 1).padStart(2, "0")}`,
    rank: i + 1,
    attributes: a,
  }));
}

const refs = (list: { ref: string }[]) => list.map((e) => e.ref);
const rule = (
  label: string,
  attribute: string,
  values: string[],
  op: CompositionRule["op"],
  share: number,
): CompositionRule => ({
  label,
  attribute,
  values,
  op,
  share,
});

const F = { gender: "女" };
const M = { gender: "男" };

describe("selection without rules", () => {
  it("takes the top Q", () => {
    const s = selectNominations({ quota: 2, rules: [], candidates: ranked(M, F, M) });
    expect(s).toEqual({
      quota: 2,
      selected: [
        { ref: "C01", rank: 1 },
        { ref: "C02", rank: 2 },
      ],
      skipped: [],
      unmet: [],
    });
  });

  it("takes everyone when there are fewer candidates than places, and nobody for quota 0", () => {
    expect(refs(selectNominations({ quota: 10, rules: [], candidates: ranked(M, F, M) }).selected)).toEqual([
      "C01",
      "C02",
      "C03",
    ]);
    expect(
      selectNominations({
        quota: 0,
        rules: [rule("女", "gender", ["女"], "at_least", 0.5)],
        candidates: ranked(F),
      }),
    ).toEqual({
      quota: 0,
      selected: [],
      skipped: [],
      unmet: [],
    });
  });
});

describe("rules met exactly", () => {
  it("skips down the ranking just enough to meet an at-least rule", () => {
    // 女 ≥ 50% of 4 = 2: the two best men, then the women.
    const s = selectNominations({
      quota: 4,
      rules: [rule("女性不少于50%", "gender", ["female"], "at_least", 0.5)],
      candidates: ranked(M, M, M, M, F, M, F, F),
    });
    expect(refs(s.selected)).toEqual(["C01", "C02", "C05", "C07"]);
    expect(s.skipped).toEqual([
      { ref: "C03", rank: 3, reason: { rule: 0, ruleLabel: "女性不少于50%", kind: "at_least", limit: 2 } },
      { ref: "C04", rank: 4, reason: { rule: 0, ruleLabel: "女性不少于50%", kind: "at_least", limit: 2 } },
      { ref: "C06", rank: 6, reason: { rule: 0, ruleLabel: "女性不少于50%", kind: "at_least", limit: 2 } },
    ]);
    expect(s.unmet).toEqual([]);
  });

  it("keeps an at-most rule exact: share 0.1 of 33 allows 3", () => {
    const official = { occupation_group: "机关干部" };
    const worker = { occupation_group: "一线职工" };
    const candidates = ranked(...Array<Attributes>(10).fill(official), ...Array<Attributes>(40).fill(worker));
    const s = selectNominations({
      quota: 33,
      rules: [rule("机关干部不超过10%", "occupation_group", ["official"], "at_most", 0.1)],
      candidates,
    });
    expect(refs(s.selected).slice(0, 4)).toEqual(["C01", "C02", "C03", "C11"]);
    expect(s.selected).toHaveLength(33);
    expect(s.skipped.map((k) => [k.ref, k.reason.kind, k.reason.limit])).toEqual(
      ["C04", "C05", "C06", "C07", "C08", "C09", "C10"].map((ref) => [ref, "at_most", 3]),
    );
  });

  it("requires exactly ⌈0.7·10⌉ = 7 and ⌈0.22·77⌉ = 17, not one more", () => {
    const s10 = selectNominations({
      quota: 10,
      rules: [rule("女", "gender", ["女"], "at_least", 0.7)],
      candidates: ranked(...Array(10).fill(M), ...Array(10).fill(F)),
    });
    expect(s10.selected.filter((e) => e.rank > 10)).toHaveLength(7);
    const migrant = { migrant: "是" };
    const local = { migrant: "否" };
    const s77 = selectNominations({
      quota: 77,
      rules: [rule("农民工", "migrant", ["yes"], "at_least", 0.22)],
      candidates: ranked(...Array(100).fill(local), ...Array(30).fill(migrant)),
    });
    expect(s77.selected.filter((e) => e.rank > 100)).toHaveLength(17);
    expect(s77.selected.filter((e) => e.rank <= 100)).toHaveLength(60);
  });

  it("finds the one candidate who counts for two rules at once, where counting each rule alone would not", () => {
    // Q = 3, 女 ≥ ⌈0.3·3⌉ = 1 and 农民工 ≥ 1. After C01 two places remain, and per-rule counting
    // sees a woman (C05) and a migrant (C06) below C02 — but only C04 is both.
    const rules = [
      rule("女", "gender", ["女"], "at_least", 0.3),
      rule("农民工", "migrant", ["是"], "at_least", 0.3),
    ];
    const both = { gender: "女", migrant: "是" };
    const man = { gender: "男", migrant: "否" };
    const woman = { gender: "女", migrant: "否" };
    const migrantMan = { gender: "男", migrant: "是" };
    const withBoth = selectNominations({
      quota: 3,
      rules,
      candidates: ranked(man, man, man, both, woman, migrantMan),
    });
    expect(refs(withBoth.selected)).toEqual(["C01", "C02", "C04"]);
    expect(refs(withBoth.skipped)).toEqual(["C03"]);

    // Without C04, taking C02 would leave one place for two rules: per-rule counting would take it.
    const without = selectNominations({
      quota: 3,
      rules,
      candidates: ranked(man, man, man, woman, migrantMan),
    });
    expect(refs(without.selected)).toEqual(["C01", "C04", "C05"]);
    expect(refs(without.skipped)).toEqual(["C02", "C03"]);
    // Reason: the first rule without which C02 would have fitted.
    expect(without.skipped[0].reason).toEqual({ rule: 0, ruleLabel: "女", kind: "at_least", limit: 1 });
    expect(without.unmet).toEqual([]);
  });

  it("counts a rule's values in either spelling", () => {
    const rules = [rule("一线职工", "occupation_group", ["一线职工", "technical"], "at_least", 0.5)];
    const s = selectNominations({
      quota: 2,
      rules,
      candidates: ranked(
        { occupation_group: "manager" },
        { occupation_group: "other" },
        { occupation_group: "专业技术人员" },
      ),
    });
    expect(refs(s.selected)).toEqual(["C01", "C03"]);
  });

  it("never counts a nominee without the attribute", () => {
    const s = selectNominations({
      quota: 1,
      rules: [rule("女", "gender", ["女"], "at_least", 1)],
      candidates: ranked({}, F),
    });
    expect(refs(s.selected)).toEqual(["C02"]);
  });
});

describe("when no list meets every rule", () => {
  it("fills as many at-least places as it can and reports the rest", () => {
    // 女 ≥ 75% of 4 = 3, but only two women: both, plus the two best men.
    const s = selectNominations({
      quota: 4,
      rules: [rule("女性不少于75%", "gender", ["女"], "at_least", 0.75)],
      candidates: ranked(M, M, M, F, M, F),
    });
    expect(refs(s.selected)).toEqual(["C01", "C02", "C04", "C06"]);
    expect(s.unmet).toEqual([{ rule: "女性不少于75%", required: 3, selected: 2 }]);
  });

  it("never breaks an at-most rule, even if the list stays short", () => {
    // 机关事业 ≤ ⌊0.25·4⌋ = 1, and only two others: three entries.
    const pub = { sector: "机关事业单位" };
    const other = { sector: "国有企业" };
    const s = selectNominations({
      quota: 4,
      rules: [rule("机关事业≤25%", "sector", ["public_institution"], "at_most", 0.25)],
      candidates: ranked(pub, pub, other, pub, other),
    });
    expect(refs(s.selected)).toEqual(["C01", "C03", "C05"]);
    expect(s.skipped.map((k) => [k.ref, k.reason.kind])).toEqual([
      ["C02", "at_most"],
      ["C04", "at_most"],
    ]);
    expect(s.unmet).toEqual([]);
  });

  it("puts the fewest unfilled at-least places before the length of the list", () => {
    // Q = 3: A ≥ 1, B ≤ 1, C ≤ 1. {y, z} is longer but leaves A unmet; {x} meets A.
    const rules = [
      rule("A", "a", ["1"], "at_least", 0.3),
      rule("B", "b", ["1"], "at_most", 0.34),
      rule("C", "c", ["1"], "at_most", 0.34),
    ];
    const s = selectNominations({
      quota: 3,
      rules,
      candidates: ranked({ b: "1" }, { c: "1" }, { a: "1", b: "1", c: "1" }),
    });
    expect(refs(s.selected)).toEqual(["C03"]);
    expect(s.skipped.map((k) => [k.ref, k.reason.ruleLabel, k.reason.kind])).toEqual([
      ["C01", "A", "at_least"],
      ["C02", "A", "at_least"],
    ]);
  });

  it("counts the shortfall in total and prefers the better-ranked list among the equally short ones", () => {
    // 女 ≥ 2 and 农民工 ≥ 2 of 2 places, nobody both: every list of two leaves 2 places unfilled,
    // whether split 1 + 1 (C02, C04) or 0 + 2 (C02, C03); the better-ranked one wins.
    const rules = [
      rule("女", "gender", ["女"], "at_least", 1),
      rule("农民工", "migrant", ["是"], "at_least", 1),
    ];
    const s = selectNominations({
      quota: 2,
      rules,
      candidates: ranked(
        { gender: "男", migrant: "否" },
        { gender: "女", migrant: "否" },
        { gender: "女", migrant: "否" },
        { gender: "男", migrant: "是" },
      ),
    });
    expect(refs(s.selected)).toEqual(["C02", "C03"]);
    expect(refs(s.skipped)).toEqual(["C01"]);
    expect(s.unmet).toEqual([{ rule: "农民工", required: 2, selected: 0 }]);
  });
});

describe("fewer candidates than the quota", () => {
  it("applies the shares to the list that can exist", () => {
    // Quota 10, five candidates: 机关干部 ≤ ⌊0.2·5⌋ = 1 (not ⌊0.2·10⌋ = 2).
    const official = { occupation_group: "official" };
    const worker = { occupation_group: "frontline" };
    const s = selectNominations({
      quota: 10,
      rules: [rule("机关干部≤20%", "occupation_group", ["official"], "at_most", 0.2)],
      candidates: ranked(official, official, worker, worker, worker),
    });
    expect(s.quota).toBe(10);
    expect(refs(s.selected)).toEqual(["C01", "C03", "C04", "C05"]);
    expect(s.skipped.map((k) => [k.ref, k.reason.limit])).toEqual([["C02", 1]]);
  });

  it("reports an at-least rule against the scaled requirement", () => {
    // Quota 10, four candidates, 女 ≥ ⌈0.5·4⌉ = 2: one woman only.
    const s = selectNominations({
      quota: 10,
      rules: [rule("女≥50%", "gender", ["女"], "at_least", 0.5)],
      candidates: ranked(M, M, M, F),
    });
    expect(refs(s.selected)).toEqual(["C01", "C02", "C03", "C04"]);
    expect(s.unmet).toEqual([{ rule: "女≥50%", required: 2, selected: 1 }]);
  });
});

describe("skip reasons in words", () => {
  it("says which rule, which way and the limit", () => {
    const atMost = { rule: 0, ruleLabel: "机关事业≤10%", kind: "at_most", limit: 3 } as const;
    const atLeast = { rule: 1, ruleLabel: "一线职工≥22%", kind: "at_least", limit: 17 } as const;
    const words = (r: typeof atMost | typeof atLeast, locale: "zh-CN" | "en") => {
      const m = skipReasonMessage(r);
      return translate(locale, m.key, m.params);
    };
    expect(words(atMost, "zh-CN")).toBe("选入将超出「机关事业≤10%」（至多 3 名）");
    expect(words(atLeast, "zh-CN")).toBe("选入将使「一线职工≥22%」（至少 17 名）无法满足");
    expect(words(atMost, "en")).toBe("taking it would exceed “机关事业≤10%” (at most 3)");
    expect(words(atLeast, "en")).toBe("taking it would leave “一线职工≥22%” (at least 17) short");
  });
});
