/**
 * A judge's score sheet against the category's rubric (docs/domain.md#judging): one entry of points per
 * criterion, in rubric order, each an integer or a half between 0 and the criterion's maximum.
 */

export interface Criterion {
  title: string;
  maxPoints: number;
}

export type PointsProblemCode = "missing" | "not_a_number" | "not_half_step" | "negative" | "above_max";

export interface PointsProblem {
  /** Index of the criterion in rubric order; -1 when the sheet's length is wrong. */
  criterion: number;
  code: PointsProblemCode | "wrong_count";
  maxPoints?: number;
}

export type SheetCheck = { ok: true; total: number } | { ok: false; problems: PointsProblem[] };

/** Integers and halves only: 7 and 7.5 are points, 7.25 is not. */
export function isHalfStep(points: number): boolean {
  return Number.isFinite(points) && Number.isInteger(points * 2);
}

function checkPoints(points: number | null | undefined, maxPoints: number): PointsProblemCode | null {
  if (points === null || points === undefined) return "missing";
  if (typeof points !== "number" || Number.isNaN(points)) return "not_a_number";
  if (!isHalfStep(points)) return "not_half_step";
  if (points < 0) return "negative";
  if (points > maxPoints) return "above_max";
  return null;
}

/**
 * Checks every criterion and reports all problems at once, so a form can mark each field.
 * A draft may leave criteria empty (`allowMissing`); its total counts what is filled in.
 * Halves add up exactly in binary floating point, so the total is exact.
 */
export function checkScoreSheet(
  points: readonly (number | null | undefined)[],
  criteria: readonly Criterion[],
  options: { allowMissing?: boolean } = {},
): SheetCheck {
  if (points.length !== criteria.length)
    return { ok: false, problems: [{ criterion: -1, code: "wrong_count" }] };
  const problems: PointsProblem[] = [];
  let total = 0;
  criteria.forEach((criterion, i) => {
    const code = checkPoints(points[i], criterion.maxPoints);
    if (code === "missing" && options.allowMissing) return;
    if (code) problems.push({ criterion: i, code, maxPoints: criterion.maxPoints });
    else total += points[i] as number;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, total };
}

/** The largest total the rubric allows (usually 100). */
export function rubricMaxTotal(criteria: readonly Criterion[]): number {
  return criteria.reduce((sum, c) => sum + c.maxPoints, 0);
}
