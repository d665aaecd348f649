import { describe, expect, it } from "vitest";
import { aggregate, type SubmittedSheet } from "~/domain/judging/aggregation";

/** Sheets from a table of totals; each total is split over two criteria as [⌈t/2⌉, ⌊t/2⌋]. */
function sheets(table: Record<string, Record<string, number>>): SubmittedSheet[] {
  return Object.entries(table).flatMap(([ref, byJudge]) =>
    Object.entries(byJudge).map(([judgeId, total]) => ({
      ref,
      judgeId,
      total,
      criterionPoints: [Math.ceil(total / 2), Math.floor(total / 2)],
    })),
  );
}

describe("mean and median", () => {
  const input = sheets({ A: { j1: 80, j2: 90, j3: 70 }, B: { j1: 80, j2: 90, j3: 70, j4: 60 } });

  it("averages the judges' totals and reports their spread", () => {
    const a = aggregate(input, "mean").scores.get("A")!;
    expect(a.score).toBe(80);
    expect(a.sheetCount).toBe(3);
    expect(a.disagreement).toBeCloseTo(Math.sqrt(200 / 3), 12);
    expect(a.criterionMeans).toEqual([40, 40]);
    expect(aggregate(input, "mean").scores.get("B")!.score).toBe(75);
  });

  it("takes the middle total, or the mean of the two middle ones", () => {
    const r = aggregate(input, "median");
    expect(r.scores.get("A")!.score).toBe(80);
    expect(r.scores.get("B")!.score).toBe(75);
    expect(r.fallbackToMean).toBe(false);
  });
});

describe("trimmed (去掉一个最高分和一个最低分)", () => {
  it("drops one highest and one lowest total from five or more", () => {
    const r = aggregate(sheets({ A: { j1: 60, j2: 70, j3: 80, j4: 90, j5: 100 } }), "trimmed");
    expect(r.scores.get("A")!.score).toBe(80);
    expect(r.fallbackToMean).toBe(false);
  });

  it("drops only one of several equal extremes", () => {
    const r = aggregate(sheets({ A: { j1: 100, j2: 100, j3: 60, j4: 80, j5: 90 } }), "trimmed");
    expect(r.scores.get("A")!.score).toBe(90); // (80 + 90 + 100) / 3
  });

  it("falls back to the mean below five totals, and says so per nomination", () => {
    const r = aggregate(
      sheets({ A: { j1: 60, j2: 70, j3: 80, j4: 90 }, B: { j1: 60, j2: 70, j3: 80, j4: 90, j5: 100 } }),
      "trimmed",
    );
    expect(r.fallbackToMean).toBe(true);
    expect(r.scores.get("A")).toMatchObject({ score: 75, fallbackToMean: true });
    expect(r.scores.get("B")).toMatchObject({ score: 80, fallbackToMean: false });
  });

  it("never flags a fallback for other methods", () => {
    expect(aggregate(sheets({ A: { j1: 60 } }), "mean").fallbackToMean).toBe(false);
  });
});

describe("zscore", () => {
  // j1 is spread 80/60 (mean 70, sd 10); j2 gave 90 to both (sd 0 → z 0);
  // j3 gave 70/50/60 (mean 60, sd √(200/3), so z(A) = 10/√(200/3) = √1.5).
  const input = sheets({ A: { j1: 80, j2: 90, j3: 70 }, B: { j1: 60, j2: 90, j3: 50 }, C: { j3: 60 } });
  // All seven totals: sum 500, sum of squares 37200 → M = 500/7, S = √(37200/7 − M²) = √10400 / 7.
  const M = 500 / 7;
  const S = Math.sqrt(10400) / 7;

  it("puts each nomination's mean z back on the category's raw scale", () => {
    const r = aggregate(input, "zscore").scores;
    expect(r.get("A")!.score).toBeCloseTo(M + (S * (1 + 0 + Math.sqrt(1.5))) / 3, 12);
    expect(r.get("B")!.score).toBeCloseTo(M + (S * (-1 + 0 - Math.sqrt(1.5))) / 3, 12);
    expect(r.get("C")!.score).toBeCloseTo(M, 12);
  });

  it("counts a judge who gave everyone the same total as z = 0", () => {
    const r = aggregate(sheets({ A: { flat: 85, j1: 90 }, B: { flat: 85, j1: 70 } }), "zscore").scores;
    // M = 82.5, S = √((6.25 + 56.25 + 6.25 + 156.25) / 4) = 7.5; j1's z = ±1; flat's z = 0.
    expect(r.get("A")!.score).toBeCloseTo(82.5 + 7.5 * 0.5, 12);
    expect(r.get("B")!.score).toBeCloseTo(82.5 - 7.5 * 0.5, 12);
  });

  it("corrects a lenient judge: the harsh judge's best beats the lenient judge's worst", () => {
    // With k judges per nomination, A and B never met the same judge.
    const input = sheets({
      A: { harsh: 70 },
      X: { harsh: 60 },
      Y: { harsh: 50 },
      B: { lenient: 90 },
      P: { lenient: 95 },
      Q: { lenient: 100 },
    });
    expect(aggregate(input, "mean").scores.get("B")!.score).toBeGreaterThan(
      aggregate(input, "mean").scores.get("A")!.score,
    );
    const z = aggregate(input, "zscore").scores;
    expect(z.get("A")!.score).toBeGreaterThan(z.get("B")!.score);
    expect(z.get("A")!.score).toBeCloseTo(z.get("Q")!.score, 12);
  });

  it("scores every nomination at M when all totals are equal", () => {
    const r = aggregate(sheets({ A: { j1: 70, j2: 70 }, B: { j1: 70 } }), "zscore").scores;
    expect(r.get("A")!.score).toBe(70);
    expect(r.get("B")!.score).toBe(70);
  });
});

describe("inputs", () => {
  it("gives no score to a nomination without sheets and handles an empty category", () => {
    expect(aggregate([], "zscore").scores.size).toBe(0);
    expect(aggregate([], "trimmed").fallbackToMean).toBe(false);
  });

  it("averages each criterion over the nomination's sheets", () => {
    const r = aggregate(
      [
        { ref: "A", judgeId: 1, total: 55.5, criterionPoints: [30, 20, 5.5] },
        { ref: "A", judgeId: 2, total: 40, criterionPoints: [20, 15, 5] },
      ],
      "mean",
    );
    expect(r.scores.get("A")!.criterionMeans).toEqual([25, 17.5, 5.25]);
  });
});
