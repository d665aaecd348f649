import { describe, expect, it } from "vitest";
import { translate } from "~/i18n";
import { ContestSchemeSchema } from "~/domain/contest/scheme-schema";
import { schemeProblems } from "~/domain/contest/scheme-problems";

/** The template's example section (docs/domain.md#contest). */
const example = () => ({
  groups: ["省属国企组", "市总工会组"],
  periods: [
    { label: "2018Q1", opens: "2018-04-01", closes: "2018-04-10" },
    { label: "2018Q2", opens: "2018-07-01", closes: "2018-07-10" },
  ],
  indicators: [
    {
      code: "invest",
      title: "帮扶投入",
      unit: "万元",
      aggregation: "sum",
      method: "target",
      weight: 30,
      cap: 1.2,
    } as Record<string, unknown>,
    {
      code: "households",
      title: "帮扶贫困户",
      unit: "户",
      aggregation: "sum",
      method: "rank",
      weight: 20,
      direction: "higher",
      measure: "households_helped",
    },
    {
      code: "award",
      title: "获上级表彰",
      unit: "项",
      aggregation: "sum",
      method: "bonus",
      per_unit: 2,
      max_points: 5,
    },
    { code: "accident", title: "重大安全事故", unit: "起", aggregation: "sum", method: "veto" },
  ],
});

type Scheme = ReturnType<typeof example>;

function problems(change: (s: Scheme) => void) {
  const scheme = example();
  change(scheme);
  const parsed = ContestSchemeSchema.safeParse(scheme);
  return parsed.success ? [] : schemeProblems(parsed.error).map((p) => [p.path, p.key, p.params]);
}

describe("the contest section of a competition template", () => {
  it("reads the example with its defaults", () => {
    const scheme = ContestSchemeSchema.parse(example());
    expect(scheme.indicators[0]).toEqual({
      code: "invest",
      title: "帮扶投入",
      unit: "万元",
      aggregation: "sum",
      method: "target",
      weight: 30,
      cap: 1.2,
      direction: null,
      per_unit: null,
      max_points: null,
      measure: null,
      confidential: false,
    });
    expect(scheme.indicators[1].measure).toBe("households_helped");
    expect(scheme.indicators[3]).toMatchObject({ method: "veto", weight: null, cap: null });
  });

  it("caps a target at 100 % unless told otherwise", () => {
    const scheme = ContestSchemeSchema.parse({
      ...example(),
      indicators: [{ ...example().indicators[0], cap: undefined }],
    });
    expect(scheme.indicators[0].cap).toBe(1);
  });

  it("refuses a negative weight", () => {
    expect(problems((s) => (s.indicators[0].weight = -5))).toEqual([
      ["indicators.0.weight", "contest.scheme.weightNegative", {}],
    ]);
  });

  it("refuses a target or rank without a weight", () => {
    expect(problems((s) => delete s.indicators[0].weight)).toEqual([
      ["indicators.0.weight", "contest.scheme.weightRequired", { code: "invest", method: "target" }],
    ]);
  });

  it("refuses a rank without a direction, or with an unknown one", () => {
    expect(problems((s) => delete s.indicators[1].direction)).toEqual([
      ["indicators.1.direction", "contest.scheme.rankDirection", { code: "households", method: "rank" }],
    ]);
    expect(problems((s) => (s.indicators[1].direction = "up"))).toEqual([
      ["indicators.1.direction", "contest.scheme.direction", {}],
    ]);
  });

  it("refuses a bonus or a deduction without per_unit or max_points", () => {
    expect(problems((s) => delete s.indicators[2].per_unit)).toEqual([
      ["indicators.2.per_unit", "contest.scheme.bonusPoints", { code: "award", method: "bonus" }],
    ]);
    expect(
      problems((s) => {
        s.indicators[2].method = "deduction";
        delete s.indicators[2].max_points;
      }),
    ).toEqual([
      ["indicators.2.max_points", "contest.scheme.bonusPoints", { code: "award", method: "deduction" }],
    ]);
  });

  it("refuses a field its method would ignore", () => {
    expect(problems((s) => (s.indicators[2].weight = 10))).toEqual([
      [
        "indicators.2.weight",
        "contest.scheme.notForMethod",
        { code: "award", method: "bonus", field: "weight" },
      ],
    ]);
    expect(problems((s) => (s.indicators[3].direction = "higher"))).toEqual([
      [
        "indicators.3.direction",
        "contest.scheme.notForMethod",
        { code: "accident", method: "veto", field: "direction" },
      ],
    ]);
  });

  it("refuses a cap below 1, an unknown method, aggregation, measure or field", () => {
    expect(problems((s) => (s.indicators[0].cap = 0.8))).toEqual([
      ["indicators.0.cap", "contest.scheme.cap", {}],
    ]);
    expect(problems((s) => (s.indicators[0].method = "score"))).toEqual([
      ["indicators.0.method", "contest.scheme.method", {}],
    ]);
    expect(problems((s) => (s.indicators[0].aggregation = "mean"))).toEqual([
      ["indicators.0.aggregation", "contest.scheme.aggregation", {}],
    ]);
    expect(problems((s) => (s.indicators[1].measure = "trees_planted"))).toEqual([
      ["indicators.1.measure", "contest.scheme.measure", {}],
    ]);
    expect(problems((s) => (s.indicators[2]["per-unit"] = 2))).toEqual([
      ["indicators.2", "contest.scheme.unknownField", {}],
    ]);
  });

  it("refuses duplicate codes, labels and groups, naming them", () => {
    expect(problems((s) => (s.indicators[2].code = "invest"))).toEqual([
      ["indicators.2", "contest.scheme.duplicateCode", { code: "invest" }],
    ]);
    expect(problems((s) => (s.periods[1].label = "2018Q1"))).toEqual([
      ["periods.1", "contest.scheme.duplicatePeriod", { label: "2018Q1" }],
    ]);
    expect(problems((s) => s.groups.push("省属国企组"))).toEqual([
      ["groups.2", "contest.scheme.duplicateGroup", { group: "省属国企组" }],
    ]);
    expect(problems((s) => (s.indicators[0].code = "帮扶"))).toEqual([
      ["indicators.0.code", "contest.scheme.code", {}],
    ]);
  });

  it("refuses overlapping or unordered reporting windows, and a window that closes before it opens", () => {
    expect(problems((s) => (s.periods[1].opens = "2018-04-10"))).toEqual([
      ["periods.1", "contest.scheme.periodsOverlap", { label: "2018Q2", other: "2018Q1" }],
    ]);
    expect(problems((s) => s.periods.reverse())).toEqual([
      ["periods.1", "contest.scheme.periodOrder", { label: "2018Q1", other: "2018Q2" }],
    ]);
    expect(problems((s) => (s.periods[0].closes = "2018-03-31"))).toEqual([
      ["periods.0.closes", "contest.scheme.periodDates", {}],
    ]);
    expect(problems((s) => (s.periods[0].opens = "2018-02-30"))).toEqual([
      ["periods.0.opens", "form.date", {}],
    ]);
  });

  it("refuses an empty scheme", () => {
    expect(problems((s) => (s.groups = [])).map((p) => p[1])).toEqual(["contest.scheme.noGroups"]);
    expect(problems((s) => (s.periods = [])).map((p) => p[1])).toEqual(["contest.scheme.noPeriods"]);
    expect(problems((s) => (s.indicators = [])).map((p) => p[1])).toEqual(["contest.scheme.noIndicators"]);
  });

  it("words every refusal in both languages", () => {
    const [, key, params] = problems((s) => (s.periods[1].opens = "2018-04-10"))[0] as [
      string,
      "contest.scheme.periodsOverlap",
      Record<string, string>,
    ];
    expect(translate("zh-CN", key, params)).toBe("考核周期「2018Q2」与「2018Q1」的填报时间重叠。");
    expect(translate("en", key, params)).toBe(
      "The reporting windows of periods “2018Q2” and “2018Q1” overlap.",
    );
  });
});
