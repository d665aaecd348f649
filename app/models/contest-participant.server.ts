import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { applicationClimb, isFinalStop, nextStop } from "~/domain/contest/application-path";
import type { ApplicationDecision, ParticipantStatus } from "~/domain/contest/vocabulary";
import { DomainError, NotFoundError } from "~/domain/errors";
import { isWithin } from "~/domain/org-tree";
import { isLocale, translate, type Locale } from "~/i18n";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { notify } from "./notification.server";

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

/** The one update the official standings' cache keys on (C1's bumpStandings after the merge). */
export async function bumpStandingsVersion(trx: Kysely<Database>, competitionId: number): Promise<void> {
  await trx
    .updateTable("contests")
    .set((eb) => ({ standings_version: eb("standings_version", "+", 1) }))
    .where("competition_id", "=", competitionId)
    .execute();
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

function participantQuery(db: Kysely<Database>, competitionId: number) {
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

async function groupOf(db: Kysely<Database>, competitionId: number, groupId: number) {
  const g = await db
    .selectFrom("contest_groups")
    .select(["id", "name"])
    .where("competition_id", "=", competitionId)
    .where("id", "=", groupId)
    .executeTakeFirst();
  if (!g) throw new DomainError("contestParticipants.unknownGroup", undefined, "group");
  return g;
}

async function orgInside(db: Kysely<Database>, c: ContestOwner, orgId: number) {
  const org = await db
    .selectFrom("orgs")
    .select(["id", "name", "path"])
    .where("id", "=", orgId)
    .executeTakeFirst();
  if (!org || org.path === c.org_path || !isWithin(org.path, c.org_path))
    throw new DomainError("contestParticipants.outsideOrganizer", undefined, "org");
  return org;
}

function audit(
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
  await bumpStandingsVersion(trx, c.id);
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
  await bumpStandingsVersion(trx, c.id);
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
  await bumpStandingsVersion(trx, c.id);
}

// ---- applications (逐级审核) ----

/** A unit's admin applies (again, after a return): the application waits at the unit's parent union. */
export async function applyToContest(
  trx: Transaction<Database>,
  actor: Actor & { userId: number },
  c: ContestOwner,
  input: { orgId: number; groupId: number },
): Promise<number> {
  assertStage(c);
  const org = await orgInside(trx, c, input.orgId);
  const group = await groupOf(trx, c.id, input.groupId);
  const climb = applicationClimb(org.path, c.org_path);
  if (climb.length === 0) throw new DomainError("contestParticipants.outsideOrganizer", undefined, "org");
  const now = nowIso();
  const fields = {
    group_id: group.id,
    status: "applied" as const,
    awaiting_org_id: climb[0],
    reason: null,
    applied_by: actor.userId,
    updated_at: now,
  };
  const existing = await trx
    .selectFrom("contest_participants")
    .select(["id", "status"])
    .where("competition_id", "=", c.id)
    .where("org_id", "=", org.id)
    .executeTakeFirst();
  let id: number;
  if (existing) {
    if (existing.status !== "returned")
      throw new DomainError(`contestParticipants.already.${existing.status}`, { org: org.name }, "org");
    await trx.updateTable("contest_participants").set(fields).where("id", "=", existing.id).execute();
    id = existing.id;
  } else {
    const row = await trx
      .insertInto("contest_participants")
      .values({ ...fields, competition_id: c.id, org_id: org.id, admitted_at: null, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    id = row.id;
  }
  await audit(trx, actor, "apply", { id, orgPath: org.path }, { org: org.name, group: group.name });
  return id;
}

export type DecisionIntent = "approve" | "return" | "admit";

/**
 * A union's decision on an application waiting for it: approve (it climbs to the next union),
 * return with a reason, or, at the organizer, admit. `awaitingOrgId` is the union the decider saw:
 * a decision on an application that has moved on since is refused, not applied elsewhere.
 */
export async function decideApplication(
  trx: Transaction<Database>,
  actor: Actor,
  c: ContestOwner,
  participantId: number,
  input: { intent: DecisionIntent; awaitingOrgId: number; reason: string },
): Promise<ApplicationDecision> {
  assertStage(c);
  const p = await getParticipant(trx, c.id, participantId);
  if (p.status !== "applied" || p.awaitingOrgId !== input.awaitingOrgId)
    throw new DomainError("contestParticipants.decidedMeanwhile", { org: p.orgName });
  const climb = applicationClimb(p.orgPath, c.org_path);
  const final = isFinalStop(climb, input.awaitingOrgId);
  if (input.intent === "return" && !input.reason)
    throw new DomainError("contestParticipants.reasonRequired", undefined, "reason");
  if (input.intent === "approve" && final) throw new DomainError("contestParticipants.admitAtOrganizer");
  if (input.intent === "admit" && !final) throw new DomainError("contestParticipants.onlyOrganizerAdmits");
  const decision: ApplicationDecision =
    input.intent === "return" ? "returned" : input.intent === "admit" ? "admitted" : "approved";
  const now = nowIso();
  await trx
    .insertInto("contest_application_steps")
    .values({
      participant_id: p.id,
      org_id: input.awaitingOrgId,
      decision,
      reason: decision === "returned" ? input.reason : null,
      decided_by: actor.userId,
      decided_at: now,
    })
    .execute();
  await trx
    .updateTable("contest_participants")
    .set({
      status: decision === "approved" ? "applied" : decision,
      awaiting_org_id: decision === "approved" ? nextStop(climb, input.awaitingOrgId) : null,
      reason: decision === "returned" ? input.reason : null,
      admitted_at: decision === "admitted" ? now : null,
      updated_at: now,
    })
    .where("id", "=", p.id)
    .execute();
  await audit(
    trx,
    actor,
    decision === "approved" ? "approve" : decision === "admitted" ? "admit" : "return",
    p,
    {
      org: p.orgName,
      at: input.awaitingOrgId,
      reason: decision === "returned" ? input.reason : undefined,
    },
  );
  if (decision === "admitted") await bumpStandingsVersion(trx, c.id);
  if (decision !== "approved") await tellApplicant(trx, c, p, decision, input.reason);
  return decision;
}

/** The applying org's admins hear of a return or an admission, each in their own language. */
async function tellApplicant(
  trx: Kysely<Database>,
  c: ContestOwner,
  p: ParticipantRow,
  decision: "returned" | "admitted",
  reason: string,
): Promise<void> {
  const admins = await trx
    .selectFrom("role_grants as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["u.id", "u.mail_language"])
    .where("r.org_id", "=", p.orgId)
    .where("r.role", "=", "admin")
    .execute();
  const byLocale = new Map<Locale, number[]>();
  for (const a of admins) {
    const locale: Locale = isLocale(a.mail_language) ? a.mail_language : "zh-CN";
    byLocale.set(locale, [...(byLocale.get(locale) ?? []), a.id]);
  }
  for (const [locale, userIds] of byLocale)
    await notify(trx, {
      kind: "contest_application_decided",
      userIds,
      params: {
        org: p.orgName,
        competition: c.title,
        decision: translate(locale, `contestParticipants.decisionText.${decision}`, { reason }),
      },
      link: `/competitions/${c.id}/contest`,
    });
}

export interface ApplicationStep {
  participantId: number;
  orgName: string;
  decision: ApplicationDecision;
  reason: string | null;
  decidedAt: string;
}

/** The decisions taken on these applications so far, oldest first. */
export async function listApplicationSteps(
  db: Kysely<Database>,
  participantIds: readonly number[],
): Promise<ApplicationStep[]> {
  if (participantIds.length === 0) return [];
  return db
    .selectFrom("contest_application_steps as s")
    .innerJoin("orgs as o", "o.id", "s.org_id")
    .select([
      "s.participant_id as participantId",
      "o.name as orgName",
      "s.decision",
      "s.reason",
      "s.decided_at as decidedAt",
    ])
    .where("s.participant_id", "in", [...participantIds])
    .orderBy("s.id")
    .execute();
}

/** Applications waiting at a union inside one of the admin's subtrees. */
export async function listAwaiting(
  db: Kysely<Database>,
  competitionId: number,
  scopes: readonly string[],
): Promise<ParticipantRow[]> {
  if (scopes.length === 0) return [];
  return participantQuery(db, competitionId)
    .where("p.status", "=", "applied")
    .where((eb) => eb.or(scopes.map((s) => eb("a.path", "like", `${s}%`))))
    .orderBy("o.path")
    .execute();
}

/** The participations of the given orgs (the apply page shows where each application stands). */
export function listOwn(db: Kysely<Database>, competitionId: number, orgIds: readonly number[]) {
  if (orgIds.length === 0) return Promise.resolve([] as ParticipantRow[]);
  return participantQuery(db, competitionId)
    .where("p.org_id", "in", [...orgIds])
    .orderBy("o.path")
    .execute();
}
