import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { ProjectFields } from "~/domain/activities/project-input";
import { teamInScope } from "~/domain/activities/team-scope";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { auditPathOf } from "./team.server";

function projects(db: Kysely<Database>) {
  return db
    .selectFrom("aid_projects")
    .innerJoin("helpers", "helpers.id", "aid_projects.helper_id")
    .innerJoin("counties", "counties.id", "aid_projects.county_id")
    .leftJoin("orgs", "orgs.id", "helpers.org_id")
    .select([
      "aid_projects.id",
      "aid_projects.title",
      "aid_projects.investment_fen",
      "aid_projects.started_on",
      "aid_projects.ended_on",
      "aid_projects.status",
      "aid_projects.helper_id",
      "aid_projects.county_id",
      "helpers.name as helper_name",
      "counties.name as county_name",
      "counties.code as county_code",
      "orgs.path as org_path",
    ]);
}

export type ProjectRecord = NonNullable<Awaited<ReturnType<typeof getProject>>>;

export function getProject(db: Kysely<Database>, id: number) {
  return projects(db).where("aid_projects.id", "=", id).executeTakeFirst();
}

/** A county's or a helper's projects, newest first: public, like the county and helper pages. */
export function listProjectsOf(db: Kysely<Database>, of: { countyId: number } | { helperId: number }) {
  const q = projects(db);
  return (
    "countyId" in of
      ? q.where("aid_projects.county_id", "=", of.countyId)
      : q.where("aid_projects.helper_id", "=", of.helperId)
  )
    .orderBy("aid_projects.started_on", "desc")
    .orderBy("aid_projects.id", "desc")
    .execute();
}

/** Projects of the helpers the admin manages (a helper's org, as for teams: decision 008). */
export async function listProjectsInScope(db: Kysely<Database>, scopes: readonly string[]) {
  const all = await projects(db).orderBy("aid_projects.id", "desc").execute();
  return all.filter((p) => teamInScope(scopes, p.org_path));
}

/** Helpers a project may be filed for by this admin. */
export async function listHelperChoices(db: Kysely<Database>, scopes: readonly string[]) {
  const helpers = await db
    .selectFrom("helpers")
    .leftJoin("orgs", "orgs.id", "helpers.org_id")
    .select(["helpers.id", "helpers.name", "helpers.ref", "orgs.path as org_path"])
    .where("helpers.revoked_at", "is", null)
    .orderBy("helpers.ref")
    .execute();
  return helpers.filter((h) => teamInScope(scopes, h.org_path));
}

export function listCountyChoices(db: Kysely<Database>) {
  return db.selectFrom("counties").select(["id", "code", "name", "city"]).orderBy("code").execute();
}

function columns(p: ProjectFields) {
  return {
    helper_id: p.helperId,
    county_id: p.countyId,
    title: p.title,
    investment_fen: p.investment,
    started_on: p.startedOn,
    ended_on: p.endedOn,
    status: p.status,
  };
}

export async function createProject(
  trx: Transaction<Database>,
  actor: Actor,
  p: ProjectFields,
  orgPath: string | null,
): Promise<number> {
  const now = nowIso();
  const { id } = await trx
    .insertInto("aid_projects")
    .values({ ...columns(p), created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "aid_project.create",
    entity: "aid_project",
    entityId: id,
    orgPath: await auditPathOf(trx, orgPath),
    after: columns(p),
  });
  return id;
}

export async function updateProject(
  trx: Transaction<Database>,
  actor: Actor,
  before: ProjectRecord,
  p: ProjectFields,
  orgPath: string | null,
): Promise<void> {
  await trx
    .updateTable("aid_projects")
    .set({ ...columns(p), updated_at: nowIso() })
    .where("id", "=", before.id)
    .execute();
  await recordAudit(trx, actor, {
    action: "aid_project.update",
    entity: "aid_project",
    entityId: before.id,
    orgPath: await auditPathOf(trx, orgPath),
    before,
    after: columns(p),
  });
}
