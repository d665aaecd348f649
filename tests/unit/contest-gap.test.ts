import fc from "fast-check";
import { describe, expect, it } from "vitest";
import "../support/fuzz-seed";
import { computeStanding } from "~/domain/contest/standing";
import { gapToNextPlace } from "~/domain/contest/gap";
import { buildContestTable } from "~/domain/contest/table";
import type { ContestScope } from "~/domain/contest/scheme";
import type { ContestIndicator } from "~/domain/contest/scheme-schema";
import type { ContestData, ValueRow } from "~/domain/contest/types";

const base = { unit: "项", measure: null, confidential: false } as const;
const none = { weight: null, cap: null, direction: null, per_unit: null, max_points: null } as const;
const target = (
  code: string,
  weight: number,
  cap = 1,
  aggregation: "sum" | "latest" = "sum",
): ContestIndicator => ({
  ...base,
  ...none,
  code,
  title: code,
  aggregation,
  method: "target",
  weight,
  cap,
});
const rank = (code: string, weight: number, direction: "higher" | "lower" = "higher"): ContestIndicator => ({
  ...base,
  ...none,
  code,
  title: code,
  aggregation: "sum",
  method: "rank",
  weight,
  direction,
});
const bonus = (
  code: string,
  method: "bonus" | "deduction",
  perUnit: number,
  max: number,
): ContestIndicator => ({
  ...base,
  ...none,
  code,
  title: code,
  aggregation: "sum",
  method,
  per_unit: perUnit,
  max_points: max,
});
const veto = (code: string): ContestIndicator => ({
  ...base,
  ...none,
  code,
  title: code,
  aggregation: "sum",
  method: "veto",
});

const v = (orgId: number, period: string, indicator: string, value: number): ValueRow => ({
  orgId,
  period,
  indicator,
  value,
  status: "verified",
});

function contest(indicators: ContestIndicator[], values: ValueRow[], targets: ContestData["targets"] = []) {
  return {
    groups: ["组"],
    periods: [{ label: "P1" }, { label: "P2" }],
    indicators,
    participants: [1, 2, 3].map((orgId) => ({
      orgId,
      name: `单位${orgId}`,
      group: "组",
      disqualified: false,
    })),
    targets,
    values,
  };
}

describe("the gap to the next place, worked by hand", () => {
  // invest: target w 30, cap 1.2, T 50 a period; hh: rank w 20; award: bonus 2 a unit, at most 5;
  // complaint: deduction; accident: veto. P1 only.
  const indicators = [
    target("invest", 30, 1.2),
    rank("hh", 20),
    bonus("award", "bonus", 2, 5),
    bonus("complaint", "deduction", 1, 3),
    veto("accident"),
  ];
  const targets = [1, 2, 3].map((orgId) => ({ orgId, indicator: "invest", period: null, target: 100 }));
  // 1: invest 50 → 30, hh 30 (rank 1 of 3 → 20), award 0 → 50.
  // 2: invest 40 → 24, hh 20 (rank 2 → 10), award 1 → 2 → 36.
  // 3: invest 10 → 6,  hh 10 (rank 3 → 0),  award 0 → 6.
  const data = contest(
    indicators,
    [
      v(1, "P1", "invest", 50),
      v(1, "P1", "hh", 30),
      v(1, "P1", "award", 0),
      v(2, "P1", "invest", 40),
      v(2, "P1", "hh", 20),
      v(2, "P1", "award", 1),
      v(3, "P1", "invest", 10),
      v(3, "P1", "hh", 10),
    ],
    targets,
  );
  const table = buildContestTable(data);

  it("is null for the leader", () => {
    expect(gapToNextPlace(table, "组", "P1", "period", 1)).toBeNull();
  });

  it("says what each indicator alone would take", () => {
    // 2 lacks 50 − 36 = 14 points.
    // invest: 24 + 14 = 38 > 36 (the cap 1.2 · 30): cannot.
    // hh: passing 30 → rank 1 (20), and 1 falls to rank 2 (10): 2 has 46 > 40. Equalling 30 → both
    //     rank 1 (20 each): 2 has 46 < 50. So more than 10 more.
    // award: at most 5 points, 3 more than now: cannot. complaint, accident: more only hurts.
    expect(gapToNextPlace(table, "组", "P1", "period", 2)).toEqual({
      nextRank: 1,
      points: 14,
      byIndicator: [
        { code: "invest", closes: false, reason: "not_enough" },
        { code: "hh", closes: true, amount: 10, strict: true },
        { code: "award", closes: false, reason: "not_enough" },
        { code: "complaint", closes: false, reason: "deduction" },
        { code: "accident", closes: false, reason: "veto" },
      ],
    });
  });

  it("finds the exact amount of a target and a bonus, and a tie that the tie-break settles", () => {
    // 3 lacks 36 − 6 = 30. invest: 30 more points need A/T = 1.2 → A = 60 (50 more): 36 = 36 and
    // the tie-break (invest 36 > 24) puts 3 ahead. award: at most 5: cannot. hh: passing 20 gives
    // 3 10 points and 2 0 → 16 < 36: cannot.
    expect(gapToNextPlace(table, "组", "P1", "period", 3)).toEqual({
      nextRank: 2,
      points: 30,
      byIndicator: [
        { code: "invest", closes: true, amount: 50, strict: false },
        { code: "hh", closes: false, reason: "not_enough" },
        { code: "award", closes: false, reason: "not_enough" },
        { code: "complaint", closes: false, reason: "deduction" },
        { code: "accident", closes: false, reason: "veto" },
      ],
    });
  });

  it("says so when there is no target, or the unit is at its cap or its maximum", () => {
    const capped = contest(
      [target("invest", 10, 1), bonus("award", "bonus", 1, 2), rank("energy", 5, "lower")],
      [v(1, "P1", "invest", 100), v(1, "P1", "award", 0), v(2, "P1", "invest", 60), v(2, "P1", "award", 5)],
      [
        { orgId: 1, indicator: "invest", period: null, target: 100 },
        { orgId: 2, indicator: "invest", period: "P1", target: 50 },
      ],
    );
    // 1: invest 50/50 → 10, award 0 → 10. 2: invest 60/50 capped → 10, award 2 → 12. 3: nothing.
    // 1 lacks 2: invest is at its cap; award 2 more ties 12 on every indicator, which shares rank 1;
    // energy: nobody has a value, so reporting one (0, the best) gives 1 alone the full 5.
    const gap = gapToNextPlace(buildContestTable(capped), "组", "P1", "period", 1);
    expect(gap?.byIndicator).toEqual([
      { code: "invest", closes: false, reason: "at_cap" },
      { code: "award", closes: true, amount: 2, strict: false },
      { code: "energy", closes: true, amount: 0, strict: false },
    ]);
    const gap3 = gapToNextPlace(buildContestTable(capped), "组", "P1", "period", 3);
    expect(gap3?.byIndicator[0]).toEqual({ code: "invest", closes: false, reason: "no_target" });
  });

  it("never asks for more of an indicator where lower is better and the unit has a value", () => {
    // energy (lower, w 5): 2 reports 1 → rank 1 → 5; 1 reports 3 → rank 2 → 0. 1: 10, 2: 17.
    const data = contest(
      [target("invest", 10, 1), rank("energy", 5, "lower")],
      [v(1, "P1", "invest", 50), v(1, "P1", "energy", 3), v(2, "P1", "invest", 50), v(2, "P1", "energy", 1)],
      [1, 2].map((orgId) => ({ orgId, indicator: "invest", period: null, target: 100 })),
    );
    const gap = gapToNextPlace(buildContestTable(data), "组", "P1", "period", 1);
    expect(gap).toEqual({
      nextRank: 1,
      points: 5,
      byIndicator: [
        { code: "invest", closes: false, reason: "at_cap" },
        { code: "energy", closes: false, reason: "lower_is_better" },
      ],
    });
  });
});

/** Random small contests: one group, every method, both aggregations, values with holes. */
const indicatorArb = (i: number) =>
  fc.oneof(
    fc
      .tuple(
        fc.constantFrom(10, 20, 30),
        fc.constantFrom(1, 1.2),
        fc.constantFrom("sum" as const, "latest" as const),
      )
      .map(([w, cap, agg]) => target(`t${i}`, w, cap, agg)),
    fc
      .tuple(fc.constantFrom(10, 20), fc.constantFrom("higher" as const, "lower" as const), fc.boolean())
      .map(
        ([w, dir, latest]) =>
          ({ ...rank(`r${i}`, w, dir), aggregation: latest ? "latest" : "sum" }) as ContestIndicator,
      ),
    fc
      .tuple(
        fc.constantFrom("bonus" as const, "deduction" as const),
        fc.constantFrom(1, 2, 0.5),
        fc.constantFrom(3, 5),
      )
      .map(([method, p, m]) => bonus(`b${i}`, method, p, m)),
    fc.constant(veto(`v${i}`)),
  );

const contestArb = fc
  .record({
    participants: fc.integer({ min: 2, max: 6 }),
    periods: fc.integer({ min: 1, max: 3 }),
    indicatorCount: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(fc.integer({ min: -4, max: 25 }), { minLength: 300, maxLength: 300 }),
    scope: fc.constantFrom<ContestScope>("period", "cumulative"),
  })
  .chain((c) =>
    fc
      .tuple(...Array.from({ length: c.indicatorCount }, (_, i) => indicatorArb(i)))
      .map((indicators) => ({ ...c, indicators })),
  )
  .map(({ participants, periods, indicators, seed, scope }) => {
    let cursor = 0;
    const next = () => seed[cursor++ % seed.length];
    const labels = Array.from({ length: periods }, (_, k) => `P${k + 1}`);
    const values: ValueRow[] = [];
    const targets: ContestData["targets"][number][] = [];
    for (let orgId = 1; orgId <= participants; orgId++)
      for (const ind of indicators) {
        if (ind.method === "target" && next() > 0)
          targets.push({ orgId, indicator: ind.code, period: null, target: next() + 5 });
        for (const label of labels) {
          const x = next();
          if (x < 0) continue; // not reported
          const value = ind.method === "veto" ? (x > 22 ? 1 : 0) : x;
          values.push(v(orgId, label, ind.code, value));
        }
      }
    const data: ContestData = {
      groups: ["组"],
      periods: labels.map((label) => ({ label })),
      indicators,
      participants: Array.from({ length: participants }, (_, p) => ({
        orgId: p + 1,
        name: `单位${p + 1}`,
        group: "组",
        disqualified: p === 2 && next() > 20, // now and then a disqualified third unit
      })),
      targets,
      values,
    };
    return { data, period: labels[labels.length - 1], scope };
  });

/** The data with `amount` more of one indicator for one unit, in the scope's terms. */
function withMore(
  data: ContestData,
  orgId: number,
  code: string,
  period: string,
  scope: ContestScope,
  amount: number,
) {
  const indicator = data.indicators.find((i) => i.code === code)!;
  const table = buildContestTable(data);
  const entry = computeStanding(table, 0, table.periods.indexOf(period), scope).entries.find(
    (e) => e.orgId === orgId,
  )!;
  const actual = entry.actual[data.indicators.indexOf(indicator)] ?? 0;
  const replace = scope === "cumulative" && indicator.aggregation === "latest";
  const old = data.values.find((r) => r.orgId === orgId && r.period === period && r.indicator === code);
  const value = replace ? actual + amount : (old?.value ?? 0) + amount;
  return {
    ...data,
    values: [...data.values.filter((r) => r !== old), v(orgId, period, code, value)],
  };
}

function rankAfter(data: ContestData, orgId: number, period: string, scope: ContestScope) {
  const table = buildContestTable(data);
  return computeStanding(table, 0, table.periods.indexOf(period), scope).entries.find(
    (e) => e.orgId === orgId,
  )!.rank;
}

describe("the gap to the next place, checked by running the standings again", () => {
  it("closes the gap with the amount it names, not with less, and never where it says it cannot", () => {
    fc.assert(
      fc.property(contestArb, ({ data, period, scope }) => {
        const table = buildContestTable(data);
        const standing = computeStanding(table, 0, table.periods.indexOf(period), scope);
        for (const entry of standing.entries) {
          const gap = gapToNextPlace(table, "组", period, scope, entry.orgId);
          if (entry.rank === null || entry.rank === 1) {
            expect(gap).toBeNull();
            continue;
          }
          expect(gap).not.toBeNull();
          const reached = (amount: number, code: string) => {
            const after = withMore(data, entry.orgId, code, period, scope, amount);
            const r = rankAfter(after, entry.orgId, period, scope);
            return r !== null && r <= gap!.nextRank;
          };
          for (const g of gap!.byIndicator) {
            if (!g.closes) {
              expect(reached(1000, g.code), `${g.code} ${g.reason}`).toBe(false);
              continue;
            }
            expect(reached(g.amount + (g.strict ? 1e-3 : 0), g.code), g.code).toBe(true);
            if (g.strict) expect(reached(g.amount, g.code), g.code).toBe(false);
            else if (g.amount >= 1e-4) expect(reached(g.amount - 1e-4, g.code), g.code).toBe(false);
          }
        }
      }),
      { numRuns: 250 },
    );
  }, 60_000);
});
