import type { AppLoadContext } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import { scopesOf } from "~/domain/permissions";
import { decide, may, type PolicyAction, type PolicyObjects } from "~/domain/policy";
import type { RegistryScope } from "~/domain/registry/registry-scope";
import { getCompetition, type CompetitionRow } from "~/models/competition.server";
import { getHonoree } from "~/models/honor-roll.server";
import { getCompetitionCategory, type JudgingCategory } from "~/models/judging-category.server";
import { nominatingOrgsOf, type NominatingOrg } from "~/models/nomination-query.server";
import { getProject, type ProjectRecord } from "~/models/project.server";
import { loadRegistryScope } from "~/models/registry-scope.server";
import { getTeam, type TeamRecord } from "~/models/team.server";
import type { SessionUser } from "~/models/user.server";
import { requireUser } from "./auth.server";
import { errorResponse, notFound } from "./http.server";
import { idParam } from "./zod";

/**
 * The one place a refusal is thrown (issue #14): the policy (app/domain/policy.ts) decides, this
 * answers 403 or 404 with the policy's message. A route finds its object through one of the
 * loaders below (or a model function that scopes children to their parent) and authorizes once;
 * tests/unit/authorization-in-one-place.test.ts keeps routes from refusing by themselves.
 */
export function authorize<A extends PolicyAction>(
  user: SessionUser,
  action: A,
  object: PolicyObjects[A],
): void {
  const verdict = decide(user.grants, action, object);
  if (!verdict.ok) throw errorResponse(verdict.status, verdict.messageKey);
}

/** The same question without throwing, for pages that show more to those allowed. */
export function allows<A extends PolicyAction>(
  user: SessionUser,
  action: A,
  object: PolicyObjects[A],
): boolean {
  return may(user.grants, action, object);
}

/** A model's own scope check (ownership in its query) refused: the same 403 or 404 as the policy's. */
export function refusalOf(error: unknown): ReturnType<typeof errorResponse> | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.messageKey === "error.403") return errorResponse(403, "error.403");
  if (error.messageKey === "error.404") return errorResponse(404, "error.404");
  return undefined;
}

// ---- loaders: the object of a URL parameter, 404 for a malformed or unknown id, then authorized ----

async function found<T>(raw: string | undefined, find: (id: number) => Promise<T | undefined>): Promise<T> {
  const id = idParam.safeParse(raw);
  const object = id.success ? await find(id.data) : undefined;
  if (!object) throw notFound();
  return object;
}

/** The competition of a URL parameter, before any question is asked of it (the nomination pages ask their own). */
export function findCompetition(context: AppLoadContext, raw: string | undefined): Promise<CompetitionRow> {
  return found(raw, (id) => getCompetition(context.db, id));
}

export async function requireCompetition(
  context: AppLoadContext,
  raw: string | undefined,
  user: SessionUser,
  action: "competition:read" | "competition:manage",
): Promise<CompetitionRow> {
  const c = await findCompetition(context, raw);
  authorize(user, action, { orgPath: c.org_path });
  return c;
}

/** The category of the URL, for an admin of its competition's organizer; 404 for a category of another competition. */
export async function requireCategoryAdmin(
  request: Request,
  context: AppLoadContext,
  params: Record<string, string | undefined>,
): Promise<{ user: SessionUser; cat: JudgingCategory }> {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  return { user, cat: await found(params.categoryId, (id) => getCompetitionCategory(context.db, c.id, id)) };
}

/** The org a nominator nominates for in a competition: one of theirs inside the organizer's subtree. */
export function requireNominatingOrg(user: SessionUser, c: CompetitionRow, orgId: number): NominatingOrg {
  const org = nominatingOrgsOf(user, c).find((o) => o.id === orgId);
  authorize(user, "nomination:create", { organizerPath: c.org_path, orgPath: org?.path ?? null });
  if (!org) throw notFound(); // not reached: the policy refuses an org that is not theirs
  return org;
}

/** The subtrees an admin acts in, for the actions any admin may take inside their own scope. */
export function requireAdminScopes(user: SessionUser, action: "competition:create" | "audit:read"): string[] {
  authorize(user, action, null);
  return scopesOf(user.grants, "admin");
}

export async function requireJudge(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await requireUser(request, context);
  authorize(user, "judging:score", null);
  return user;
}

/** A top-level union's admin, and the union the calendar's edits are recorded under. */
export async function requireCalendarAdmin(
  request: Request,
  context: AppLoadContext,
): Promise<{ user: SessionUser; orgPath: string }> {
  const user = await requireUser(request, context);
  const orgPath =
    user.grants.find((g) => may(user.grants, "calendar:manage", { orgPath: g.orgPath }))?.orgPath ?? null;
  authorize(user, "calendar:manage", { orgPath });
  return { user, orgPath: orgPath ?? "" };
}

/** A top-level union's admin, for the mail queue (decision 030); the union the retries are recorded under. */
export async function requireMailOperator(
  request: Request,
  context: AppLoadContext,
): Promise<{ user: SessionUser; orgPath: string }> {
  const user = await requireUser(request, context);
  const orgPath =
    user.grants.find((g) => may(user.grants, "mail:operate", { orgPath: g.orgPath }))?.orgPath ?? null;
  authorize(user, "mail:operate", { orgPath });
  return { user, orgPath: orgPath ?? "" };
}

// ---- aid (decision 008) and the registry (decision 007): an admin's own scope ----

export interface AidAdmin {
  user: SessionUser;
  /** The subtrees the user administers: teams, activities and projects are managed inside them. */
  scopes: string[];
}

export async function requireAidAdmin(request: Request, context: AppLoadContext): Promise<AidAdmin> {
  const user = await requireUser(request, context);
  authorize(user, "admin:somewhere", null);
  return { user, scopes: scopesOf(user.grants, "admin") };
}

/** The team of a URL parameter: 404 when there is none, 403 when it is another org's. */
export async function requireTeam(
  context: AppLoadContext,
  user: SessionUser,
  raw: string | undefined,
): Promise<TeamRecord> {
  const team = await found(raw, (id) => getTeam(context.db, id));
  authorize(user, "aid:manage", { orgPath: team.org_path });
  return team;
}

/** The project of a URL parameter, managed by the admins of its helper's org. */
export async function requireProject(
  context: AppLoadContext,
  user: SessionUser,
  raw: string | undefined,
): Promise<ProjectRecord> {
  const project = await found(raw, (id) => getProject(context.db, id));
  authorize(user, "aid:manage", { orgPath: project.org_path });
  return project;
}

export async function requireRegistryAdmin(
  request: Request,
  context: AppLoadContext,
): Promise<{ user: SessionUser; scope: RegistryScope }> {
  const user = await requireUser(request, context);
  authorize(user, "registry:manage", null);
  return { user, scope: await loadRegistryScope(context.db, scopesOf(user.grants, "admin")) };
}

export async function requireProvinceAdmin(request: Request, context: AppLoadContext) {
  const admin = await requireRegistryAdmin(request, context);
  authorize(admin.user, "registry:match", { wholeRegistry: admin.scope.all });
  return admin;
}

// ---- public pages: no user, but the same one place for "is there such an object" ----

/** The public record of one honoree; 404 for none, 410 for a revoked title (gone from the public roll). */
export async function requirePublicHonoree(db: Kysely<Database>, raw: string | undefined) {
  const h = await found(raw, (id) => getHonoree(db, id));
  if (h.revoked) throw errorResponse(410, "honors.revoked");
  const { revoked: _revoked, ...shown } = h;
  return shown;
}
