import type { AppLoadContext } from "@remix-run/node";
import { isWithin } from "~/domain/org-tree";
import { hasRoleAt } from "~/domain/permissions";
import { getCompetition, type CompetitionRow } from "~/models/competition.server";
import type { SessionUser } from "~/models/user.server";
import { forbidden, notFound } from "./http.server";
import { idParam } from "./zod";

/** The competition of a URL parameter, or 404 for a malformed or unknown id. */
export async function requireCompetition(context: AppLoadContext, raw: string | undefined): Promise<CompetitionRow> {
  const id = idParam.safeParse(raw);
  const c = id.success ? await getCompetition(context.db, id.data) : undefined;
  if (!c) throw notFound();
  return c;
}

export function isCompetitionAdmin(user: SessionUser, c: CompetitionRow): boolean {
  return hasRoleAt(user.grants, "admin", c.org_path);
}

/** Admins of the organizer (or above) and anyone holding a role inside the organizer's subtree. */
export function canSeeCompetition(user: SessionUser, organizerPath: string): boolean {
  return user.grants.some((g) => isWithin(g.orgPath, organizerPath) || (g.role === "admin" && isWithin(organizerPath, g.orgPath)));
}

export function requireCompetitionAdmin(user: SessionUser, c: CompetitionRow): void {
  if (!isCompetitionAdmin(user, c)) throw forbidden();
}
