import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import { canTransition } from "~/domain/nominations/lifecycle";
import type { NominationStatus, Opinion } from "~/domain/nominations/vocabulary";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { transitionNomination } from "./nomination.server";

/** The departments usually consulted (征求意见); the field is free text, these are suggestions. */
export const CONSULTED_DEPARTMENTS = ["纪检监察", "公安", "人社", "税务", "安监"] as const;

/** The reason a veto writes into the nomination's history (一票否决, docs/domain.md#consultation). */
export const vetoReason = (department: string) => `一票否决: ${department}`;

export interface ConsultationInput {
  department: string;
  opinion: Opinion;
  note: string;
}

/**
 * Records a department's opinion. A negative one is a veto: in the same transaction the
 * nomination becomes ineligible, with the department in the reason; one already ineligible keeps
 * its status and gains the opinion. A nomination that cannot be refused from its status (returned
 * for correction) takes no veto until it is back. Run inside the caller's transaction.
 */
export async function recordConsultation(
  trx: Transaction<Database>,
  actor: Actor,
  nomination: { id: number; status: NominationStatus; org_path: string },
  input: ConsultationInput,
): Promise<{ vetoed: boolean }> {
  const status = nomination.status;
  const vetoes = input.opinion === "negative" && status !== "ineligible";
  if (vetoes && !canTransition(status, "ineligible", "admin"))
    throw new DomainError("review.consultation.notVetoable", undefined, "opinion");
  const { id } = await trx
    .insertInto("consultations")
    .values({
      nomination_id: nomination.id,
      department: input.department,
      opinion: input.opinion,
      note: input.note,
      recorded_by: actor.userId,
      at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "nomination.consultation",
    entity: "nomination",
    entityId: nomination.id,
    orgPath: nomination.org_path,
    after: { consultationId: id, department: input.department, opinion: input.opinion, note: input.note },
  });
  if (vetoes)
    await transitionNomination(trx, actor, nomination, "ineligible", "admin", vetoReason(input.department));
  return { vetoed: vetoes };
}

export function listConsultations(db: Kysely<Database>, nominationId: number) {
  return db
    .selectFrom("consultations")
    .leftJoin("users", "users.id", "consultations.recorded_by")
    .select([
      "consultations.id",
      "consultations.department",
      "consultations.opinion",
      "consultations.note",
      "consultations.at",
      "users.display_name as recorded_by_name",
    ])
    .where("consultations.nomination_id", "=", nominationId)
    .orderBy("consultations.id")
    .execute();
}
