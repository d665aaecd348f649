import type { z } from "zod";
import type { ContestMethod } from "./scheme";

/** The fields each method reads; any other method-specific field is refused rather than ignored. */
const FIELDS_OF: Record<ContestMethod, readonly MethodField[]> = {
  target: ["weight", "cap"],
  rank: ["weight", "direction"],
  bonus: ["per_unit", "max_points"],
  deduction: ["per_unit", "max_points"],
  veto: [],
};
const METHOD_FIELDS = ["weight", "cap", "direction", "per_unit", "max_points"] as const;
type MethodField = (typeof METHOD_FIELDS)[number];

type IndicatorFields = { code: string; method: ContestMethod } & Record<MethodField, unknown>;

function refuse(ctx: z.RefinementCtx, path: (string | number)[], message: string, params: object) {
  ctx.addIssue({ code: "custom", path, message, params });
}

/** What a method needs is there, and nothing it would silently ignore is. */
export function checkIndicatorFields(i: IndicatorFields, ctx: z.RefinementCtx) {
  const params = { code: i.code, method: i.method };
  if ((i.method === "target" || i.method === "rank") && i.weight === null)
    refuse(ctx, ["weight"], "contest.scheme.weightRequired", params);
  if (i.method === "rank" && i.direction === null)
    refuse(ctx, ["direction"], "contest.scheme.rankDirection", params);
  if ((i.method === "bonus" || i.method === "deduction") && (i.per_unit === null || i.max_points === null))
    refuse(ctx, [i.per_unit === null ? "per_unit" : "max_points"], "contest.scheme.bonusPoints", params);
  for (const field of METHOD_FIELDS)
    if (i[field] !== null && !FIELDS_OF[i.method].includes(field))
      refuse(ctx, [field], "contest.scheme.notForMethod", { ...params, field });
}

function refuseDuplicates(
  ctx: z.RefinementCtx,
  list: string,
  names: string[],
  message: string,
  param: string,
) {
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (seen.has(name)) refuse(ctx, [list, index], message, { [param]: name });
    seen.add(name);
  });
}

interface SchemeLists {
  groups: string[];
  periods: { label: string; opens: string; closes: string }[];
  indicators: { code: string }[];
}

/**
 * Unique names, and reporting windows in order without overlap: a report belongs to exactly one
 * open period, and "period k − 1" is the one before it in time as well as in the list.
 */
export function checkSchemeLists(s: SchemeLists, ctx: z.RefinementCtx) {
  refuseDuplicates(ctx, "groups", s.groups, "contest.scheme.duplicateGroup", "group");
  refuseDuplicates(
    ctx,
    "periods",
    s.periods.map((p) => p.label),
    "contest.scheme.duplicatePeriod",
    "label",
  );
  refuseDuplicates(
    ctx,
    "indicators",
    s.indicators.map((i) => i.code),
    "contest.scheme.duplicateCode",
    "code",
  );
  s.periods.forEach((p, index) => {
    for (const other of s.periods.slice(0, index)) {
      if (p.opens <= other.closes && other.opens <= p.closes)
        refuse(ctx, ["periods", index], "contest.scheme.periodsOverlap", {
          label: p.label,
          other: other.label,
        });
      else if (p.opens < other.opens)
        refuse(ctx, ["periods", index], "contest.scheme.periodOrder", { label: p.label, other: other.label });
    }
  });
}
