import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bestCompletion, listValue, type CompletionProblem } from "~/domain/judging/completion-search";

const fixture = (name: string): CompletionProblem =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "fixtures", name), "utf8")) as CompletionProblem;

// Two at-least rules of 1 each and one place: only a nominee counting for both (mask 0b11) fits.
const twoRulesOnePlace = (available: number[]): CompletionProblem => ({
  bounds: [
    { op: "at_least", limit: 1 },
    { op: "at_least", limit: 1 },
  ],
  counts: [0, 0],
  size: 0,
  maxSize: 1,
  masks: [0b01, 0b10, 0b11],
  available,
});

describe("best completion", () => {
  it("finds the nominee who counts for two rules at once", () => {
    expect(bestCompletion(twoRulesOnePlace([5, 5, 1]))).toEqual({ value: -1, plan: [0, 0, 1] });
  });

  it("without one, leaves one rule a place short (value = shortfall·(Q+1) − size)", () => {
    const r = bestCompletion(twoRulesOnePlace([5, 5, 0]))!;
    expect(r.value).toBe(listValue(1, 1, 1));
    expect(r.plan[0] + r.plan[1]).toBe(1);
  });

  it("answers a target: a list at least that good, or null", () => {
    expect(bestCompletion(twoRulesOnePlace([5, 5, 0]), { target: -1 })).toBeNull();
    expect(bestCompletion(twoRulesOnePlace([5, 5, 0]), { target: 1 })).not.toBeNull();
  });

  it("can leave a rule out", () => {
    expect(bestCompletion(twoRulesOnePlace([5, 5, 0]), { ignoring: 1 })).toEqual({
      value: -1,
      plan: [1, 0, 0],
    });
  });

  it("never breaks an at-most rule, and refuses a list that already does", () => {
    const problem: CompletionProblem = {
      bounds: [{ op: "at_most", limit: 1 }],
      counts: [0],
      size: 0,
      maxSize: 3,
      masks: [0b1, 0],
      available: [5, 1],
    };
    expect(bestCompletion(problem)).toEqual({ value: -2, plan: [1, 1] });
    expect(bestCompletion({ ...problem, counts: [2], size: 2 })).toBeNull();
  });

  it("does not lose a nominee to rounding (a relaxation count of 3.9999999 is 4)", () => {
    // From a 10,000-nominee walk with six rules: a full list meeting every rule exists.
    expect(bestCompletion(fixture("near-integer-6-rules.json"), { target: -120 })?.value).toBe(-120);
  });

  it("proves a list impossible when the relaxation would allow it (eight rules, 188 patterns)", () => {
    // The relaxation reaches every rule fractionally; no integer list does (checked with HiGHS).
    const problem = fixture("joint-infeasible-8-rules.json");
    expect(bestCompletion(problem, { target: -116 })).toBeNull();
    expect(bestCompletion(problem, { target: 1 })?.value).toBe(1);
  });
});
