import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { teamInScope } from "~/domain/activities/team-scope";
import { DomainError, NotFoundError } from "~/domain/errors";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";

export interface TeamRecord {
  id: number;
  name: string;
  org_id: number | null;
  org_name: string | null;
  org_path: string | null;
}

function teams(db: Kysely<Database>) {
  return db
    .selectFrom("aid_teams")
    .leftJoin("orgs", "orgs.id", "aid_teams.org_id")
    .select([
      "aid_teams.id",
      "aid_teams.name",
      "aid_teams.org_id",
      "orgs.name as org_name",
      "orgs.path as org_path",
    ]);
}

/** The teams the admin of `scopes` manages, by name. */
export async function listTeamsInScope(
  db: Kysely<Database>,
  scopes: readonly string[],
): Promise<(TeamRecord & { members: number; activities: number })[]> {
  const all = await teams(db)
    .select((eb) => [
      eb
        .selectFrom("aid_team_members")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("aid_team_members.team_id", "=", "aid_teams.id")
        .as("members"),
      eb
        .selectFrom("activities")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("activities.team_id", "=", "aid_teams.id")
        .as("activities"),
    ])
    .orderBy("aid_teams.name")
    .execute();
  return all
    .filter((t) => teamInScope(scopes, t.org_path))
    .map((t) => ({ ...t, members: Number(t.members ?? 0), activities: Number(t.activities ?? 0) }));
}

export function getTeam(db: Kysely<Database>, id: number): Promise<TeamRecord | undefined> {
  return teams(db).where("aid_teams.id", "=", id).executeTakeFirst();
}

export function getTeamByName(db: Kysely<Database>, name: string): Promise<TeamRecord | undefined> {
  return teams(db).where("aid_teams.name", "=", name).executeTakeFirst();
}

export function listAllTeams(db: Kysely<Database>): Promise<TeamRecord[]> {
  return teams(db).execute();
}

/** The audit's org path for an org path that may be null (the province's): the root org's, so its admins see it. */
export async function auditPathOf(db: Kysely<Database>, orgPath: string | null): Promise<string | null> {
  if (orgPath !== null) return orgPath;
  const root = await db
    .selectFrom("orgs")
    .select("path")
    .where("parent_id", "is", null)
    .orderBy("id")
    .executeTakeFirst();
  return root?.path ?? null;
}

/** A new team under `org` (null: the province's). The name is unique. */
export async function createTeam(
  trx: Transaction<Database>,
  actor: Actor,
  name: string,
  org: { id: number; name: string; path: string } | null,
): Promise<TeamRecord> {
  if (await getTeamByName(trx, name)) throw new DomainError("activities.team.nameTaken", { name }, "name");
  const { id } = await trx
    .insertInto("aid_teams")
    .values({ name, org_id: org?.id ?? null, created_at: nowIso() })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "aid_team.create",
    entity: "aid_team",
    entityId: id,
    orgPath: await auditPathOf(trx, org?.path ?? null),
    after: { name, org: org?.name ?? null },
  });
  return { id, name, org_id: org?.id ?? null, org_name: org?.name ?? null, org_path: org?.path ?? null };
}

export function listMembers(db: Kysely<Database>, teamId: number) {
  return db
    .selectFrom("aid_team_members")
    .select(["id", "name", "workplace", "skills"])
    .where("team_id", "=", teamId)
    .orderBy("id")
    .execute();
}

export interface MemberFields {
  name: string;
  workplace: string;
  skills: string;
}

export async function addMember(
  trx: Transaction<Database>,
  actor: Actor,
  team: TeamRecord,
  m: MemberFields,
): Promise<void> {
  const { id } = await trx
    .insertInto("aid_team_members")
    .values({ team_id: team.id, ...m, created_at: nowIso() })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "aid_team.member.add",
    entity: "aid_team",
    entityId: team.id,
    orgPath: await auditPathOf(trx, team.org_path),
    after: { member: id, ...m },
  });
}

export async function removeMember(
  trx: Transaction<Database>,
  actor: Actor,
  team: TeamRecord,
  memberId: number,
): Promise<void> {
  const before = await trx
    .selectFrom("aid_team_members")
    .select(["id", "name", "workplace", "skills"])
    .where("id", "=", memberId)
    .where("team_id", "=", team.id)
    .executeTakeFirst();
  if (!before) throw new NotFoundError();
  await trx
    .deleteFrom("aid_team_members")
    .where("id", "=", memberId)
    .where("team_id", "=", team.id)
    .execute();
  await recordAudit(trx, actor, {
    action: "aid_team.member.remove",
    entity: "aid_team",
    entityId: team.id,
    orgPath: await auditPathOf(trx, team.org_path),
    before,
  });
}
