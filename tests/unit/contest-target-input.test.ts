import { describe, expect, it } from "vitest";
import { parseTarget, takesTargets } from "~/domain/contest/target-input";

describe("parseTarget", () => {
  it("reads plain decimals, full-width digits folded", () => {
    expect(parseTarget("120")).toEqual({ ok: true, value: 120 });
    expect(parseTarget(" 0.5 ")).toEqual({ ok: true, value: 0.5 });
    expect(parseTarget("１２")).toEqual({ ok: true, value: 12 });
    expect(parseTarget("0")).toEqual({ ok: true, value: 0 });
  });
  it("refuses negatives, words, separators and exponents", () => {
    expect(parseTarget("-3")).toEqual({ ok: false, messageKey: "contestTargets.negative" });
    expect(parseTarget("- 3")).toEqual({ ok: false, messageKey: "contestTargets.negative" });
    for (const bad of ["abc", "1,000", "1e3", "", "12元", "."])
      expect(parseTarget(bad)).toEqual({ ok: false, messageKey: "contestTargets.notANumber" });
  });
  it("refuses what no union reports", () => {
    expect(parseTarget("1000000000001")).toEqual({ ok: false, messageKey: "contestTargets.tooLarge" });
  });
  it("is for target indicators only", () => {
    expect(takesTargets("target")).toBe(true);
    for (const m of ["rank", "bonus", "deduction", "veto"] as const) expect(takesTargets(m)).toBe(false);
  });
});
