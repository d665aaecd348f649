import type { AppLoadContext } from "@remix-run/node";
import { getOrg, type OrgRow } from "~/models/org.server";
import { notFound } from "./http.server";
import { idParam } from "./zod";

/** The org named by a URL parameter, or 404 for a malformed or unknown id. */
export async function requireOrg(context: AppLoadContext, raw: string | undefined): Promise<OrgRow> {
  const id = idParam.safeParse(raw);
  const org = id.success ? await getOrg(context.db, id.data) : undefined;
  if (!org) throw notFound();
  return org;
}
