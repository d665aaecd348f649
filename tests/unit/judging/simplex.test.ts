import { describe, expect, it } from "vitest";
import { solveLinearProgram } from "~/domain/judging/simplex";

describe("bounded-variable simplex", () => {
  it("fills a row up to its right-hand side within the column bounds", () => {
    // min −x − 2y  s.t. x + y + slack = 4, 0 ≤ x ≤ 3, 0 ≤ y ≤ 3 → y = 3, x = 1.
    const r = solveLinearProgram({
      rows: [[1, 1, 1]],
      rhs: [4],
      cost: [-1, -2, 0],
      lower: [0, 0, 0],
      upper: [3, 3, Infinity],
      basis: [2],
    });
    expect(r.value).toBeCloseTo(-7, 12);
    expect(r.x[0]).toBeCloseTo(1, 12);
    expect(r.x[1]).toBeCloseTo(3, 12);
  });

  it("starts from a surplus column (−1 in its row) and pays for a shortfall", () => {
    // min 10·s − x  s.t. x + s − e = 5, 0 ≤ x ≤ 3 → x = 3, s = 2.
    const r = solveLinearProgram({
      rows: [[1, 1, -1]],
      rhs: [5],
      cost: [-1, 10, 0],
      lower: [0, 0, 0],
      upper: [3, Infinity, Infinity],
      basis: [1],
    });
    expect(r.value).toBeCloseTo(17, 12);
    expect(r.x.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([3, 2, 0]);
  });

  it("reports reduced costs of the columns left at a bound", () => {
    // min −x − y s.t. x + y + slack = 1, x ≤ 5, y fixed at 0 by its bounds.
    const r = solveLinearProgram({
      rows: [[1, 1, 1]],
      rhs: [1],
      cost: [-1, -1, 0],
      lower: [0, 0, 0],
      upper: [5, 0, Infinity],
      basis: [2],
    });
    expect(r.value).toBeCloseTo(-1, 12);
    expect(r.reducedCost[0]).toBe(0); // basic
    expect(r.reducedCost[2]).toBeCloseTo(1, 12);
  });
});
