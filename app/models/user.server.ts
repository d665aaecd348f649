import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Role } from "~/domain/org-vocabulary";
import type { Grant } from "~/domain/permissions";
import { DomainError, NotFoundError } from "~/domain/errors";
import { hashPassword } from "~/utils/password.server";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import type { OrgRow } from "./org.server";
import { deleteSessionsOf } from "./session.server";
import { idleCutoff } from "~/domain/sessions";

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  orgId: number | null;
  epoch: number;
  grants: Grant[];
}

export async function listGrants(db: Kysely<Database>, userId: number): Promise<(Grant & { id: number })[]> {
  const rows = await db
    .selectFrom("role_grants")
    .innerJoin("orgs", "orgs.id", "role_grants.org_id")
    .select([
      "role_grants.id",
      "role_grants.role",
      "orgs.id as orgId",
      "orgs.path as orgPath",
      "orgs.name as orgName",
    ])
    .where("role_grants.user_id", "=", userId)
    .orderBy("orgs.path")
    .orderBy("role_grants.id")
    .execute();
  return rows;
}

/**
 * The user of a live session, with grants, or undefined when the session is unknown, expired, idle
 * too long or from an older epoch, or the account is disabled. One query, since every signed-in
 * request runs it: the session joined to the user's row once per grant (or once with none).
 */
export async function getSessionUser(
  db: Kysely<Database>,
  sessionId: string,
  now = Date.now(),
): Promise<{ user: SessionUser; lastSeenAt: string } | undefined> {
  const rows = await db
    .selectFrom("sessions")
    .innerJoin("users", (j) =>
      j.onRef("users.id", "=", "sessions.user_id").onRef("users.session_epoch", "=", "sessions.epoch"),
    )
    .leftJoin("role_grants", "role_grants.user_id", "users.id")
    .leftJoin("orgs", "orgs.id", "role_grants.org_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name",
      "users.org_id",
      "users.session_epoch",
      "sessions.last_seen_at",
      "role_grants.role",
      "orgs.id as grantOrgId",
      "orgs.path as orgPath",
      "orgs.name as orgName",
    ])
    .where("sessions.id", "=", sessionId)
    .where("sessions.expires_at", ">", new Date(now).toISOString())
    .where("sessions.last_seen_at", ">", idleCutoff(now))
    .where("users.is_active", "=", 1)
    .orderBy("orgs.path")
    .orderBy("role_grants.id")
    .execute();
  if (rows.length === 0) return undefined;
  const u = rows[0];
  const grants = rows.flatMap(({ role, grantOrgId, orgPath, orgName }) =>
    role !== null && grantOrgId !== null && orgPath !== null && orgName !== null
      ? [{ role, orgId: grantOrgId, orgPath, orgName }]
      : [],
  );
  const user = {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    epoch: u.session_epoch,
    grants,
  };
  return { user, lastSeenAt: u.last_seen_at };
}

/** Only the login path and password change read the hash. */
export function getCredentials(db: Kysely<Database>, username: string) {
  return db
    .selectFrom("users")
    .leftJoin("orgs", "orgs.id", "users.org_id")
    .select([
      "users.id",
      "users.password_hash",
      "users.is_active",
      "users.session_epoch",
      "orgs.path as org_path",
    ])
    .where("users.username", "=", username)
    .executeTakeFirst();
}

export function getCredentialsById(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("users")
    .select(["id", "password_hash", "session_epoch"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function getUser(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("users")
    .leftJoin("orgs", "orgs.id", "users.org_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name",
      "users.org_id",
      "users.is_active",
      "orgs.name as org_name",
      "orgs.path as org_path",
    ])
    .where("users.id", "=", id)
    .executeTakeFirst();
}

export function listUsersOfOrg(db: Kysely<Database>, orgId: number) {
  return db
    .selectFrom("users")
    .select(["id", "username", "display_name", "is_active"])
    .where("org_id", "=", orgId)
    .orderBy("username")
    .execute();
}

export async function listRolesOfUsers(db: Kysely<Database>, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("role_grants")
    .innerJoin("orgs", "orgs.id", "role_grants.org_id")
    .select(["role_grants.user_id", "role_grants.role", "orgs.name as org_name"])
    .where("role_grants.user_id", "in", userIds)
    .orderBy("role_grants.id")
    .execute();
}

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  org: OrgRow;
  roles: Role[];
  /** For notifications by mail (decision 025); checked by the caller (MailAddressSchema). */
  email?: string | null;
  mailLanguage?: "zh-CN" | "en";
}

/** Creates a login with its roles at its own org. Run inside the caller's transaction. */
export async function createUser(
  trx: Transaction<Database>,
  actor: Actor,
  input: NewUserInput,
): Promise<number> {
  const taken = await trx
    .selectFrom("users")
    .select("id")
    .where("username", "=", input.username)
    .executeTakeFirst();
  if (taken) throw new DomainError("error.usernameTaken", { name: input.username }, "username");
  const { id } = await trx
    .insertInto("users")
    .values({
      username: input.username,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      org_id: input.org.id,
      is_active: 1,
      session_epoch: 0,
      email: input.email ?? null,
      ...(input.mailLanguage ? { mail_language: input.mailLanguage } : {}),
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const after = {
    username: input.username,
    displayName: input.displayName,
    org: input.org.name,
    roles: input.roles,
  };
  await recordAudit(trx, actor, {
    action: "user.create",
    entity: "user",
    entityId: id,
    orgPath: input.org.path,
    after,
  });
  for (const role of input.roles) await grantRole(trx, actor, id, input.org, role);
  return id;
}

export async function grantRole(
  trx: Transaction<Database>,
  actor: Actor,
  userId: number,
  org: OrgRow,
  role: Role,
): Promise<void> {
  const existing = await trx
    .selectFrom("role_grants")
    .select("id")
    .where("user_id", "=", userId)
    .where("org_id", "=", org.id)
    .where("role", "=", role)
    .executeTakeFirst();
  if (existing) throw new DomainError("error.grantExists", undefined, "role");
  await trx
    .insertInto("role_grants")
    .values({ user_id: userId, org_id: org.id, role, granted_by: actor.userId, created_at: nowIso() })
    .execute();
  await bumpEpoch(trx, userId);
  await recordAudit(trx, actor, {
    action: "role.grant",
    entity: "user",
    entityId: userId,
    orgPath: org.path,
    after: { role, org: org.name },
  });
}

/** Revokes the user's grant; another user's grant is not found (issue #14). */
export async function revokeRole(
  trx: Transaction<Database>,
  actor: Actor,
  userId: number,
  grantId: number,
): Promise<void> {
  const grant = await trx
    .selectFrom("role_grants")
    .innerJoin("orgs", "orgs.id", "role_grants.org_id")
    .select(["role_grants.id", "role_grants.user_id", "role_grants.role", "orgs.name", "orgs.path"])
    .where("role_grants.id", "=", grantId)
    .where("role_grants.user_id", "=", userId)
    .executeTakeFirst();
  if (!grant) throw new NotFoundError();
  await trx.deleteFrom("role_grants").where("id", "=", grantId).where("user_id", "=", userId).execute();
  await bumpEpoch(trx, grant.user_id);
  await recordAudit(trx, actor, {
    action: "role.revoke",
    entity: "user",
    entityId: grant.user_id,
    orgPath: grant.path,
    before: { role: grant.role, org: grant.name },
  });
}

export function getGrant(db: Kysely<Database>, userId: number, grantId: number) {
  return db
    .selectFrom("role_grants")
    .innerJoin("orgs", "orgs.id", "role_grants.org_id")
    .select(["role_grants.id", "role_grants.user_id", "role_grants.role", "orgs.path as org_path"])
    .where("role_grants.id", "=", grantId)
    .where("role_grants.user_id", "=", userId)
    .executeTakeFirst();
}

/** Ends the user's sessions: their rows go now, and the epoch also voids one being created meanwhile. */
async function bumpEpoch(trx: Transaction<Database>, userId: number): Promise<void> {
  await deleteSessionsOf(trx, userId);
  await trx
    .updateTable("users")
    .set((eb) => ({ session_epoch: eb("session_epoch", "+", 1) }))
    .where("id", "=", userId)
    .execute();
}

export async function setPassword(
  trx: Transaction<Database>,
  actor: Actor,
  userId: number,
  password: string,
  orgPath: string | null,
): Promise<number> {
  await trx
    .updateTable("users")
    .set({ password_hash: await hashPassword(password) })
    .where("id", "=", userId)
    .execute();
  await bumpEpoch(trx, userId);
  await recordAudit(trx, actor, { action: "user.password", entity: "user", entityId: userId, orgPath });
  const row = await trx
    .selectFrom("users")
    .select("session_epoch")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return row.session_epoch;
}

export async function setActive(
  trx: Transaction<Database>,
  actor: Actor,
  userId: number,
  active: boolean,
  orgPath: string | null,
): Promise<void> {
  await trx
    .updateTable("users")
    .set({ is_active: active ? 1 : 0 })
    .where("id", "=", userId)
    .execute();
  await bumpEpoch(trx, userId);
  await recordAudit(trx, actor, {
    action: active ? "user.activate" : "user.deactivate",
    entity: "user",
    entityId: userId,
    orgPath,
    after: { active },
  });
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
