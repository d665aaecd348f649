import { z } from "zod";
import { isIsoDate } from "./iso-date";

/** Longest notice accepted: real ones run 5 working or 7 calendar days; 90 catches typos like 500. */
export const MAX_NOTICE_DAYS = 90;

/** Message keys this module can produce (all in the i18n catalogs). */
export type NoticeInputMessageKey = "form.required" | "form.date" | "notice.days" | "notice.unit";

export const IsoDateSchema = z
  .string({ required_error: "form.required" })
  .trim()
  .min(1, "form.required")
  .refine(isIsoDate, "form.date");

/**
 * A notice period as a form, the competition template (`notice: {days, unit}`) or the CLI gives
 * it. Days arrive as text from forms and the command line, as numbers from JSON.
 */
export const NoticePeriodSchema = z.object({
  start: IsoDateSchema,
  days: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v),
    z
      .number({ required_error: "form.required", invalid_type_error: "notice.days" })
      .int("notice.days")
      .min(1, "notice.days")
      .max(MAX_NOTICE_DAYS, "notice.days"),
  ),
  unit: z.enum(["working", "calendar"], { message: "notice.unit" }).default("working"),
});

export type NoticePeriod = z.infer<typeof NoticePeriodSchema>;
