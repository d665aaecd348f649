import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { ParticipantStatus } from "~/domain/contest/vocabulary";
import { DomainError, NotFoundError } from "~/domain/errors";
import { isWithin } from "~/domain/org-tree";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { bumpStandings } from "./contest.server";

/** The competition as the contest's participant rules need it. */
export interface ContestOwner {
  id: number;
  title: string;
  stage: string;
  org_path: string;
}

/** Enrolment, applications and their decisions happen before the commendation starts (decision 026). */
const OPEN_STAGES = ["draft", "running"];
/** Withdrawal and disqualification stay possible until the final standings are turned into nominations. */
const STANDING_STAGES = ["draft", "running", "nominating"];

export function assertStage(c: ContestOwner, stages: readonly string[] = OPEN_STAGES): void {
  if (!stages.includes(c.stage)) throw new DomainError("contestParticipants.closedStage");
}

export interface ParticipantRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  groupId: number;
  groupName: string;
  status: ParticipantStatus;
  reason: string | null;
  awaitingOrgId: number | null;
  awaitingName: string | null;
  awaitingPath: string | null;
}

export function participantQuery(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("contest_participants as p")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .innerJoin("contest_groups as g", "g.id", "p.group_id")
    .leftJoin("orgs as a", "a.id", "p.awaiting_org_id")
    .select([
      "p.id",
      "p.org_id as orgId",
      "o.name as orgName",
      "o.path as orgPath",
      "p.group_id as groupId",
      "g.name as groupName",
      "p.status",
      "p.reason",
      "p.awaiting_org_id as awaitingOrgId",
      "a.name as awaitingName",
      "a.path as awaitingPath",
    ])
    .where("p.competition_id", "=", competitionId);
}

/** Every participant and application of a contest, by group (scheme order), then by org path. */
export function listParticipants(db: Kysely<Database>, competitionId: number): Promise<ParticipantRow[]> {
  return participantQuery(db, competitionId).orderBy("g.position").orderBy("o.path").execute();
}

/** One participant of this competition; 404 for another competition's id. */
export async function getParticipant(
  db: Kysely<Database>,
  competitionId: number,
  id: number,
): Promise<ParticipantRow> {
  const row = await participantQuery(db, competitionId).where("p.id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

export async function groupOf(db: Kysely<Database>, competitionId: number, groupId: number) {
  const g = await db
    .selectFrom("contest_groups")
    .select(["id", "name"])
    .where("competition_id", "=", competitionId)
    .where("id", "=", groupId)
    .executeTakeFirst();
  if (!g) throw new DomainError("contestParticipants.unknownGroup", undefined, "group");
  return g;
}

export async function orgInside(db: Kysely<Database>, c: ContestOwner, orgId: number) {
  const org = await db
    .selectFrom("orgs")
    .select(["id", "name", "path"])
    .where("id", "=", orgId)
    .executeTakeFirst();
  if (!org || org.path === c.org_path || !isWithin(org.path, c.org_path))
    throw new DomainError("contestParticipants.outsideOrganizer", undefined, "org");
  return org;
}

export function audit(
  trx: Kysely<Database>,
  actor: Actor,
  action: string,
  p: { id: number; orgPath: string },
  after: object,
) {
  return recordAudit(trx, actor, {
    action: `contest.participant.${action}`,
    entity: "contest_participant",
    entityId: p.id,
    orgPath: p.orgPath,
    after,
  });
}

/** The organizer's admin enrols an org of its subtree into a group: admitted at once. */
export async function enrolParticipant(
  trx: Transaction<Database>,
  actor: Actor,
  c: ContestOwner,
  input: { orgId: number; groupId: number },
): Promise<number> {
  assertStage(c);
  const org = await orgInside(trx, c, input.orgId);
  const group = await groupOf(trx, c.id, input.groupId);
  const now = nowIso();
  const existing = await trx
    .selectFrom("contest_participants")
    .select(["id", "status"])
    .where("competition_id", "=", c.id)
    .where("org_id", "=", org.id)
    .executeTakeFirst();
  let id: number;
  if (existing) {
    if (existing.status !== "returned" && existing.status !== "withdrawn")
      throw new DomainError(`contestParticipants.already.${existing.status}`, { org: org.name }, "org");
    await trx
      .updateTable("contest_participants")
      .set({
        group_id: group.id,
        status: "admitted",
        awaiting_org_id: null,
        reason: null,
        admitted_at: now,
        updated_at: now,
      })
      .where("id", "=", existing.id)
      .execute();
    id = existing.id;
  } else {
    const row = await trx
      .insertInto("contest_participants")
      .values({
        competition_id: c.id,
        org_id: org.id,
        group_id: group.id,
        status: "admitted",
        awaiting_org_id: null,
        reason: null,
        applied_by: null,
        admitted_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    id = row.id;
  }
  await audit(trx, actor, "enrol", { id, orgPath: org.path }, { org: org.name, group: group.name });
  await bumpStandings(trx, c.id);
  return id;
}

async function hasVerifiedReport(db: Kysely<Database>, participantId: number): Promise<boolean> {
  const r = await db
    .selectFrom("contest_reports")
    .select("id")
    .where("participant_id", "=", participantId)
    .where("status", "=", "verified")
    .executeTakeFirst();
  return !!r;
}

/** Another group, before the participant has a verified report (its standing must stay explainable). */
export async function moveParticipant(
  trx: Transaction<Database>,
  actor: Actor,
  c: ContestOwner,
  participantId: number,
  groupId: number,
): Promise<void> {
  assertStage(c);
  const p = await getParticipant(trx, c.id, participantId);
  const group = await groupOf(trx, c.id, groupId);
  if (p.status !== "admitted") throw new DomainError("contestParticipants.notAdmitted", { org: p.orgName });
  if (await hasVerifiedReport(trx, p.id))
    throw new DomainError("contestParticipants.moveAfterVerified", { org: p.orgName }, "group");
  if (group.id === p.groupId) return;
  await trx
    .updateTable("contest_participants")
    .set({ group_id: group.id, updated_at: nowIso() })
    .where("id", "=", p.id)
    .execute();
  await audit(trx, actor, "move", p, { org: p.orgName, from: p.groupName, to: group.name });
  await bumpStandings(trx, c.id);
}

/** Withdrawn (gone from the standings) or disqualified (listed, marked, unranked), with the reason. */
export async function endParticipation(
  trx: Transaction<Database>,
  actor: Actor,
  c: ContestOwner,
  participantId: number,
  change: { to: "withdrawn" | "disqualified"; reason: string },
): Promise<void> {
  assertStage(c, STANDING_STAGES);
  const p = await getParticipant(trx, c.id, participantId);
  if (p.status !== "admitted") throw new DomainError("contestParticipants.notAdmitted", { org: p.orgName });
  await trx
    .updateTable("contest_participants")
    .set({ status: change.to, reason: change.reason, updated_at: nowIso() })
    .where("id", "=", p.id)
    .execute();
  const action = change.to === "withdrawn" ? "withdraw" : "disqualify";
  await audit(trx, actor, action, p, { org: p.orgName, reason: change.reason });
  await bumpStandings(trx, c.id);
}
