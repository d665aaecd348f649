import { z } from "zod";
import { MAX_ID, NO_NUL } from "../input-bounds";

const blankIsAbsent = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The public search and filters, from a URL: anything malformed is a 400, never a 500. */
export const RollQuerySchema = z.object({
  q: z.preprocess(blankIsAbsent, z.string().trim().max(50).regex(NO_NUL).optional()),
  region: z.preprocess(
    blankIsAbsent,
    z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  ),
  year: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1949).max(2100).optional()),
  category: z.preprocess(blankIsAbsent, z.coerce.number().int().positive().max(MAX_ID).optional()),
  page: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100000).default(1)),
});
export type RollQuery = z.infer<typeof RollQuerySchema>;

export function parseRollQuery(url: string): RollQuery | null {
  const r = RollQuerySchema.safeParse(Object.fromEntries(new URL(url).searchParams));
  return r.success ? r.data : null;
}
