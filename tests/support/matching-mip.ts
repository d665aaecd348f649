/**
 * The matching problem (docs/domain.md#matching) as a MIP, written from the rule and not from
 * the matcher: nothing here imports app/domain/registry beyond its input types.
 *
 *   x[h,j] ∈ {0,1}  helper h newly paired with county j (only pairs not already there)
 *   y[j]   ∈ {0,1}  deep county j is covered by units (1) or by workers (0)
 *   s[j,·] ≥ 0      places left unfilled (for a deep county, only the chosen kind's count)
 *   z[h,t] ∈ [0,1]  helper h's t-th new slot is used; it costs 2·(existing + t − 1), a convex
 *                   load, so the solver fills the cheap slots first and z needs no integrality
 *
 * Phase 1 minimises Σ s; phase 2 holds Σ s at that minimum and minimises Σ cost·x + Σ load·z.
 */
import type { PairingRef, RegistryCounty, RegistryHelper } from "~/domain/registry/registry-types";
import { LpModel, solveMip, type Term } from "./highs-reference";

export interface MatchingInstance {
  helpers: readonly RegistryHelper[];
  counties: readonly RegistryCounty[];
  pairings: readonly PairingRef[];
}

export interface MatchingOptimum {
  unfilled: number;
  cost: number;
}

interface Prepared {
  spare: number[];
  existing: number[];
  /** Per county: the helpers already paired with it. */
  paired: Set<number>[];
}

const DEEP = 3;

function prepare(inst: MatchingInstance): Prepared {
  const index = new Map(inst.helpers.map((h, i) => [h.id, i]));
  const countyIndex = new Map(inst.counties.map((c, j) => [c.code, j]));
  const existing = inst.helpers.map(() => 0);
  const paired = inst.counties.map(() => new Set<number>());
  const seen = new Set<string>();
  for (const p of inst.pairings) {
    const h = index.get(p.helper_id);
    if (h === undefined || seen.has(`${p.helper_id}\u0000${p.county_code}`)) continue;
    seen.add(`${p.helper_id}\u0000${p.county_code}`);
    existing[h]++;
    const j = countyIndex.get(p.county_code);
    if (j !== undefined) paired[j].add(h);
  }
  const spare = inst.helpers.map((h, i) => Math.max(0, Math.floor(h.capacity) - existing[i]));
  return { spare, existing, paired };
}

/** 0 in the same city, else 3; plus 4 when no skill meets a need. */
export function referencePairCost(h: RegistryHelper, c: RegistryCounty): number {
  const needs = new Set(c.needs.map((s) => s.trim()).filter(Boolean));
  const shares = h.skills.some((s) => needs.has(s.trim()));
  return (h.city.trim() === c.city.trim() ? 0 : 3) + (shares ? 0 : 4);
}

/** The coverage rows and the pair variables they create; `shortfall` collects the s terms. */
function coverageRows(
  lp: LpModel,
  inst: MatchingInstance,
  prep: Prepared,
  pairs: Map<string, [number, number]>,
  shortfall: Term[],
): void {
  const free = (j: number, kind?: string) =>
    inst.helpers.flatMap((h, i) =>
      prep.spare[i] > 0 && !prep.paired[j].has(i) && (!kind || h.kind === kind) ? [i] : [],
    );
  const x = (i: number, j: number) => {
    const name = `x_${i}_${j}`;
    pairs.set(name, [i, j]);
    return name;
  };
  inst.counties.forEach((c, j) => {
    const have = (kind: string) => [...prep.paired[j]].filter((i) => inst.helpers[i].kind === kind).length;
    if (c.poverty_level === "deep" && Math.max(have("unit"), have("worker")) < DEEP) {
      const needUnits = DEEP - have("unit");
      const needWorkers = DEEP - have("worker");
      lp.binary(`y_${j}`);
      shortfall.push([1, `su_${j}`], [1, `sw_${j}`]);
      const units = free(j, "unit");
      const workers = free(j, "worker");
      lp.row(
        `du_${j}`,
        [...units.map((i) => [1, x(i, j)] as Term), [1, `su_${j}`], [-needUnits, `y_${j}`]],
        ">=",
        0,
      );
      lp.row(
        `dw_${j}`,
        [...workers.map((i) => [1, x(i, j)] as Term), [1, `sw_${j}`], [needWorkers, `y_${j}`]],
        ">=",
        needWorkers,
      );
      // Valid because an extra pairing never helps; it tightens the relaxation (docs/domain.md#matching).
      units.forEach((i) =>
        lp.row(
          `ku_${i}_${j}`,
          [
            [1, x(i, j)],
            [-1, `y_${j}`],
          ],
          "<=",
          0,
        ),
      );
      workers.forEach((i) =>
        lp.row(
          `kw_${i}_${j}`,
          [
            [1, x(i, j)],
            [1, `y_${j}`],
          ],
          "<=",
          1,
        ),
      );
    } else if (c.poverty_level === "poverty" && prep.paired[j].size === 0) {
      shortfall.push([1, `sp_${j}`]);
      lp.row(`p_${j}`, [...free(j).map((i) => [1, x(i, j)] as Term), [1, `sp_${j}`]], ">=", 1);
    }
  });
}

function buildModel(inst: MatchingInstance, prep: Prepared, maxShortfall: number | null): LpModel {
  const lp = new LpModel();
  const pairs = new Map<string, [number, number]>();
  const shortfall: Term[] = [];
  coverageRows(lp, inst, prep, pairs, shortfall);
  const byHelper = new Map<number, Term[]>();
  for (const [name, [i]] of pairs) {
    lp.binary(name);
    byHelper.set(i, [...(byHelper.get(i) ?? []), [1, name]]);
  }
  if (maxShortfall === null) {
    lp.minimize(...shortfall);
    // Capacity still binds in phase 1: Σ x ≤ spare.
    for (const [i, terms] of byHelper) lp.row(`cap_${i}`, terms, "<=", prep.spare[i]);
    return lp;
  }
  lp.row("shortfall", shortfall, "<=", maxShortfall);
  for (const [name, [i, j]] of pairs)
    lp.minimize([referencePairCost(inst.helpers[i], inst.counties[j]), name]);
  for (const [i, terms] of byHelper) {
    const slots: Term[] = [];
    for (let t = 1; t <= prep.spare[i]; t++) {
      const z = `z_${i}_${t}`;
      lp.bound(z, 0, 1);
      lp.minimize([2 * (prep.existing[i] + t - 1), z]);
      slots.push([-1, z]);
    }
    lp.row(`load_${i}`, [...terms, ...slots], "=", 0);
  }
  return lp;
}

/** The fewest places any answer leaves unfilled, and the least cost among those answers. */
export async function matchingOptimum(inst: MatchingInstance): Promise<MatchingOptimum> {
  const prep = prepare(inst);
  const phase1 = await solveMip(buildModel(inst, prep, null));
  const unfilled = Math.round(phase1.objective ?? NaN);
  const phase2 = await solveMip(buildModel(inst, prep, unfilled));
  return { unfilled, cost: Math.round(phase2.objective ?? NaN) };
}

/**
 * The cost of a set of suggestions by the rule (pair cost plus 2·(k−1) for a helper's k-th
 * pairing, existing ones first), and the places it leaves unfilled, with the best kind per deep
 * county: so a matcher's reported numbers are checked against its own suggestions too.
 */
export function evaluateSuggestions(
  inst: MatchingInstance,
  suggestions: readonly PairingRef[],
): MatchingOptimum & { overCapacity: number } {
  const prep = prepare(inst);
  const index = new Map(inst.helpers.map((h, i) => [h.id, i]));
  const countyIndex = new Map(inst.counties.map((c, j) => [c.code, j]));
  const added = inst.helpers.map(() => 0);
  const now = prep.paired.map((s) => new Set(s));
  let cost = 0;
  let overCapacity = 0;
  for (const s of suggestions) {
    const i = index.get(s.helper_id)!;
    const j = countyIndex.get(s.county_code)!;
    if (now[j].has(i)) overCapacity++; // a pairing suggested twice is as wrong as one too many
    now[j].add(i);
    added[i]++;
    cost += referencePairCost(inst.helpers[i], inst.counties[j]) + 2 * (prep.existing[i] + added[i] - 1);
  }
  added.forEach((n, i) => (overCapacity += Math.max(0, n - prep.spare[i])));
  let unfilled = 0;
  inst.counties.forEach((c, j) => {
    const have = (kind: string) => [...now[j]].filter((i) => inst.helpers[i].kind === kind).length;
    if (c.poverty_level === "deep") unfilled += Math.max(0, DEEP - Math.max(have("unit"), have("worker")));
    else if (c.poverty_level === "poverty") unfilled += now[j].size === 0 ? 1 : 0;
  });
  return { unfilled, cost, overCapacity };
}
