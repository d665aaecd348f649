import type { z } from "zod";
import type { FieldErrors } from "~/utils/form-state";
import { ContestSchemeSchema, type ContestScheme } from "./scheme-schema";
import { schemeProblems } from "./scheme-problems";

/**
 * The set-up form (no JavaScript): groups one per line ("name | top N"), then numbered rows of
 * periods (`period_<field>_<row>`) and indicators (`ind_<field>_<row>`), each with a remove box;
 * a row left blank is no row. Read into the template's scheme, every refusal placed on its field.
 */
export const PERIOD_FIELDS = ["label", "opens", "closes"] as const;
export const INDICATOR_TEXT_FIELDS = ["code", "title", "unit", "aggregation", "method"] as const;
export const INDICATOR_NUMBER_FIELDS = ["weight", "cap", "per_unit", "max_points"] as const;
export const INDICATOR_CHOICE_FIELDS = ["direction", "measure"] as const;
const INDICATOR_FIELDS = [...INDICATOR_TEXT_FIELDS, ...INDICATOR_NUMBER_FIELDS, ...INDICATOR_CHOICE_FIELDS];

export type SetupForm = Record<string, string>;
export type SetupResult =
  | { ok: true; scheme: ContestScheme; topN: Map<string, number | null> }
  | { ok: false; errors: FieldErrors };

const TOP_N = /^(.*?)\s*[|｜]\s*(\d{1,4})\s*$/;

function readGroups(text: string, errors: FieldErrors) {
  const names: string[] = [];
  const topN = new Map<string, number | null>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = TOP_N.exec(line);
    const name = (m ? m[1] : line).trim();
    if (!m && /[|｜]/.test(line)) errors.groups ??= { key: "contestSetup.notANumber" };
    names.push(name);
    topN.set(name, m ? Number(m[2]) : null);
  }
  return { names, topN };
}

/** The row numbers the form posted for a prefix, in order, without blank or removed rows. */
function rowsOf(form: SetupForm, prefix: string, fields: readonly string[]): number[] {
  const count = Math.min(Number(form[`${prefix}_rows`]) || 0, 200);
  const rows: number[] = [];
  for (let row = 0; row < count; row++) {
    if (form[`${prefix}_remove_${row}`]) continue;
    if (fields.every((f) => !(form[`${prefix}_${f}_${row}`] ?? "").trim())) continue;
    rows.push(row);
  }
  return rows;
}

function readNumber(form: SetupForm, name: string, errors: FieldErrors): number | null {
  const text = (form[name] ?? "").trim();
  if (!text) return null;
  const n = Number(text);
  if (!Number.isFinite(n)) errors[name] = { key: "contestSetup.notANumber" };
  return Number.isFinite(n) ? n : null;
}

function readIndicator(form: SetupForm, row: number, errors: FieldErrors) {
  const value = (f: string) => (form[`ind_${f}_${row}`] ?? "").trim();
  const out: Record<string, unknown> = Object.fromEntries(INDICATOR_TEXT_FIELDS.map((f) => [f, value(f)]));
  for (const f of INDICATOR_NUMBER_FIELDS) out[f] = readNumber(form, `ind_${f}_${row}`, errors);
  for (const f of INDICATOR_CHOICE_FIELDS) out[f] = value(f) || null;
  out.confidential = !!form[`ind_confidential_${row}`];
  return out;
}

/** Where a refusal of the scheme goes on the form: the field of its row, or the section. */
function fieldOf(path: string, periodRows: number[], indicatorRows: number[]): string {
  const [list, index, field] = path.split(".");
  if (list === "periods" && index !== undefined)
    return `period_${field ?? "label"}_${periodRows[Number(index)]}`;
  if (list === "indicators" && index !== undefined)
    return `ind_${field ?? "code"}_${indicatorRows[Number(index)]}`;
  return list === "groups" || list === "periods" || list === "indicators" ? list : "_form";
}

export function readSetupForm(form: SetupForm): SetupResult {
  const errors: FieldErrors = {};
  const { names, topN } = readGroups(form.groups ?? "", errors);
  const periodRows = rowsOf(form, "period", PERIOD_FIELDS);
  // The selects always post a choice: a row is blank when nothing was typed in it.
  const indicatorRows = rowsOf(form, "ind", ["code", "title", "unit", ...INDICATOR_NUMBER_FIELDS]);
  const input = {
    groups: names,
    periods: periodRows.map((row) =>
      Object.fromEntries(PERIOD_FIELDS.map((f) => [f, (form[`period_${f}_${row}`] ?? "").trim()])),
    ),
    indicators: indicatorRows.map((row) => readIndicator(form, row, errors)),
  };
  const parsed = ContestSchemeSchema.safeParse(input);
  if (!parsed.success) placeProblems(parsed.error, periodRows, indicatorRows, errors);
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, scheme: parsed.data, topN };
}

function placeProblems(
  error: z.ZodError,
  periodRows: number[],
  indicatorRows: number[],
  errors: FieldErrors,
) {
  for (const p of schemeProblems(error)) {
    const field = fieldOf(p.path, periodRows, indicatorRows);
    errors[field] ??= { key: p.key, params: p.params };
  }
}

/** The form's values for a stored scheme (and the blank rows to add to). */
export function setupFormValues(
  scheme: (ContestScheme & { topN: Record<string, number | null> }) | null,
  blankRows = 3,
): SetupForm {
  const values: SetupForm = {};
  const groups = scheme?.groups ?? [];
  values.groups = groups.map((g) => (scheme?.topN[g] != null ? `${g} | ${scheme.topN[g]}` : g)).join("\n");
  const periods = scheme?.periods ?? [];
  periods.forEach((p, row) => PERIOD_FIELDS.forEach((f) => (values[`period_${f}_${row}`] = p[f])));
  values.period_rows = String(periods.length + blankRows);
  const indicators = scheme?.indicators ?? [];
  indicators.forEach((i, row) => {
    for (const f of INDICATOR_FIELDS) {
      const v = i[f as keyof typeof i];
      values[`ind_${f}_${row}`] = v === null || v === undefined ? "" : String(v);
    }
    if (i.confidential) values[`ind_confidential_${row}`] = "on";
  });
  values.ind_rows = String(indicators.length + blankRows);
  return values;
}
