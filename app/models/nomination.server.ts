import crypto from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { dialectOf } from "../../db/dialect";
import type { NominationFields } from "~/domain/nominations/nomination-schema";
import { maskIdNumber } from "~/domain/nominations/id-number";
import { transition, type LifecycleRole } from "~/domain/nominations/lifecycle";
import type { NominationStatus } from "~/domain/nominations/vocabulary";
import { DomainError } from "~/domain/errors";
import { encryptPersonal, keyedHash, maskPhone } from "~/utils/personal-data.server";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { notifyNominationDecision } from "./event-notifications.server";

export interface NominationTarget {
  competitionId: number;
  competitionYear: number;
  categoryId: number;
  categoryKind: "individual" | "collective";
  org: { id: number; name: string; path: string };
}

/** The columns a nomination's fields fill; personal data encrypted, masked and hashed. */
function fieldColumns(dataKey: Buffer, f: NominationFields) {
  const personal = (v: string | null | undefined) => (v ? encryptPersonal(dataKey, v) : null);
  if (f.kind === "individual") {
    return {
      name: f.name,
      gender: f.gender,
      ethnicity: f.ethnicity,
      birth_date: f.birth_date,
      political_status: f.political_status,
      education: f.education,
      workplace: f.workplace,
      post: f.post,
      occupation_group: f.occupation_group,
      migrant: f.migrant ? 1 : 0,
      sector: f.sector,
      id_number_enc: personal(f.id_number),
      id_number_hash: keyedHash(dataKey, f.id_number),
      id_number_masked: maskIdNumber(f.id_number),
      phone_enc: personal(f.phone),
      phone_masked: maskPhone(f.phone),
      collective_kind: null,
      member_count: null,
      leader: null,
      summary: f.summary,
      deeds: f.deeds,
    };
  }
  return {
    name: f.name,
    gender: null,
    ethnicity: null,
    birth_date: null,
    political_status: null,
    education: null,
    workplace: null,
    post: null,
    occupation_group: null,
    migrant: null,
    sector: f.sector,
    id_number_enc: null,
    id_number_hash: null,
    id_number_masked: null,
    phone_enc: personal(f.phone),
    phone_masked: f.phone ? maskPhone(f.phone) : null,
    collective_kind: f.collective_kind,
    member_count: f.member_count,
    leader: f.leader,
    summary: f.summary,
    deeds: f.deeds,
  };
}

/** Refuses an ID number that another live nomination of the competition already carries, naming its org. */
async function assertIdNumberFree(
  trx: Transaction<Database>,
  competitionId: number,
  hash: string | null,
  exceptId?: number,
) {
  if (!hash) return;
  let q = trx
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select(["nominations.id", "orgs.name"])
    .where("nominations.competition_id", "=", competitionId)
    .where("nominations.id_number_hash", "=", hash)
    .where("nominations.status", "<>", "withdrawn");
  if (exceptId) q = q.where("nominations.id", "<>", exceptId);
  const other = await q.executeTakeFirst();
  if (other) throw new DomainError("nomination.duplicateId", { org: other.name }, "id_number");
}

/**
 * Places taken by the org in the category, counted after our insert inside the transaction: on
 * PostgreSQL the allocation row is locked first; on SQLite the insert holds the write lock.
 */
async function assertWithinPlaces(trx: Transaction<Database>, t: NominationTarget, known?: KnownPlaces) {
  if (known) {
    if (known.takenBefore + 1 > known.places)
      throw new DomainError("nomination.noPlaces", { places: known.places }, "_form");
    return;
  }
  const alloc = await trx
    .selectFrom("allocations")
    .select("places")
    .where("category_id", "=", t.categoryId)
    .where("org_id", "=", t.org.id)
    .executeTakeFirst();
  const taken = await trx
    .selectFrom("nominations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("category_id", "=", t.categoryId)
    .where("org_id", "=", t.org.id)
    .where("status", "<>", "withdrawn")
    .executeTakeFirstOrThrow();
  if (Number(taken.n) > (alloc?.places ?? 0))
    throw new DomainError("nomination.noPlaces", { places: alloc?.places ?? 0 }, "_form");
}

async function lockAllocation(trx: Transaction<Database>, t: NominationTarget) {
  if (dialectOf(trx) !== "postgres") return;
  await trx
    .selectFrom("allocations")
    .select("places")
    .where("category_id", "=", t.categoryId)
    .where("org_id", "=", t.org.id)
    .forUpdate()
    .execute();
}

/**
 * The unique index is the last word when two orgs file the same person at the same moment: its
 * violation becomes the same refusal as the check before the insert, naming the other org.
 */
async function insertOrExplainDuplicate<T>(
  trx: Transaction<Database>,
  competitionId: number,
  hash: string | null,
  insert: () => Promise<T>,
): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    const code = (error as { code?: string }).code;
    const duplicate = code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
    if (
      !duplicate ||
      !hash ||
      !/id_hash|id_number_hash/.test(
        String((error as Error).message) + String((error as { constraint?: string }).constraint),
      )
    )
      throw error;
    throw new DomainError("nomination.duplicateIdConcurrent", undefined, "id_number");
  }
}

async function recordEvent(
  trx: Transaction<Database>,
  actor: Actor,
  nominationId: number,
  action: string,
  from: NominationStatus | null,
  to: NominationStatus,
  reason: string | null = null,
) {
  await trx
    .insertInto("nomination_events")
    .values({
      nomination_id: nominationId,
      at: nowIso(),
      actor_user_id: actor.userId,
      actor_label: actor.label,
      action,
      from_status: from,
      to_status: to,
      reason,
    })
    .execute();
}

/**
 * What the sheet import has already checked against figures it read once and keeps up to date:
 * the org's places and how many it held before this nomination (under lock for the whole
 * transaction), and that no live nomination of the competition carries the ID number (the unique
 * index still refuses a concurrent one). The form path checks both here, row by row.
 */
export interface KnownPlaces {
  places: number;
  takenBefore: number;
}

/** Files a nomination for `t.org` as draft or submitted. Run inside the caller's transaction. */
export async function createNomination(
  trx: Transaction<Database>,
  actor: Actor,
  dataKey: Buffer,
  t: NominationTarget,
  f: NominationFields,
  {
    status = "draft",
    ref,
    knownPlaces,
  }: { status?: "draft" | "submitted"; ref?: string; knownPlaces?: KnownPlaces } = {},
): Promise<{ id: number; ref: string }> {
  if (f.kind !== t.categoryKind) throw new DomainError("nomination.kindMismatch", undefined, "kind");
  const cols = fieldColumns(dataKey, f);
  if (!knownPlaces) {
    await lockAllocation(trx, t);
    await assertIdNumberFree(trx, t.competitionId, cols.id_number_hash);
  }
  const now = nowIso();
  const { id } = await insertOrExplainDuplicate(trx, t.competitionId, cols.id_number_hash, () =>
    trx
      .insertInto("nominations")
      .values({
        competition_id: t.competitionId,
        category_id: t.categoryId,
        org_id: t.org.id,
        ref: ref ?? `tmp-${crypto.randomUUID()}`,
        kind: f.kind,
        status,
        ...cols,
        version: 1,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        submitted_at: status === "submitted" ? now : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  await assertWithinPlaces(trx, t, knownPlaces);
  const finalRef = ref ?? `${t.competitionYear}-${String(id).padStart(5, "0")}`;
  if (!ref) await trx.updateTable("nominations").set({ ref: finalRef }).where("id", "=", id).execute();
  await recordEvent(trx, actor, id, "create", null, status);
  await recordAudit(trx, actor, {
    action: "nomination.create",
    entity: "nomination",
    entityId: id,
    orgPath: t.org.path,
    after: { ref: finalRef, name: f.name, status },
  });
  return { id, ref: finalRef };
}

export async function updateNomination(
  trx: Transaction<Database>,
  actor: Actor,
  dataKey: Buffer,
  nomination: { id: number; competition_id: number; version: number; org_path: string },
  f: NominationFields,
  expectedVersion: number,
) {
  if (expectedVersion !== nomination.version) throw new DomainError("nomination.stale", undefined, "_form");
  const cols = fieldColumns(dataKey, f);
  await assertIdNumberFree(trx, nomination.competition_id, cols.id_number_hash, nomination.id);
  const res = await trx
    .updateTable("nominations")
    .set({ ...cols, version: nomination.version + 1, updated_at: nowIso() })
    .where("id", "=", nomination.id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError("nomination.stale", undefined, "_form");
  await recordAudit(trx, actor, {
    action: "nomination.update",
    entity: "nomination",
    entityId: nomination.id,
    orgPath: nomination.org_path,
    after: { name: f.name },
  });
}

/** Moves a nomination along its lifecycle, recording who, when and why. Run inside a transaction. */
export async function transitionNomination(
  trx: Transaction<Database>,
  actor: Actor,
  nomination: { id: number; status: NominationStatus; org_path: string },
  to: NominationStatus,
  role: LifecycleRole,
  reason?: string | null,
): Promise<void> {
  const result = transition({ from: nomination.status, to, role, reason });
  if (!result.ok)
    throw new DomainError(
      result.messageKey,
      undefined,
      result.refusal === "reason_required" ? "reason" : "_form",
    );
  const res = await trx
    .updateTable("nominations")
    .set((eb) => ({
      status: to,
      updated_at: nowIso(),
      version: eb("version", "+", 1),
      ...(result.action === "submit" || result.action === "resubmit" ? { submitted_at: nowIso() } : {}),
    }))
    .where("id", "=", nomination.id)
    .where("status", "=", nomination.status)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError("nomination.stale", undefined, "_form");
  await recordEvent(trx, actor, nomination.id, result.action, nomination.status, to, result.reason);
  await recordAudit(trx, actor, {
    action: `nomination.${result.action}`,
    entity: "nomination",
    entityId: nomination.id,
    orgPath: nomination.org_path,
    before: { status: nomination.status },
    after: { status: to, reason: result.reason },
  });
  await notifyNominationDecision(trx, nomination.id, result.action, result.reason);
}
