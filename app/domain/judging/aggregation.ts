import { mean, median, populationStd, trimmedMean } from "./statistics";

/**
 * Aggregation of the judges' totals per nomination (docs/domain.md#aggregation). The input is every submitted
 * sheet of one category; drafts never count.
 */

export type AggregationMethod = "mean" | "trimmed" | "median" | "zscore";

export const AGGREGATION_METHODS: readonly AggregationMethod[] = ["mean", "trimmed", "median", "zscore"];

/** 去掉一个最高分和一个最低分 needs this many totals; with fewer, `trimmed` falls back to `mean`. */
export const TRIMMED_MIN_SHEETS = 5;

/**
 * True when a category asks for the trimmed mean but assigns fewer judges per nomination than it
 * needs: every nomination would fall back to the mean, so the form and the results say so.
 */
export function trimmedCannotApply(method: string, judgesPerNomination: number | null): boolean {
  return method === "trimmed" && judgesPerNomination !== null && judgesPerNomination < TRIMMED_MIN_SHEETS;
}

export interface SubmittedSheet {
  ref: string;
  judgeId: string | number;
  total: number;
  /** Points per criterion in rubric order. */
  criterionPoints: readonly number[];
}

export interface NominationScore {
  ref: string;
  score: number;
  sheetCount: number;
  /** Population standard deviation of this nomination's judges' totals, on the raw scale. */
  disagreement: number;
  /** Judges' mean points per criterion in rubric order: the tie-breakers. */
  criterionMeans: number[];
  /** `trimmed` was asked for but this nomination had fewer than five sheets. */
  fallbackToMean: boolean;
}

export interface Aggregation {
  method: AggregationMethod;
  /** Some nomination fell back from `trimmed` to `mean`; the ranking says so. */
  fallbackToMean: boolean;
  scores: Map<string, NominationScore>;
}

/** Sheet positions per key, in input order. */
function indexBy<K>(sheets: readonly SubmittedSheet[], key: (s: SubmittedSheet) => K): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  sheets.forEach((sheet, i) => {
    const list = groups.get(key(sheet));
    if (list) list.push(i);
    else groups.set(key(sheet), [i]);
  });
  return groups;
}

/** Missing trailing criteria (a sheet from before the rubric grew) count as 0. */
function criterionMeans(sheets: readonly SubmittedSheet[], own: readonly number[]): number[] {
  let width = 0;
  for (const i of own) width = Math.max(width, sheets[i].criterionPoints.length);
  const sums = new Array<number>(width).fill(0);
  for (const i of own) {
    const points = sheets[i].criterionPoints;
    for (let c = 0; c < points.length; c++) sums[c] += points[c];
  }
  return sums.map((sum) => sum / own.length);
}

/**
 * Each sheet's total turned into the judge's z score: how far above or below the judge's own
 * average it lies, in units of that judge's spread. A judge who gave everyone the same total
 * says nothing about the order, hence z = 0.
 */
function zScores(sheets: readonly SubmittedSheet[]): Float64Array {
  const z = new Float64Array(sheets.length);
  for (const judged of indexBy(sheets, (s) => s.judgeId).values()) {
    const totals = judged.map((i) => sheets[i].total);
    const m = mean(totals);
    const sd = populationStd(totals);
    for (const i of judged) z[i] = sd === 0 ? 0 : (sheets[i].total - m) / sd;
  }
  return z;
}

function rawScore(method: Exclude<AggregationMethod, "zscore">, totals: number[]): number {
  if (method === "median") return median(totals);
  if (method === "trimmed" && totals.length >= TRIMMED_MIN_SHEETS) return trimmedMean(totals);
  return mean(totals);
}

export function aggregate(sheets: readonly SubmittedSheet[], method: AggregationMethod): Aggregation {
  const scores = new Map<string, NominationScore>();
  // z scores are put back on the raw scale with the category's overall mean M and spread S.
  const z = method === "zscore" ? zScores(sheets) : null;
  const all = sheets.map((s) => s.total);
  const M = all.length > 0 ? mean(all) : 0;
  const S = all.length > 0 ? populationStd(all) : 0;
  let anyFallback = false;
  for (const [ref, own] of indexBy(sheets, (s) => s.ref)) {
    const totals = own.map((i) => sheets[i].total);
    const score = method === "zscore" ? M + S * mean(own.map((i) => z![i])) : rawScore(method, totals);
    const fallbackToMean = method === "trimmed" && totals.length < TRIMMED_MIN_SHEETS;
    anyFallback ||= fallbackToMean;
    scores.set(ref, {
      ref,
      score,
      sheetCount: own.length,
      disagreement: populationStd(totals),
      criterionMeans: criterionMeans(sheets, own),
      fallbackToMean,
    });
  }
  return { method, fallbackToMean: anyFallback, scores };
}
