import { describe, expect, it } from "vitest";
import { CHART, layOutChart, niceStep, pointsAttr } from "~/domain/contest/board-chart";
import { picksOf } from "~/domain/contest/into-commendation";
import type { StandingEntry } from "~/domain/contest/standing";

describe("niceStep", () => {
  it("picks 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(65, 5)).toBe(20);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(0.3, 5)).toBeCloseTo(0.1);
    expect(niceStep(0, 5)).toBe(1);
  });
});

describe("layOutChart", () => {
  const labels = ["Q1", "Q2", "Q3", "Q4"];

  it("spreads the periods over the plot's width, first on the left edge, last on the right", () => {
    const l = layOutChart(labels, [{ name: "甲", totals: [10, 20, 30, 40] }]);
    expect(l.xTicks.map((t) => t.label)).toEqual(labels);
    expect(l.xTicks[0].x).toBe(l.plot.left);
    expect(l.xTicks[3].x).toBe(l.plot.right);
    expect(l.xTicks[1].x - l.xTicks[0].x).toBeCloseTo(l.xTicks[2].x - l.xTicks[1].x, 0);
  });

  it("maps 0 to the bottom and the top tick to the top, the ticks covering every total", () => {
    const l = layOutChart(labels, [
      { name: "甲", totals: [10, 20, 30, 65] },
      { name: "乙", totals: [5, 15, 25, 35] },
    ]);
    expect(l.yTicks[0]).toEqual({ y: l.plot.bottom, value: 0 });
    const top = l.yTicks[l.yTicks.length - 1];
    expect(top.y).toBe(l.plot.top);
    expect(top.value).toBeGreaterThanOrEqual(65);
    const first = l.lines[0].runs[0];
    expect(first.map((p) => p.value)).toEqual([10, 20, 30, 65]);
    // Higher totals sit higher on the page: smaller y.
    expect(first[3].y).toBeLessThan(first[0].y);
    expect(pointsAttr(first)).toBe(first.map((p) => `${p.x},${p.y}`).join(" "));
  });

  it("puts negative totals (deductions) below a zero line", () => {
    const l = layOutChart(labels, [{ name: "甲", totals: [-3, -1, 2, 4] }]);
    const zero = l.yTicks.find((t) => t.value === 0)!;
    expect(zero.y).toBeLessThan(l.plot.bottom);
    expect(l.lines[0].runs[0][0].y).toBeGreaterThan(zero.y);
  });

  it("breaks a line where a unit had no ranked total", () => {
    const l = layOutChart(labels, [{ name: "甲", totals: [10, null, 30, 40] }]);
    expect(l.lines[0].runs.map((r) => r.map((p) => p.value))).toEqual([[10], [30, 40]]);
  });

  it("centres a single period and gives each series a legend row under the axis", () => {
    const l = layOutChart(
      ["Q1"],
      [
        { name: "甲", totals: [1] },
        { name: "乙", totals: [2] },
      ],
    );
    expect(l.xTicks[0].x).toBe((l.plot.left + l.plot.right) / 2);
    expect(l.lines[1].legendY - l.lines[0].legendY).toBe(CHART.legendRow);
    expect(l.lines[0].legendY).toBeGreaterThan(l.plot.bottom);
    expect(l.height).toBeGreaterThan(l.lines[1].legendY);
  });

  it("draws an axis from 0 up even when nothing scored", () => {
    const l = layOutChart(labels, [{ name: "甲", totals: [0, 0, 0, 0] }]);
    expect(l.yTicks.map((t) => t.value)).toEqual([0, 1]);
  });
});

describe("picksOf (into the commendation)", () => {
  const entry = (name: string, rank: number | null, over: Partial<StandingEntry> = {}): StandingEntry => ({
    orgId: name.charCodeAt(0),
    name,
    total: 0,
    points: [],
    actual: [],
    target: [],
    rank,
    tied: false,
    vetoed: false,
    vetoedBy: [],
    disqualified: false,
    noTarget: [],
    reported: true,
    ...over,
  });

  it("takes every unit ranked within N, so the units tied at the N-th place all go in", () => {
    const picks = picksOf([entry("a", 1), entry("b", 2), entry("c", 2), entry("d", 4)], 2);
    expect(picks.map((p) => [p.entry.name, p.refusal])).toEqual([
      ["a", null],
      ["b", null],
      ["c", null],
    ]);
  });

  it("refuses vetoed and disqualified units with their reason, and a unit that never reported", () => {
    const picks = picksOf(
      [
        entry("a", 1, { reported: false }),
        entry("v", null, { vetoed: true, vetoedBy: ["accident"] }),
        entry("x", null, { disqualified: true }),
      ],
      3,
    );
    expect(picks.map((p) => [p.entry.name, p.refusal])).toEqual([
      ["a", "nothingReported"],
      ["v", "vetoed"],
      ["x", "disqualified"],
    ]);
  });
});
