import { describe, expect, it } from "vitest";
import { periodCovers } from "~/domain/contest/period-cover";
import { CompetitionTemplateSchema } from "~/domain/competitions/template";
import { advanceRefusals, nextStage } from "~/domain/competitions/stages";
import { readSetupForm, setupFormValues } from "~/domain/contest/setup-form";

describe("what a period covers (decision 024)", () => {
  it("runs from January 1 (then the day after the previous one) to the day before its window opens", () => {
    expect(
      periodCovers([
        { opens: "2018-04-01" },
        { opens: "2018-07-01" },
        { opens: "2018-10-01" },
        { opens: "2019-01-05" },
      ]),
    ).toEqual([
      { from: "2018-01-01", to: "2018-03-31" },
      { from: "2018-04-01", to: "2018-06-30" },
      { from: "2018-07-01", to: "2018-09-30" },
      { from: "2018-10-01", to: "2019-01-04" },
    ]);
  });

  it("crosses month ends and leap days", () => {
    expect(periodCovers([{ opens: "2020-03-01" }, { opens: "2020-03-02" }])).toEqual([
      { from: "2020-01-01", to: "2020-02-29" },
      { from: "2020-03-01", to: "2020-03-01" },
    ]);
  });

  it("covers nothing when the window opens on the day coverage would start", () => {
    const [first, second] = periodCovers([{ opens: "2018-01-01" }, { opens: "2018-02-01" }]);
    expect(first).toEqual({ from: "2018-01-01", to: "2017-12-31" });
    expect(second).toEqual({ from: "2018-01-01", to: "2018-01-31" });
  });
});

const base = { title: "t", year: 2018, organizer: "o", categories: [] };
const contest = {
  groups: ["A"],
  periods: [{ label: "Q1", opens: "2018-04-01", closes: "2018-04-10" }],
  indicators: [
    { code: "x", title: "X", unit: "项", aggregation: "sum", method: "bonus", per_unit: 1, max_points: 5 },
  ],
};

describe("the template's contest section", () => {
  it("is optional, and read with the scheme's rules when given", () => {
    expect(CompetitionTemplateSchema.parse(base).contest).toBeUndefined();
    const parsed = CompetitionTemplateSchema.parse({ ...base, contest });
    expect(parsed.contest!.indicators[0]).toMatchObject({ code: "x", cap: null, confidential: false });
  });

  it.each([
    [
      "a negative weight",
      { method: "target", weight: -1, per_unit: null, max_points: null },
      "weight",
      "contest.scheme.weightNegative",
    ],
    [
      "a rank without direction",
      { method: "rank", weight: 5, per_unit: null, max_points: null },
      "direction",
      "contest.scheme.rankDirection",
    ],
    ["a bonus without max_points", { max_points: null }, "max_points", "contest.scheme.bonusPoints"],
  ])("refuses %s, naming the field", (_, change, field, key) => {
    const bad = { ...contest, indicators: [{ ...contest.indicators[0], ...change }] };
    const r = CompetitionTemplateSchema.safeParse({ ...base, contest: bad });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([
      `contest.indicators.0.${field}`,
      key,
    ]);
  });

  it("refuses overlapping periods", () => {
    const periods = [...contest.periods, { label: "Q2", opens: "2018-04-10", closes: "2018-04-20" }];
    const r = CompetitionTemplateSchema.safeParse({ ...base, contest: { ...contest, periods } });
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["contest.periods.1", "contest.scheme.periodsOverlap"],
    ]);
  });

  it("takes running dates only with a contest", () => {
    const stages = { running: ["2018-01-01", "2018-12-31"] };
    expect(CompetitionTemplateSchema.safeParse({ ...base, stages }).success).toBe(false);
    expect(CompetitionTemplateSchema.safeParse({ ...base, stages, contest }).success).toBe(true);
  });
});

describe("advancing through running", () => {
  const facts = {
    categories: [{ name: "c", criteria: 1, allocations: 1, quota: 1 }],
    submitted: 0,
    undecided: 0,
    eligible: 0,
  };
  it("goes through running only with a contest", () => {
    expect(nextStage("draft", true)).toBe("running");
    expect(nextStage("draft", false)).toBe("nominating");
    expect(nextStage("running", true)).toBe("nominating");
  });
  it("refuses draft → running on an incomplete scheme, and nothing on leaving running", () => {
    expect(
      advanceRefusals({ ...facts, stage: "draft", contest: { groups: 0, periods: 1, indicators: 0 } }).map(
        (r) => r.messageKey,
      ),
    ).toEqual(["contest.scheme.noGroups", "contest.scheme.noIndicators"]);
    expect(advanceRefusals({ ...facts, stage: "running" })).toEqual([]);
  });
});

describe("the set-up form", () => {
  const form = (extra: Record<string, string> = {}) => ({
    groups: "省属国企组 | 3\n\n市总工会组\n",
    period_rows: "3",
    period_label_0: "Q1",
    period_opens_0: "2018-04-01",
    period_closes_0: "2018-04-10",
    period_label_1: "Q2",
    period_opens_1: "2018-07-01",
    period_closes_1: "2018-07-10",
    period_remove_1: "on",
    ind_rows: "3",
    ind_code_0: "invest",
    ind_title_0: "投入",
    ind_unit_0: "万元",
    ind_aggregation_0: "sum",
    ind_method_0: "target",
    ind_weight_0: "30",
    ind_cap_0: "1.2",
    ind_confidential_0: "on",
    // A spare row: its selects post their first choice, nothing was typed.
    ind_aggregation_2: "sum",
    ind_method_2: "target",
    ...extra,
  });

  it("reads groups with their top N, skips blank and removed rows", () => {
    const r = readSetupForm(form());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scheme.groups).toEqual(["省属国企组", "市总工会组"]);
    expect([...r.topN]).toEqual([
      ["省属国企组", 3],
      ["市总工会组", null],
    ]);
    expect(r.scheme.periods.map((p) => p.label)).toEqual(["Q1"]);
    expect(r.scheme.indicators).toHaveLength(1);
    expect(r.scheme.indicators[0]).toMatchObject({ weight: 30, cap: 1.2, confidential: true });
  });

  it("puts each refusal on the field of its row", () => {
    const r = readSetupForm(
      form({
        ind_code_2: "jobs",
        ind_title_2: "就业",
        ind_unit_2: "人",
        ind_method_2: "rank",
        ind_weight_2: "-1",
        ind_cap_0: "abc",
        period_closes_0: "2018-03-01",
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.ind_cap_0).toEqual({ key: "contestSetup.notANumber" });
    expect(r.errors.ind_weight_2?.key).toBe("contest.scheme.weightNegative");
    expect(r.errors.ind_direction_2?.key).toBe("contest.scheme.rankDirection");
    expect(r.errors.period_closes_0?.key).toBe("contest.scheme.periodDates");
  });

  it("gives back a stored scheme as the form's values", () => {
    const r = readSetupForm(form());
    if (!r.ok) throw new Error("form refused");
    const values = setupFormValues({ ...r.scheme, topN: { 省属国企组: 3 } }, 2);
    expect(values.groups).toBe("省属国企组 | 3\n市总工会组");
    expect(values.period_rows).toBe("3");
    const again = readSetupForm(values);
    expect(again.ok && again.scheme).toEqual(r.scheme);
  });
});
