import { z } from "zod";
import { MAX_ID } from "../input-bounds";

export const MAX_OBJECTION_FACTS = 2000;
/**
 * The least an objection must say for the organizer to verify it: who did what, where. Counted in
 * characters as people count them, spaces left out, so that "   x" or "不实" is sent back with the
 * text kept, not stored as an objection that blocks the publication and cannot be checked.
 */
export const MIN_OBJECTION_FACTS = 10;
export const MAX_RESOLUTION_REASON = 1000;
/** Objections one sender may file per hour; real objectors file one or two. */
export const OBJECTIONS_PER_HOUR = 5;
/**
 * Open objections one competition's notice takes at once. Every open objection blocks the
 * publication until an admin resolves it, so a flood from many addresses could otherwise hold a
 * list up for ever; a real notice draws a handful. Past it the form sends people to the organizer.
 */
export const OPEN_OBJECTIONS_PER_COMPETITION = 200;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

/** The public objection form. `website` is a honeypot: people never see it, robots fill it. */
export const ObjectionSchema = z.object({
  nomination: z.coerce
    .number({ invalid_type_error: "objection.entry" })
    .int()
    .positive("objection.entry")
    .max(MAX_ID, "objection.entry"),
  facts: z
    .string({ required_error: "form.required" })
    .trim()
    .min(1, "form.required")
    .max(MAX_OBJECTION_FACTS)
    .superRefine((text, ctx) => {
      const count = [...text.replace(/\s+/g, "")].length;
      if (count < MIN_OBJECTION_FACTS)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: "objection.factsTooShort",
          params: { min: MIN_OBJECTION_FACTS, count },
        });
    }),
  name: optionalText(50),
  contact: optionalText(100),
  website: z.string().optional(),
});
export type ObjectionInput = z.infer<typeof ObjectionSchema>;

export const ResolutionSchema = z.object({
  objection: z.coerce.number().int().positive().max(MAX_ID),
  outcome: z.enum(["upheld", "dismissed"], { message: "objection.outcome" }),
  reason: z
    .string({ required_error: "objection.reasonRequired" })
    .trim()
    .min(1, "objection.reasonRequired")
    .max(MAX_RESOLUTION_REASON),
  promote: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1" || v === "true"),
  /** Whether the replacement gets its own notice period (the common practice, and the form's default). */
  freshNotice: z
    .enum(["yes", "no"])
    .optional()
    .transform((v) => v !== "no"),
});
export type ResolutionInput = z.infer<typeof ResolutionSchema>;
