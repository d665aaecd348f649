import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError, NotFoundError } from "~/domain/errors";
import { checkDocNumber } from "~/domain/honors/doc-number";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import type { CompetitionRow } from "./competition.server";
import { bumpRollVersion } from "./publication-refusals.server";

export interface DocNumberCorrectionInput {
  docNumber: string;
  reason: string;
  correctedOn: string;
}

/**
 * Corrects the 文号 of `c`'s published decision (更正, decision 020): the publication and every
 * roll entry carry the new number; the correction keeps the old one with the reason and date.
 * The digest stays the one of the list as first published: a printed copy still checks against
 * it, and the correction on the roll explains the difference. Run inside a transaction.
 */
export async function correctDocNumber(
  trx: Transaction<Database>,
  actor: Actor,
  c: CompetitionRow,
  input: DocNumberCorrectionInput,
): Promise<void> {
  const p = await trx
    .selectFrom("publications")
    .select(["id", "doc_number", "published_on"])
    .where("competition_id", "=", c.id)
    .executeTakeFirst();
  if (!p) throw new NotFoundError();
  const checked = checkDocNumber(input.docNumber, Number(p.published_on.slice(0, 4)));
  if (!checked.ok) throw new DomainError(checked.key, checked.params, "doc_number");
  if (checked.value === p.doc_number)
    throw new DomainError("publication.correctionSame", undefined, "doc_number");
  if (!input.reason.trim()) throw new DomainError("publication.correctionReason", undefined, "reason");
  if (input.correctedOn < p.published_on)
    throw new DomainError("publication.correctionBeforePublication", undefined, "corrected_on");
  await trx
    .insertInto("doc_number_corrections")
    .values({
      publication_id: p.id,
      previous: p.doc_number,
      corrected: checked.value,
      reason: input.reason.trim(),
      corrected_on: input.correctedOn,
      corrected_by: actor.userId,
      created_at: nowIso(),
    })
    .execute();
  await trx.updateTable("publications").set({ doc_number: checked.value }).where("id", "=", p.id).execute();
  await trx
    .updateTable("honorees")
    .set({ doc_number: checked.value })
    .where("publication_id", "=", p.id)
    .where("competition_id", "=", c.id)
    .execute();
  await bumpRollVersion(trx);
  await recordAudit(trx, actor, {
    action: "publication.correctDocNumber",
    entity: "competition",
    entityId: c.id,
    orgPath: c.org_path,
    before: { doc_number: p.doc_number },
    after: { doc_number: checked.value, reason: input.reason.trim(), corrected_on: input.correctedOn },
  });
}

/** The corrections of one competition's published 文号, oldest first (public: the roll shows them). */
export function listDocNumberCorrections(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("doc_number_corrections as d")
    .innerJoin("publications as p", "p.id", "d.publication_id")
    .select(["d.id", "d.previous", "d.corrected", "d.reason", "d.corrected_on"])
    .where("p.competition_id", "=", competitionId)
    .orderBy("d.id")
    .execute();
}
