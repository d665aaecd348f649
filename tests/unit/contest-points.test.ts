import { describe, expect, it } from "vitest";
import { pointsForRank, pointsOf, rankPoints } from "~/domain/contest/points";
import { roundPoints } from "~/domain/contest/rounding";
import { scopeValues } from "~/domain/contest/scope";
import { buildContestTable, provisionalFor } from "~/domain/contest/table";
import type { ContestIndicator } from "~/domain/contest/scheme-schema";
import type { ContestData, ValueRow } from "~/domain/contest/types";

const indicator = (over: Partial<ContestIndicator>): ContestIndicator => ({
  code: "x",
  title: "x",
  unit: "项",
  aggregation: "sum",
  method: "target",
  weight: null,
  cap: null,
  direction: null,
  per_unit: null,
  max_points: null,
  measure: null,
  confidential: false,
  ...over,
});

describe("points per method", () => {
  it("target: w · min(c, A / T), nothing without a target or a value", () => {
    const t = pointsOf(indicator({ method: "target", weight: 30, cap: 1.2 }));
    expect(t(25, 50)).toBe(15);
    expect(t(80, 50)).toBe(36); // capped at 1.2
    expect(t(80, NaN)).toBe(0); // no target
    expect(t(80, 0)).toBe(0);
    expect(t(NaN, 50)).toBe(0); // not reported
  });

  it("bonus and deduction: ±min(m, p · A)", () => {
    const b = pointsOf(indicator({ method: "bonus", per_unit: 2, max_points: 5 }));
    const d = pointsOf(indicator({ method: "deduction", per_unit: 1.5, max_points: 4 }));
    expect([b(1, NaN), b(2, NaN), b(3, NaN), b(NaN, NaN)]).toEqual([2, 4, 5, 0]);
    expect([d(1, NaN), d(2, NaN), d(3, NaN), d(0, NaN)]).toEqual([-1.5, -3, -4, 0]);
  });

  it("veto scores nothing", () => {
    expect(pointsOf(indicator({ method: "veto" }))(3, 1)).toBe(0);
  });

  it("rank: w · (n − r) / (n − 1) with competition ranks, w alone when n = 1, lower is better when told", () => {
    expect([1, 2, 3, 4].map((r) => pointsForRank(12, r, 4))).toEqual([12, 8, 4, 0]);
    expect(pointsForRank(12, 1, 1)).toBe(12);
    const given = (direction: "higher" | "lower", values: number[]) => {
      const out: number[] = [];
      rankPoints(
        indicator({ method: "rank", weight: 12, direction }),
        values.map((_, m) => m),
        (m) => values[m],
        (m, p) => (out[m] = p),
      );
      return out;
    };
    // 9, 7, 7, 1 → ranks 1, 2, 2, 4 → 12, 8, 8, 0; sums that differ by float noise only are equal.
    expect(given("higher", [9, 7, 7, 1])).toEqual([12, 8, 8, 0]);
    expect(given("higher", [0.1 + 0.2, 0.3, 0])).toEqual([12, 12, 0]);
    expect(given("lower", [9, 7, 7, 1])).toEqual([0, 8, 8, 12]); // 1 first, the 7s share 2nd, 9 4th
    expect(given("lower", [5])).toEqual([12]);
  });
});

describe("rounding to 4 decimals", () => {
  it("rounds half away from zero, binary noise included", () => {
    expect(roundPoints(20 / 3)).toBe(6.6667);
    expect(roundPoints(1.00005)).toBe(1.0001);
    expect(roundPoints(-1.00005)).toBe(-1.0001);
    expect(roundPoints(2.00004)).toBe(2);
    expect(Object.is(roundPoints(-0.00001), 0)).toBe(true);
  });
});

describe("values and targets in a scope", () => {
  const sum = indicator({ code: "s", method: "target", weight: 10, cap: 1 });
  const latest = indicator({ code: "l", method: "target", weight: 10, cap: 1, aggregation: "latest" });
  const v = (
    period: string,
    code: string,
    value: number,
    status: ValueRow["status"] = "verified",
  ): ValueRow => ({
    orgId: 1,
    period,
    indicator: code,
    value,
    status,
  });
  const data: ContestData = {
    groups: ["组"],
    periods: [{ label: "P1" }, { label: "P2" }, { label: "P3" }, { label: "P4" }],
    indicators: [sum, latest],
    participants: [{ orgId: 1, name: "甲", group: "组", disqualified: false }],
    targets: [
      { orgId: 1, indicator: "s", period: null, target: 100 },
      { orgId: 1, indicator: "s", period: "P2", target: 40 },
      { orgId: 1, indicator: "l", period: null, target: 8 },
    ],
    values: [
      v("P1", "s", 10),
      v("P1", "l", 3),
      v("P2", "l", 5),
      v("P3", "s", 20),
      v("P3", "l", 6, "submitted"),
    ],
  };
  const at = (k: number, scope: "period" | "cumulative", provisional = false) => {
    const table = buildContestTable(data, provisional ? provisionalFor(1) : undefined);
    const { actual, target } = scopeValues(table, [0], k, scope);
    return { actual: [...actual], target: [...target] };
  };

  it("splits a year's sum target T/K, lets a period's own target replace it, and applies a latest one to every period", () => {
    expect(at(0, "period")).toEqual({ actual: [10, 3], target: [25, 8] });
    expect(at(1, "period")).toEqual({ actual: [NaN, 5], target: [40, 8] });
  });

  it("adds a sum's values and targets over 1..k, and takes the latest value reported for a latest one", () => {
    expect(at(1, "cumulative")).toEqual({ actual: [10, 5], target: [65, 8] });
    // P3's latest value is only submitted: officially the latest is still P2's.
    expect(at(2, "cumulative")).toEqual({ actual: [30, 5], target: [90, 8] });
    expect(at(2, "cumulative", true)).toEqual({ actual: [30, 6], target: [90, 8] });
    expect(at(3, "cumulative")).toEqual({ actual: [30, 5], target: [115, 8] });
  });

  it("leaves a period without any counted value without one", () => {
    expect(at(3, "period")).toEqual({ actual: [NaN, NaN], target: [25, 8] });
  });
});
