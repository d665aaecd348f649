import type { AppLoadContext } from "@remix-run/node";
import { teamInScope } from "~/domain/activities/team-scope";
import { getTeam, type TeamRecord } from "~/models/team.server";
import type { SessionUser } from "~/models/user.server";
import { scopesOf } from "~/domain/permissions";
import { requireUser } from "./auth.server";
import { authorize } from "./authorize.server";
import { forbidden, notFound } from "./http.server";
import { idParam } from "./zod";

export interface AidAdmin {
  user: SessionUser;
  /** The subtrees the user administers: teams, activities and projects are managed inside them. */
  scopes: string[];
}

/** An admin somewhere; anyone else 403 (or off to sign in). */
export async function requireAidAdmin(request: Request, context: AppLoadContext): Promise<AidAdmin> {
  const user = await requireUser(request, context);
  authorize(user, "admin:somewhere", null);
  return { user, scopes: scopesOf(user.grants, "admin") };
}

/** The team of a URL parameter, inside the admin's scope: 404 when there is none, 403 when it is another org's. */
export async function requireTeamInScope(context: AppLoadContext, scopes: string[], raw: string | undefined): Promise<TeamRecord> {
  const id = idParam.safeParse(raw);
  if (!id.success) throw notFound();
  const team = await getTeam(context.db, id.data);
  if (!team) throw notFound();
  if (!teamInScope(scopes, team.org_path)) throw forbidden();
  return team;
}
