/**
 * An exact MIP solver (HiGHS, compiled to WebAssembly) as a reference that owes nothing to the
 * code under test: the matcher and the selection prove their own optimality, and a test that
 * only asks them whether they are optimal checks nothing. Models are written in the CPLEX LP
 * text format, which keeps each formulation readable next to the rule it states.
 */
import highsLoader from "highs";

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let loaded: Promise<Highs> | undefined;

export type Term = readonly [coefficient: number, variable: string];

/** A minimisation model built row by row. */
export class LpModel {
  private readonly objective: Term[] = [];
  private readonly rows: string[] = [];
  private readonly bounds: string[] = [];
  private readonly binaries: string[] = [];

  minimize(...terms: Term[]): this {
    this.objective.push(...terms);
    return this;
  }

  row(name: string, terms: readonly Term[], sense: "<=" | ">=" | "=", rhs: number): this {
    if (terms.length) this.rows.push(` ${name}: ${expression(terms)} ${sense} ${rhs}`);
    return this;
  }

  bound(variable: string, lower: number, upper: number): this {
    this.bounds.push(lower === upper ? ` ${variable} = ${lower}` : ` ${lower} <= ${variable} <= ${upper}`);
    return this;
  }

  binary(variable: string): this {
    this.binaries.push(variable);
    return this;
  }

  toString(): string {
    // A constant objective still needs a term; a zero coefficient keeps the reader happy.
    const objective = this.objective.length ? expression(this.objective) : `0 ${this.binaries[0] ?? "none"}`;
    const binaries = chunks(this.binaries, 20).map((names) => ` ${names.join(" ")}`);
    return [
      "Minimize",
      ` obj: ${objective}`,
      "Subject To",
      ...this.rows,
      "Bounds",
      ...this.bounds,
      "Binary",
      ...binaries,
      "End",
      "",
    ].join("\n");
  }
}

/** Long sums are split over lines: LP readers need not accept lines of any length. */
function expression(terms: readonly Term[]): string {
  const parts = terms.map(([c, v]) => `${c < 0 ? "-" : "+"} ${Math.abs(c)} ${v}`);
  return chunks(parts, 12)
    .map((line) => line.join(" "))
    .join("\n  ");
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface MipAnswer {
  /** Null when the model has no feasible point. */
  objective: number | null;
}

/**
 * Solves to proven optimality: every objective here is integral, so an absolute gap below 1
 * closes it, and the relative gap (1e-4 by default) is turned off. A time limit or any other
 * status throws, so a reference that gave up can never pass for an answer.
 */
export async function solveMip(model: LpModel, timeLimitSeconds = 60): Promise<MipAnswer> {
  const highs = await (loaded ??= highsLoader());
  const result = highs.solve(model.toString(), {
    mip_rel_gap: 0,
    mip_abs_gap: 0.5,
    time_limit: timeLimitSeconds,
    output_flag: false,
  });
  if (result.Status === "Infeasible") return { objective: null };
  if (result.Status !== "Optimal")
    throw new Error(`HiGHS stopped without a proven optimum: ${result.Status}`);
  return { objective: result.ObjectiveValue };
}
