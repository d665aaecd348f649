import { z } from "zod";
import { AGGREGATIONS, CATEGORY_KINDS, NOTICE_UNITS, RULE_ATTRIBUTES, RULE_OPS, STAGES } from "./vocabulary";
import { acceptedRuleValues, ruleAttributeName, unknownRuleValues } from "../judging/composition-rules";
import { ContestSchemeSchema } from "../contest/scheme-schema";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "form.date")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "form.date",
  );

/** A share of the quota, written as a decimal in (0, 1]; kept as text so thresholds stay exact. */
export const ShareSchema = z
  .union([z.number(), z.string()])
  .transform((v) => (typeof v === "number" ? String(v) : v.trim()))
  .refine((s) => /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/.test(s) && Number(s) > 0, "competition.share");

export const CriterionSchema = z.object({
  title: z.string().trim().min(1, "form.required").max(100),
  max_points: z
    .number()
    .positive("competition.maxPoints")
    .max(1000)
    .refine((v) => Number.isInteger(v * 2), "competition.maxPoints"),
  description: z.string().trim().max(1000).default(""),
});

/**
 * A composition rule. Each value must be one of its attribute's values, in either spelling: the
 * refusal names the unknown value and the accepted ones (issue #16, docs/domain.md#composition-rules).
 */
export const RuleSchema = z
  .object({
    label: z.string().trim().min(1, "form.required").max(100),
    attribute: z.enum(RULE_ATTRIBUTES, { message: "form.invalidChoice" }),
    values: z.array(z.string().trim().min(1).max(50)).min(1, "form.required").max(20),
    op: z.enum(RULE_OPS, { message: "form.invalidChoice" }),
    share: ShareSchema,
  })
  .superRefine((rule, ctx) => {
    for (const value of unknownRuleValues(rule))
      ctx.addIssue({
        code: "custom",
        path: ["values", rule.values.indexOf(value)],
        message: "competition.ruleValueUnknown",
        params: {
          value,
          attribute: ruleAttributeName(rule.attribute),
          accepted: acceptedRuleValues(rule.attribute),
        },
      });
  });

export const AllocationSchema = z.object({
  org: z.string().trim().min(1, "form.required").max(100),
  nominations: z.number().int().min(0).max(100000),
});

export const CategorySchema = z.object({
  name: z.string().trim().min(1, "form.required").max(50),
  kind: z.enum(CATEGORY_KINDS, { message: "form.invalidChoice" }),
  quota: z.number().int().min(1, "competition.quota").max(100000),
  aggregation: z.enum(AGGREGATIONS, { message: "form.invalidChoice" }).default("mean"),
  judges_per_nomination: z.number().int().min(1).max(100).nullable().default(null),
  blind: z.boolean().default(false),
  honor_level: z.enum(["national", "provincial", "city"]).nullable().default(null),
  honor_title: z.string().trim().max(50).nullable().default(null),
  criteria: z.array(CriterionSchema).max(30).default([]),
  rules: z.array(RuleSchema).max(12).default([]),
  allocations: z.array(AllocationSchema).max(2000).default([]),
});

const stageNames = STAGES.filter((s) => s !== "draft" && s !== "archived");

/** The competition template (docs/domain.md#command-line), as `competition import` reads and `export` writes it. */
export const CompetitionTemplateSchema = z
  .object({
    title: z.string().trim().min(1, "form.required").max(100),
    year: z.number().int().min(1950).max(2100),
    organizer: z.string().trim().min(1, "form.required").max(100),
    description: z.string().trim().max(5000).default(""),
    notice: z
      .object({ days: z.number().int().min(1).max(90), unit: z.enum(NOTICE_UNITS) })
      .default({ days: 5, unit: "working" }),
    stages: z
      .record(z.string(), z.tuple([isoDate, isoDate]))
      .default({})
      .refine(
        (r) => Object.keys(r).every((k) => (stageNames as string[]).includes(k)),
        "competition.stageName",
      )
      .refine((r) => Object.values(r).every(([a, b]) => a <= b), "competition.stageDates"),
    categories: z.array(CategorySchema).max(20),
    /** The contest the competition runs before it nominates (docs/domain.md#contest); none: no `running` stage. */
    contest: ContestSchemeSchema.optional(),
  })
  .superRefine((t, ctx) => {
    if (t.stages.running && !t.contest)
      ctx.addIssue({
        code: "custom",
        path: ["stages", "running"],
        message: "contestSetup.runningWithoutContest",
      });
    const names = t.categories.map((c) => c.name);
    if (new Set(names).size !== names.length)
      ctx.addIssue({ code: "custom", path: ["categories"], message: "competition.duplicateCategory" });
  });

export type CompetitionTemplate = z.output<typeof CompetitionTemplateSchema>;
export type CategoryInput = z.output<typeof CategorySchema>;
