/**
 * A small dense primal simplex for bounded variables: minimize c·x subject to A·x = b and
 * lo ≤ x ≤ hi. Built for the selection's completion problems (a handful of rows, at most a few
 * hundred columns), where a textbook method is fast and a dependency would be out of proportion.
 *
 * The caller supplies a feasible start: every non-basic column at its (finite) lower bound and,
 * per row, a basic column that is ±1 in that row and 0 elsewhere. Pricing takes the most
 * improving column; after a run of degenerate pivots it switches to Bland's rule (lowest index
 * first), which cannot cycle.
 */

export interface LinearProgram {
  rows: number[][];
  rhs: number[];
  cost: number[];
  lower: number[];
  upper: number[];
  /** Per row, the column that starts basic in it. */
  basis: number[];
}

export interface LinearSolution {
  value: number;
  x: number[];
  /** Reduced cost per column at the optimum (0 for basic columns). */
  reducedCost: number[];
}

const EPS = 1e-9;
const DEGENERATE_RUN = 50;

export function solveLinearProgram(lp: LinearProgram): LinearSolution {
  const tableau = new Tableau(lp);
  let degenerate = 0;
  for (;;) {
    const entering = tableau.entering(degenerate >= DEGENERATE_RUN);
    if (entering < 0) break;
    const step = tableau.move(entering);
    degenerate = step > EPS ? 0 : degenerate + 1;
  }
  return tableau.solution();
}

class Tableau {
  private readonly t: Float64Array[];
  private readonly d: Float64Array;
  private readonly x: Float64Array;
  private readonly basis: number[];
  private readonly isBasic: Uint8Array;

  constructor(private readonly lp: LinearProgram) {
    const n = lp.cost.length;
    // Rows whose starting column is −1 are negated, so the starting basis is the identity.
    this.t = lp.rows.map((row, i) => Float64Array.from(row, (a) => (row[lp.basis[i]] < 0 ? -a : a)));
    const rhs = lp.rhs.map((b, i) => (lp.rows[i][lp.basis[i]] < 0 ? -b : b));
    this.basis = [...lp.basis];
    this.isBasic = new Uint8Array(n);
    for (const j of this.basis) this.isBasic[j] = 1;
    this.x = Float64Array.from(lp.lower, (v, j) => (this.isBasic[j] ? 0 : v));
    this.basis.forEach((j, i) => {
      let v = rhs[i];
      for (let k = 0; k < n; k++) if (!this.isBasic[k]) v -= this.t[i][k] * this.x[k];
      this.x[j] = v;
    });
    this.d = Float64Array.from(lp.cost);
    this.basis.forEach((j, i) => {
      const cb = lp.cost[j];
      if (cb !== 0) for (let k = 0; k < n; k++) this.d[k] -= cb * this.t[i][k];
    });
  }

  /** A non-basic column whose move off its bound lowers the cost, or -1 at the optimum. */
  entering(bland: boolean): number {
    let best = -1;
    let bestGain = EPS;
    for (let j = 0; j < this.d.length; j++) {
      if (this.isBasic[j] || this.lp.upper[j] - this.lp.lower[j] <= EPS) continue;
      const atUpper = this.x[j] >= this.lp.upper[j];
      const gain = atUpper ? this.d[j] : -this.d[j];
      if (gain > bestGain) {
        if (bland) return j;
        best = j;
        bestGain = gain;
      }
    }
    return best;
  }

  /** Moves the entering column as far as the bounds allow; pivots when a basic column stops it. */
  move(q: number): number {
    const dir = this.x[q] >= this.lp.upper[q] ? -1 : 1;
    let step = this.lp.upper[q] - this.lp.lower[q];
    let row = -1;
    let toUpper = false;
    for (let i = 0; i < this.basis.length; i++) {
      const rate = dir * this.t[i][q]; // the basic value falls by `rate` per unit step
      const j = this.basis[i];
      let limit = Infinity;
      if (rate > EPS) limit = (this.x[j] - this.lp.lower[j]) / rate;
      else if (rate < -EPS && this.lp.upper[j] < Infinity) limit = (this.lp.upper[j] - this.x[j]) / -rate;
      limit = Math.max(0, limit);
      if (limit < step - EPS || (limit <= step + EPS && row >= 0 && j < this.basis[row])) {
        step = limit;
        row = i;
        toUpper = rate < 0;
      }
    }
    if (step === Infinity) throw new Error("unbounded linear program");
    for (let i = 0; i < this.basis.length; i++) this.x[this.basis[i]] -= dir * step * this.t[i][q];
    this.x[q] += dir * step;
    if (row >= 0) this.pivot(row, q, toUpper);
    return step;
  }

  private pivot(row: number, q: number, toUpper: boolean): void {
    const leaving = this.basis[row];
    this.x[leaving] = toUpper ? this.lp.upper[leaving] : this.lp.lower[leaving];
    const pivotRow = this.t[row];
    const p = pivotRow[q];
    for (let k = 0; k < pivotRow.length; k++) pivotRow[k] /= p;
    const eliminate = (target: Float64Array) => {
      const f = target[q];
      if (f !== 0) for (let k = 0; k < target.length; k++) target[k] -= f * pivotRow[k];
    };
    this.t.forEach((r, i) => i !== row && eliminate(r));
    eliminate(this.d);
    this.isBasic[leaving] = 0;
    this.isBasic[q] = 1;
    this.basis[row] = q;
  }

  solution(): LinearSolution {
    const x = Array.from(this.x);
    const value = this.lp.cost.reduce((sum, c, j) => sum + c * x[j], 0);
    return { value, x, reducedCost: Array.from(this.d, (v, j) => (this.isBasic[j] ? 0 : v)) };
  }
}
