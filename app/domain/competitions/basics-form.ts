import { z } from "zod";
import { NOTICE_UNITS, STAGES } from "./vocabulary";

export const PLANNED_STAGES = STAGES.filter((s) => s !== "draft" && s !== "archived");

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .refine(
    (v) =>
      v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
    "form.date",
  );

/** The basics form: fields, and for each planned stage `<stage>_start` / `<stage>_end`. */
export const BasicsFormSchema = z
  .object({
    title: z.string().trim().min(1, "form.required").max(100),
    year: z.coerce
      .number({ message: "form.invalid" })
      .int("form.invalid")
      .min(1950, "form.invalid")
      .max(2100, "form.invalid"),
    description: z.string().trim().max(5000).default(""),
    noticeDays: z.coerce
      .number({ message: "notice.days" })
      .int("notice.days")
      .min(1, "notice.days")
      .max(90, "notice.days"),
    noticeUnit: z.enum(NOTICE_UNITS, { message: "notice.unit" }),
    ...Object.fromEntries(
      PLANNED_STAGES.flatMap((s) => [
        [`${s}_start`, optionalDate],
        [`${s}_end`, optionalDate],
      ]),
    ),
  })
  .superRefine((v, ctx) => {
    const rec = v as Record<string, unknown>;
    for (const s of PLANNED_STAGES) {
      const a = rec[`${s}_start`] as string | null;
      const b = rec[`${s}_end`] as string | null;
      if ((a === null) !== (b === null))
        ctx.addIssue({
          code: "custom",
          path: [a === null ? `${s}_start` : `${s}_end`],
          message: "form.required",
        });
      else if (a && b && a > b)
        ctx.addIssue({ code: "custom", path: [`${s}_end`], message: "competition.stageDates" });
    }
  })
  .transform((v) => {
    const rec = v as Record<string, unknown>;
    const stages = Object.fromEntries(
      PLANNED_STAGES.map((s) => {
        const a = rec[`${s}_start`] as string | null;
        const b = rec[`${s}_end`] as string | null;
        return [s, a && b ? ([a, b] as [string, string]) : null];
      }),
    );
    return {
      title: v.title,
      year: v.year,
      description: v.description,
      noticeDays: v.noticeDays,
      noticeUnit: v.noticeUnit,
      stages,
    };
  });
