import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { applicationClimb, isFinalStop, nextStop } from "~/domain/contest/application-path";
import type { ApplicationDecision } from "~/domain/contest/vocabulary";
import { DomainError } from "~/domain/errors";
import { isLocale, translate, type Locale } from "~/i18n";
import { nowIso } from "~/utils/time.server";
import type { Actor } from "./audit.server";
import {
  assertStage,
  audit,
  getParticipant,
  groupOf,
  orgInside,
  participantQuery,
  type ContestOwner,
  type ParticipantRow,
} from "./contest-participant.server";
import { bumpStandings } from "./contest.server";
import { notify } from "./notification.server";

/**
 * Applications to a contest (逐级审核, decision 026): a unit's admin applies, each union between
 * the unit and the organizer approves or returns, the organizer admits.
 */

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
  if (decision === "admitted") await bumpStandings(trx, c.id);
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
