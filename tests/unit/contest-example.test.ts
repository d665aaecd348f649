import { describe, expect, it } from "vitest";
import { periodBoard, type BoardEntry } from "~/domain/contest/board";
import { buildContestTable, provisionalFor } from "~/domain/contest/table";
import { standingsJson } from "~/domain/contest/standings-json";
import type { ContestData, ValueRow } from "~/domain/contest/types";
import { ContestSchemeSchema } from "~/domain/contest/scheme-schema";

/*
 * A hand-worked contest (docs/domain.md#contest). Every expected figure below was computed by hand
 * from the rules, written out in the comments, not taken from the code.
 *
 * Indicators, in scheme order:
 *   invest    target, sum,    w 30, cap 1.2       year target 100 → 50 a quarter
 *   hh        rank,   sum,    w 20, higher
 *   award     bonus,  sum,    2 a unit, at most 5
 *   complaint deduction, sum, 1 a unit, at most 3
 *   accident  veto,   sum
 *   villages  target, latest, w 10, cap 1         year target 10 → 10 every quarter (秦川 Q2: 20)
 */
const scheme = ContestSchemeSchema.parse({
  groups: ["省属国企组", "市总工会组"],
  periods: [
    { label: "Q1", opens: "2018-04-01", closes: "2018-04-10" },
    { label: "Q2", opens: "2018-07-01", closes: "2018-07-10" },
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
    },
    {
      code: "hh",
      title: "帮扶户数",
      unit: "户",
      aggregation: "sum",
      method: "rank",
      weight: 20,
      direction: "higher",
    },
    {
      code: "award",
      title: "获表彰",
      unit: "项",
      aggregation: "sum",
      method: "bonus",
      per_unit: 2,
      max_points: 5,
    },
    {
      code: "complaint",
      title: "投诉",
      unit: "起",
      aggregation: "sum",
      method: "deduction",
      per_unit: 1,
      max_points: 3,
    },
    { code: "accident", title: "安全事故", unit: "起", aggregation: "sum", method: "veto" },
    { code: "villages", title: "覆盖村数", unit: "个", aggregation: "latest", method: "target", weight: 10 },
  ],
});

const [U1, U2, U3, U4, U5, U6, U7] = [1, 2, 3, 4, 5, 6, 7];
const NAMES: Record<number, string> = {
  [U1]: "陕煤集团",
  [U2]: "延长石油",
  [U3]: "陕西建工",
  [U4]: "法士特",
  [U5]: "秦川机床",
  [U6]: "西安市总工会",
  [U7]: "宝鸡市总工会",
};

// org → [invest, hh, award, complaint, accident, villages]; null = not reported.
type Row = (number | null)[];
const Q1: Record<number, Row> = {
  [U1]: [50, 30, 1, 0, 0, 5],
  [U2]: [60, 30, 0, 1, 0, 4],
  [U3]: [40, 20, 3, 0, 1, 10],
  [U4]: [80, 30, 0, 0, 0, 1],
  [U5]: [50, null, 1, 0, 0, 5],
};
const Q2: Record<number, Row> = {
  [U1]: [50, 20, 0, 0, 0, 7],
  [U2]: [40, 25, 2, 0, 0, 6],
  [U3]: [50, 20, 0, 0, 0, 7],
  [U4]: [100, 25, 0, 2, 0, 10],
  [U5]: [50, 20, 0, 0, 0, 14],
  [U6]: [40, 5, 0, 0, 0, 3],
  [U7]: [60, 50, 1, 0, 0, 10],
};
const codes = scheme.indicators.map((i) => i.code);

function rows(
  period: string,
  table: Record<number, Row>,
  status: ValueRow["status"] = "verified",
): ValueRow[] {
  return Object.entries(table).flatMap(([org, row]) =>
    row.flatMap((value, i) =>
      value === null ? [] : [{ orgId: Number(org), period, indicator: codes[i], value, status }],
    ),
  );
}

const data: ContestData = {
  groups: scheme.groups,
  periods: scheme.periods,
  indicators: scheme.indicators,
  participants: [U1, U2, U3, U4, U5, U6, U7].map((orgId) => ({
    orgId,
    name: NAMES[orgId],
    group: orgId >= U6 ? "市总工会组" : "省属国企组",
    disqualified: orgId === U7,
  })),
  targets: [
    ...[U1, U2, U3, U4, U5, U7].map((orgId) => ({ orgId, indicator: "invest", period: null, target: 100 })),
    ...[U1, U2, U3, U4, U5, U6, U7].map((orgId) => ({
      orgId,
      indicator: "villages",
      period: null,
      target: 10,
    })),
    { orgId: U5, indicator: "villages", period: "Q2", target: 20 },
  ],
  values: [...rows("Q1", Q1), ...rows("Q2", Q2)],
};

const brief = (entries: BoardEntry[]) =>
  entries.map((e) => [e.name, e.total, e.rank, e.tied, e.vetoed, e.disqualified]);

describe("the hand-worked contest", () => {
  const table = buildContestTable(data);
  const q1 = periodBoard(table, "Q1");
  const q2 = periodBoard(table, "Q2");
  const [soe1, soe2] = [q1.groups[0], q2.groups[0]];

  it("Q1 alone: a veto, a three-way rank tie, the cap, and a total tie broken by the first indicator", () => {
    // invest T 50: 陕煤 50 → 30; 延长 60 → 30·1.2 = 36; 陕西建工 40 → 24; 法士特 80 → capped 36; 秦川 50 → 30.
    // hh: 陕西建工 vetoed, 秦川 no value; 陕煤, 延长, 法士特 all 30 → rank 1 of n 3 → 20·2/2 = 20 each.
    // award 2 each: 陕煤 2, 陕西建工 min(5, 6) = 5, 秦川 2. complaint: 延长 −1.
    // villages T 10: 5, 4, 10, 1, 5.
    // totals: 陕煤 57, 延长 59, 陕西建工 39 (vetoed), 法士特 36+20+1 = 57, 秦川 37.
    // 法士特 and 陕煤 tie on 57; invest 36 > 30 puts 法士特 ahead, not tied.
    expect(brief(soe1.period.entries)).toEqual([
      ["延长石油", 59, 1, false, false, false],
      ["法士特", 57, 2, false, false, false],
      ["陕煤集团", 57, 3, false, false, false],
      ["秦川机床", 37, 4, false, false, false],
      ["陕西建工", 39, null, false, true, false],
    ]);
    expect(soe1.period.entries[1].points).toEqual([36, 20, 0, 0, 0, 1]);
    expect(soe1.period.entries[4].vetoedBy).toEqual(["accident"]);
    // k = 1: the cumulative standing is the period's.
    expect(brief(soe1.cumulative.entries)).toEqual(brief(soe1.period.entries));
  });

  it("Q2 alone: a full tie shares rank 3 and is listed by name in Chinese order", () => {
    // invest: 30, 24, 30, 36 (100/50 capped), 30. hh (n 5): 延长 25, 法士特 25 → rank 1 → 20;
    // 陕煤, 陕西建工, 秦川 20 → rank 3 → 20·2/4 = 10. award: 延长 4. complaint: 法士特 −2.
    // villages: 7, 6, 7, 10, 秦川 14 of 20 → 7.
    // totals: 法士特 36+20−2+10 = 64; 延长 24+20+4+6 = 54; 陕煤 = 陕西建工 = 秦川 = 30+10+7 = 47.
    expect(brief(soe2.period.entries)).toEqual([
      ["法士特", 64, 1, false, false, false],
      ["延长石油", 54, 2, false, false, false],
      ["秦川机床", 47, 3, true, false, false],
      ["陕煤集团", 47, 3, true, false, false],
      ["陕西建工", 47, 3, true, false, false],
    ]);
    // movement since Q1 (period scope): 法士特 2 → 1, 延长 1 → 2, 秦川 4 → 3, 陕煤 3 → 3, 陕西建工 new.
    expect(soe2.period.entries.map((e) => e.movement)).toEqual([
      { kind: "up", by: 1 },
      { kind: "down", by: 1 },
      { kind: "up", by: 1 },
      { kind: "same" },
      { kind: "new" },
    ]);
    expect(soe1.period.entries.map((e) => e.movement)).toEqual([null, null, null, null, null]);
  });

  it("Q1–Q2 cumulative: sums, the latest value against the last target, and a veto that stays", () => {
    // invest T 100: 陕煤 100 → 30; 延长 100 → 30; 陕西建工 90 → 27; 法士特 180 → 36; 秦川 100 → 30.
    // accident: 陕西建工 1 → vetoed for the whole run.
    // hh sums: 陕煤 50, 延长 55, 法士特 55, 秦川 20 (Q2 only); n 4: 延长 = 法士特 rank 1 → 20,
    // 陕煤 rank 3 → 20/3 = 6.6667, 秦川 rank 4 → 0.
    // award sums: 陕煤 1 → 2, 延长 2 → 4, 陕西建工 3 → 5, 秦川 1 → 2. complaint: 延长 −1, 法士特 −2.
    // villages (latest, Q2 target): 7, 6, 7, 10, 7.
    // totals: 法士特 64; 延长 30+20+4−1+6 = 59; 陕煤 30+6.6667+2+7 = 45.6667; 秦川 39; 陕西建工 39 vetoed.
    expect(brief(soe2.cumulative.entries)).toEqual([
      ["法士特", 64, 1, false, false, false],
      ["延长石油", 59, 2, false, false, false],
      ["陕煤集团", 45.6667, 3, false, false, false],
      ["秦川机床", 39, 4, false, false, false],
      ["陕西建工", 39, null, false, true, false],
    ]);
    expect(soe2.cumulative.entries[2].points).toEqual([30, 6.6667, 2, 0, 0, 7]);
    expect(soe2.cumulative.entries.map((e) => e.movement)).toEqual([
      { kind: "up", by: 1 },
      { kind: "down", by: 1 },
      { kind: "same" },
      { kind: "same" },
      null,
    ]);
  });

  it("red flags: one per period to its rank 1, none where nobody reported", () => {
    expect(soe2.cumulative.entries.map((e) => [e.name, e.redFlags])).toEqual([
      ["法士特", ["Q2"]],
      ["延长石油", ["Q1"]],
      ["陕煤集团", []],
      ["秦川机床", []],
      ["陕西建工", []],
    ]);
    // 市总工会组 reported nothing in Q1: 西安 is rank 1 with 0 points but wins no flag.
    expect(q1.groups[1].period.entries.map((e) => [e.name, e.rank, e.redFlags])).toEqual([
      ["西安市总工会", 1, []],
      ["宝鸡市总工会", null, []],
    ]);
  });

  it("a group of one: rank gives full weight at n = 1, no target gives 0, the disqualified unit comes last", () => {
    // 西安: invest 40 with no target → 0; hh alone (宝鸡 disqualified) → n 1 → 20; villages 3 → 3.
    // 宝鸡 (disqualified): invest 60 → 36, hh excluded → 0, award 2, villages 10 → 48, unranked.
    const city = q2.groups[1].period.entries;
    expect(brief(city)).toEqual([
      ["西安市总工会", 23, 1, false, false, false],
      ["宝鸡市总工会", 48, null, false, false, true],
    ]);
    expect(city[0].noTarget).toEqual(["invest"]);
    expect(city[0].redFlags).toEqual(["Q2"]);
  });

  it("prints the standings document of the command line", () => {
    expect(standingsJson(q2, "cumulative", "省属国企组")).toEqual({
      period: "Q2",
      scope: "cumulative",
      groups: [
        {
          group: "省属国企组",
          entries: [
            {
              org: "法士特",
              points: 64,
              rank: 1,
              tied: false,
              vetoed: false,
              disqualified: false,
              red_flags: ["Q2"],
              by_indicator: { invest: 36, hh: 20, award: 0, complaint: -2, accident: 0, villages: 10 },
            },
            {
              org: "延长石油",
              points: 59,
              rank: 2,
              tied: false,
              vetoed: false,
              disqualified: false,
              red_flags: ["Q1"],
              by_indicator: { invest: 30, hh: 20, award: 4, complaint: -1, accident: 0, villages: 6 },
            },
            {
              org: "陕煤集团",
              points: 45.6667,
              rank: 3,
              tied: false,
              vetoed: false,
              disqualified: false,
              red_flags: [],
              by_indicator: { invest: 30, hh: 6.6667, award: 2, complaint: 0, accident: 0, villages: 7 },
            },
            {
              org: "秦川机床",
              points: 39,
              rank: 4,
              tied: false,
              vetoed: false,
              disqualified: false,
              red_flags: [],
              by_indicator: { invest: 30, hh: 0, award: 2, complaint: 0, accident: 0, villages: 7 },
            },
            {
              org: "陕西建工",
              points: 39,
              rank: null,
              tied: false,
              vetoed: true,
              disqualified: false,
              red_flags: [],
              by_indicator: { invest: 27, hh: 0, award: 5, complaint: 0, accident: 0, villages: 7 },
            },
          ],
        },
      ],
    });
  });

  it("a provisional standing adds the unit's own submitted values, and only its own", () => {
    // 秦川 submits hh 40 for Q1 (not yet verified) and so does 陕煤 (another unit: not counted).
    const submitted: ValueRow[] = [
      { orgId: U5, period: "Q1", indicator: "hh", value: 40, status: "submitted" },
    ];
    const withDrafts = { ...data, values: [...data.values, ...submitted] };
    const official = periodBoard(buildContestTable(withDrafts), "Q1").groups[0].period;
    const mine = periodBoard(buildContestTable(withDrafts, provisionalFor(U5)), "Q1").groups[0].period;
    expect(official.entries.find((e) => e.orgId === U5)?.total).toBe(37);
    // 秦川 40 leads hh alone (n 4): 20; the three at 30 share rank 2 → 20·2/3 = 13.3333.
    // 秦川 30+20+2+5 = 57; 延长 36+13.3333−1+4 = 52.3333.
    expect(mine.entries.map((e) => [e.name, e.total, e.rank])).toEqual([
      ["秦川机床", 57, 1],
      ["延长石油", 52.3333, 2],
      ["法士特", 50.3333, 3],
      ["陕煤集团", 50.3333, 4],
      ["陕西建工", 39, null],
    ]);
  });
});
