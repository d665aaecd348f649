/**
 * One activity of a technical aid team (技术扶贫服务队), as a sheet row or the form gives it, checked
 * into exact values: money in integer fen, counts as integers, and the plausibility rules of
 * decision 008 (nobody is lifted out of poverty who was not helped; a household is at least one
 * person; an activity has at least one person-time).
 */
import { parseYuanToFen } from "../money";
import { dayNumber } from "../notice/iso-date";
import type { MessageKey, Params } from "~/i18n";

export const COUNT_FIELDS = [
  "person_times",
  "households_helped",
  "people_helped",
  "households_lifted",
  "people_lifted",
] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** Text fields as they arrive, keyed like the sheet's English headers. */
export type ActivityText = Record<
  "team" | "date" | "county_code" | "village" | "kind" | "funds_yuan" | CountField,
  string
> & { org?: string };

export interface ActivityValues extends Record<CountField, number> {
  team: string;
  date: string;
  year: number;
  countyCode: string;
  village: string;
  kind: string;
  fundsFen: number;
  org: string;
}

export interface FieldIssue {
  field: string;
  messageKey: MessageKey;
  params?: Params;
}

export const MAX_NAME = 100;
/** Beyond this a count is a typing slip, not an activity (a county has well under a million people). */
export const MAX_COUNT = 1_000_000;
export const FIRST_YEAR = 2000;

function text(value: string | undefined, field: string, issues: FieldIssue[], required = true): string {
  const v = (value ?? "").trim();
  if (!v && required) issues.push({ field, messageKey: "form.required" });
  else if ([...v].length > MAX_NAME)
    issues.push({ field, messageKey: "form.tooLong", params: { max: MAX_NAME } });
  return v;
}

function count(value: string | undefined, field: CountField, issues: FieldIssue[]): number {
  const v = (value ?? "").normalize("NFKC").trim().replace(/,/g, "");
  if (v === "") return 0;
  if (!/^\d+$/.test(v)) {
    issues.push({ field, messageKey: "activities.count.invalid" });
    return 0;
  }
  const n = Number(v);
  if (n > MAX_COUNT)
    issues.push({ field, messageKey: "activities.count.tooLarge", params: { max: MAX_COUNT } });
  return n;
}

function date(value: string | undefined, today: string, issues: FieldIssue[]): string {
  const v = (value ?? "").trim();
  if (!v) issues.push({ field: "date", messageKey: "form.required" });
  else if (dayNumber(v) === null) issues.push({ field: "date", messageKey: "form.date" });
  else if (v > today) issues.push({ field: "date", messageKey: "activities.date.future" });
  else if (Number(v.slice(0, 4)) < FIRST_YEAR)
    issues.push({ field: "date", messageKey: "activities.date.tooEarly", params: { year: FIRST_YEAR } });
  return v;
}

function funds(value: string | undefined, issues: FieldIssue[]): number {
  const v = (value ?? "").trim();
  if (v === "") return 0;
  const r = parseYuanToFen(v);
  if (r.ok) return r.fen;
  issues.push({ field: "funds_yuan", messageKey: r.messageKey });
  return 0;
}

/** The plausibility rules, on counts that each read well. */
export function plausibilityIssues(v: Record<CountField, number>): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (v.person_times < 1) out.push({ field: "person_times", messageKey: "activities.rule.personTimes" });
  if (v.households_lifted > v.households_helped)
    out.push({ field: "households_lifted", messageKey: "activities.rule.householdsLifted" });
  if (v.people_lifted > v.people_helped)
    out.push({ field: "people_lifted", messageKey: "activities.rule.peopleLifted" });
  if (v.households_helped > v.people_helped)
    out.push({ field: "households_helped", messageKey: "activities.rule.householdsHelped" });
  if (v.households_lifted > v.people_lifted)
    out.push({ field: "households_lifted", messageKey: "activities.rule.householdsLiftedPeople" });
  return out;
}

/**
 * Checks every field and rule; `today` (ISO) refuses dates to come. Empty counts and funds are 0:
 * a training day helps nobody by itself, and sheets leave such cells blank.
 */
export function parseActivity(
  t: ActivityText,
  today: string,
): { ok: true; value: ActivityValues } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const team = text(t.team, "team", issues);
  const d = date(t.date, today, issues);
  const countyCode = (t.county_code ?? "").trim();
  if (!countyCode) issues.push({ field: "county_code", messageKey: "form.required" });
  else if (!/^\d{6}$/.test(countyCode)) issues.push({ field: "county_code", messageKey: "form.regionCode" });
  const village = text(t.village, "village", issues);
  const kind = text(t.kind, "kind", issues);
  const fundsFen = funds(t.funds_yuan, issues);
  const counts = Object.fromEntries(COUNT_FIELDS.map((f) => [f, count(t[f], f, issues)])) as Record<
    CountField,
    number
  >;
  const org = text(t.org, "org", issues, false);
  if (!issues.some((i) => (COUNT_FIELDS as readonly string[]).includes(i.field)))
    issues.push(...plausibilityIssues(counts));
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      team,
      date: d,
      year: Number(d.slice(0, 4)),
      countyCode,
      village,
      kind,
      fundsFen,
      org,
      ...counts,
    },
  };
}
