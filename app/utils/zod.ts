import { z } from "zod";
import { MAX_ID, NO_NUL } from "~/domain/input-bounds";

/** Form text: trimmed, and "" counts as absent for optional fields. */
export const text = (max: number) => z.string().trim().min(1, "form.required").max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));
export const idParam = z.coerce.number().int().positive().max(MAX_ID);
/** Search text from a query string: PostgreSQL refuses NUL in text, so a query holding one is refused before it runs. */
export const searchText = (max: number) => z.string().max(max).regex(NO_NUL);
export const pageParam = z.coerce.number().int().min(1).max(100000).catch(1);
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "form.date")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "form.date");
