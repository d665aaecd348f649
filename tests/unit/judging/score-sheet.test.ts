import { describe, expect, it } from "vitest";
import { checkScoreSheet, isHalfStep, rubricMaxTotal, type Criterion } from "~/domain/judging/score-sheet";

const rubric: Criterion[] = [
  { title: "事迹突出", maxPoints: 30 },
  { title: "示范作用", maxPoints: 40 },
  { title: "群众认可", maxPoints: 30 },
];

describe("score sheets", () => {
  it("totals integer and half points", () => {
    expect(checkScoreSheet([25.5, 40, 0], rubric)).toEqual({ ok: true, total: 65.5 });
    expect(checkScoreSheet([30, 40, 30], rubric)).toEqual({ ok: true, total: 100 });
    expect(checkScoreSheet([0.5, 0.5, 0.5], rubric)).toEqual({ ok: true, total: 1.5 });
  });

  it("reports every bad criterion at once, by position", () => {
    expect(checkScoreSheet([30.5, 7.25, -1], rubric)).toEqual({
      ok: false,
      problems: [
        { criterion: 0, code: "above_max", maxPoints: 30 },
        { criterion: 1, code: "not_half_step", maxPoints: 40 },
        { criterion: 2, code: "negative", maxPoints: 30 },
      ],
    });
    expect(checkScoreSheet([Number.NaN, null, 10], rubric)).toEqual({
      ok: false,
      problems: [
        { criterion: 0, code: "not_a_number", maxPoints: 30 },
        { criterion: 1, code: "missing", maxPoints: 40 },
      ],
    });
    expect(checkScoreSheet([Infinity, 1, 1], rubric)).toMatchObject({
      ok: false,
      problems: [{ criterion: 0, code: "not_half_step" }],
    });
  });

  it("refuses a sheet whose length does not match the rubric", () => {
    expect(checkScoreSheet([10, 10], rubric)).toEqual({
      ok: false,
      problems: [{ criterion: -1, code: "wrong_count" }],
    });
  });

  it("lets a draft leave criteria empty and totals what is filled in", () => {
    expect(checkScoreSheet([10, undefined, 5.5], rubric, { allowMissing: true })).toEqual({
      ok: true,
      total: 15.5,
    });
    expect(checkScoreSheet([10, undefined, 31], rubric, { allowMissing: true })).toMatchObject({ ok: false });
  });

  it("knows halves and the rubric's maximum", () => {
    expect([0, 7, 7.5, 100].map(isHalfStep)).toEqual([true, true, true, true]);
    expect([7.25, 0.1, Number.NaN].map(isHalfStep)).toEqual([false, false, false]);
    expect(rubricMaxTotal(rubric)).toBe(100);
  });
});
