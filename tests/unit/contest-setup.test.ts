import { describe, expect, it } from "vitest";
import { periodCovers } from "~/domain/contest/period-cover";
import { CompetitionTemplateSchema } from "~/domain/competitions/template";
import { advanceRefusals, nextStage } from "~/domain/competitions/stages";

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
