import { z } from "zod";
import { EXPORT_FORMATS } from "~/domain/activities/stats-table";
import { badRequest } from "./http.server";

const Year = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.coerce.number().int().min(1900).max(2999).optional());

/** `?year=` of the statistics page and its export: absent or empty for every year; anything else not a year is a 400. */
export function parseStatsYear(request: Request): number | null {
  const r = Year.safeParse(new URL(request.url).searchParams.get("year") ?? undefined);
  if (!r.success) throw badRequest();
  return r.data ?? null;
}

export function parseExportFormat(request: Request): (typeof EXPORT_FORMATS)[number] {
  const r = z.enum(EXPORT_FORMATS).safeParse(new URL(request.url).searchParams.get("format") || "csv");
  if (!r.success) throw badRequest();
  return r.data;
}
