import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { getHonoree } from "~/models/honor-roll.server";
import { errorResponse, notFound } from "./http.server";
import { idParam } from "./zod";

/** The public record of one honoree; 404 for none, 410 for a revoked title (gone from the public roll). */
export async function requirePublicHonoree(db: Kysely<Database>, raw: string | undefined) {
  const id = idParam.safeParse(raw);
  const h = id.success ? await getHonoree(db, id.data) : undefined;
  if (!h) throw notFound();
  if (h.revoked) throw errorResponse(410, "honors.revoked");
  const { revoked: _revoked, ...shown } = h;
  return shown;
}
