import { describe, expect, it } from "vitest";
import type { Aggregation, NominationScore } from "~/domain/judging/aggregation";
import { rankAggregation, rankNominations } from "~/domain/judging/ranking";

/** An aggregation with the given scores and criterion means, as the judges left them. */
function scored(
  rows: [ref: string, score: number, ...criterionMeans: number[]][],
  fallbackToMean = false,
): Aggregation {
  const scores = new Map<string, NominationScore>(
    rows.map(([ref, score, ...criterionMeans]) => [
      ref,
      { ref, score, sheetCount: 3, disagreement: 0, criterionMeans, fallbackToMean },
    ]),
  );
  return { method: "mean", fallbackToMean, scores };
}

const named = (...refs: string[]) => refs.map((ref) => ({ ref, name: `name ${ref}` }));
const brief = (r: ReturnType<typeof rankAggregation>) =>
  r.entries.map(({ ref, rank, tied }) => [ref, rank, tied]);

describe("ranking", () => {
  it("ranks by score, best first, with standard competition ranks for what stays tied (1, 2, 2, 4)", () => {
    const r = rankAggregation(
      named("A", "B", "C", "D"),
      scored([
        ["A", 80, 40, 40],
        ["C", 85, 40, 45],
        ["B", 85, 40, 45],
        ["D", 90, 45, 45],
      ]),
    );
    expect(brief(r)).toEqual([
      ["D", 1, false],
      ["B", 2, true], // ascending ref among the tied
      ["C", 2, true],
      ["A", 4, false],
    ]);
    expect(r.entries[0]).toEqual({ ref: "D", name: "name D", score: 90, rank: 1, tied: false });
  });

  it("breaks a tie by the first criterion's mean, then the second", () => {
    const r = rankAggregation(
      named("A", "B", "C"),
      scored([
        ["A", 85, 30, 40, 15],
        ["B", 85, 35, 30, 20],
        ["C", 85, 30, 45, 10],
      ]),
    );
    expect(brief(r)).toEqual([
      ["B", 1, false], // 35 on criterion 1
      ["C", 2, false], // 30 on criterion 1, 45 on criterion 2
      ["A", 3, false],
    ]);
  });

  it("counts scores within 1e-9 as equal and lets the criteria decide", () => {
    const r = rankAggregation(
      named("A", "B"),
      scored([
        ["A", 85 + 5e-10, 30],
        ["B", 85, 31],
      ]),
    );
    expect(brief(r)).toEqual([
      ["B", 1, false],
      ["A", 2, false],
    ]);
    expect(r.entries[1].score).toBe(85 + 5e-10); // the score itself is reported unrounded
  });

  it("applies the same tolerance to criterion means", () => {
    const r = rankAggregation(
      named("B", "A"),
      scored([
        ["B", 85, 1 / 3 + 1e-12],
        ["A", 85, 1 / 3],
      ]),
    );
    expect(brief(r)).toEqual([
      ["A", 1, true],
      ["B", 1, true],
    ]);
  });

  it("keeps a chain of near-equal scores together, so the grouping does not depend on input order", () => {
    const rows: [string, number, number][] = [
      ["A", 1, 1],
      ["B", 1 + 0.8e-9, 2],
      ["C", 1 + 1.6e-9, 3],
    ];
    for (const order of [rows, [...rows].reverse()]) {
      expect(brief(rankAggregation(named("A", "B", "C"), scored(order)))).toEqual([
        ["C", 1, false],
        ["B", 2, false],
        ["A", 3, false],
      ]);
    }
  });

  it("orders tied refs by code unit, not by locale", () => {
    const r = rankAggregation(
      named("N9", "N10", "n1"),
      scored([
        ["N9", 70],
        ["N10", 70],
        ["n1", 70],
      ]),
    );
    expect(r.entries.map((e) => e.ref)).toEqual(["N10", "N9", "n1"]);
  });

  it("leaves nominations without sheets out of the ranking and lists them apart", () => {
    const r = rankAggregation(named("C", "A", "B"), scored([["B", 70]]));
    expect(brief(r)).toEqual([["B", 1, false]]);
    expect(r.unscored).toEqual(named("A", "C"));
    expect(rankAggregation(named("A"), scored([])).entries).toEqual([]);
  });

  it("carries the method and the fallback flag", () => {
    const r = rankNominations(
      named("A", "B"),
      [
        { ref: "A", judgeId: "j1", total: 80, criterionPoints: [80] },
        { ref: "A", judgeId: "j2", total: 70, criterionPoints: [70] },
        { ref: "B", judgeId: "j1", total: 90, criterionPoints: [90] },
      ],
      "trimmed",
    );
    expect(r).toMatchObject({ method: "trimmed", fallbackToMean: true });
    expect(r.entries.map((e) => [e.ref, e.score])).toEqual([
      ["B", 90],
      ["A", 75],
    ]);
  });
});
