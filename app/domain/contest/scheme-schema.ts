import { z } from "zod";
import { isIsoDate } from "../notice/iso-date";
import { checkIndicatorFields, checkSchemeLists } from "./scheme-checks";
import { AID_MEASURES, CONTEST_AGGREGATIONS, CONTEST_METHODS, RANK_DIRECTIONS } from "./scheme";

/**
 * The competition template's `contest` section (docs/domain.md#contest): groups, periods and
 * indicators. Every refusal carries a message key of app/i18n (contest messages), with the
 * offending code, label or group as a parameter where one is named.
 */

/** Codes are typed in sheets (`indicator` column): short, ASCII, no spaces. */
const INDICATOR_CODE = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

const isoDate = z.string().refine(isIsoDate, "form.date");
const nullableNumber = (schema: z.ZodNumber) => schema.nullable().default(null);

export const ContestPeriodSchema = z
  .object({
    label: z.string().trim().min(1, "form.required").max(30, "contest.scheme.labelLength"),
    opens: isoDate,
    closes: isoDate,
  })
  .strict("contest.scheme.unknownField")
  .refine((p) => p.opens <= p.closes, { message: "contest.scheme.periodDates", path: ["closes"] });

export const ContestIndicatorSchema = z
  .object({
    code: z.string().trim().regex(INDICATOR_CODE, "contest.scheme.code"),
    title: z.string().trim().min(1, "form.required").max(100),
    unit: z.string().trim().min(1, "form.required").max(20),
    aggregation: z.enum(CONTEST_AGGREGATIONS, { message: "contest.scheme.aggregation" }),
    method: z.enum(CONTEST_METHODS, { message: "contest.scheme.method" }),
    weight: nullableNumber(
      z.number().min(0, "contest.scheme.weightNegative").max(1000, "contest.scheme.weightMax"),
    ),
    cap: nullableNumber(z.number().min(1, "contest.scheme.cap").max(10, "contest.scheme.cap")),
    direction: z.enum(RANK_DIRECTIONS, { message: "contest.scheme.direction" }).nullable().default(null),
    per_unit: nullableNumber(
      z.number().positive("contest.scheme.perUnit").max(1e6, "contest.scheme.perUnit"),
    ),
    max_points: nullableNumber(
      z.number().positive("contest.scheme.maxPoints").max(1000, "contest.scheme.maxPoints"),
    ),
    measure: z.enum(AID_MEASURES, { message: "contest.scheme.measure" }).nullable().default(null),
    confidential: z.boolean().default(false),
  })
  .strict("contest.scheme.unknownField")
  .superRefine(checkIndicatorFields)
  // A target indicator without a cap caps at 100 %: over-fulfilment earns nothing extra.
  .transform((i) => ({ ...i, cap: i.method === "target" ? (i.cap ?? 1) : null }));

export const ContestSchemeSchema = z
  .object({
    groups: z
      .array(z.string().trim().min(1, "form.required").max(50, "contest.scheme.groupLength"))
      .min(1, "contest.scheme.noGroups")
      .max(50, "contest.scheme.tooManyGroups"),
    periods: z
      .array(ContestPeriodSchema)
      .min(1, "contest.scheme.noPeriods")
      .max(60, "contest.scheme.tooManyPeriods"),
    indicators: z
      .array(ContestIndicatorSchema)
      .min(1, "contest.scheme.noIndicators")
      .max(50, "contest.scheme.tooManyIndicators"),
  })
  .strict("contest.scheme.unknownField")
  .superRefine(checkSchemeLists);

export type ContestScheme = z.output<typeof ContestSchemeSchema>;
export type ContestIndicator = z.output<typeof ContestIndicatorSchema>;
export type ContestPeriod = z.output<typeof ContestPeriodSchema>;
