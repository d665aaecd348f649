import type { AppLoadContext } from "@remix-run/node";
import { getCompetition, type CompetitionRow } from "~/models/competition.server";
import type { SessionUser } from "~/models/user.server";
import { allows, authorize } from "./authorize.server";
import { notFound } from "./http.server";
import { idParam } from "./zod";

/** The competition of a URL parameter, or 404 for a malformed or unknown id. */
export async function requireCompetition(context: AppLoadContext, raw: string | undefined): Promise<CompetitionRow> {
  const id = idParam.safeParse(raw);
  const c = id.success ? await getCompetition(context.db, id.data) : undefined;
  if (!c) throw notFound();
  return c;
}

// The decisions are the policy's (app/domain/policy.ts); these names stay for the routes that use them.
export function isCompetitionAdmin(user: SessionUser, c: CompetitionRow): boolean {
  return allows(user, "competition:manage", { orgPath: c.org_path });
}

export function canSeeCompetition(user: SessionUser, organizerPath: string): boolean {
  return allows(user, "competition:read", { orgPath: organizerPath });
}

export function requireCompetitionAdmin(user: SessionUser, c: CompetitionRow): void {
  authorize(user, "competition:manage", { orgPath: c.org_path });
}
