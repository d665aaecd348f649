import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { HelperKind } from "~/domain/registry/vocabulary";
import { DomainError } from "~/domain/errors";
import type { HelperRow } from "~/domain/registry/registry-rows";
import { helperInScope, type RegistryScope } from "~/domain/registry/registry-scope";
import { decryptPersonal, encryptPersonal } from "~/utils/personal-data.server";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { helperCondition } from "./registry-scope.server";
import { likeContains } from "./like.server";

/** Never the encrypted contact: only `revealHelperContact` reads it. */
const HELPER_COLUMNS = [
  "helpers.id",
  "helpers.ref",
  "helpers.kind",
  "helpers.name",
  "helpers.city",
  "helpers.skills",
  "helpers.capacity",
  "helpers.level",
  "helpers.title",
  "helpers.year",
  "helpers.ownership",
  "helpers.workplace",
  "helpers.contact_masked",
  "helpers.org_id",
  "helpers.nomination_id",
  "helpers.revoked_at",
  "helper_org.path as org_path",
  "helper_org.name as org_name",
] as const;

export interface HelperFilter {
  kind?: HelperKind | null;
  city?: string | null;
  q?: string | null;
  page?: number;
  pageSize?: number;
}

function helpersQuery(db: Kysely<Database>) {
  return db.selectFrom("helpers").leftJoin("orgs as helper_org", "helper_org.id", "helpers.org_id");
}

/** Helpers in the scope with how many counties each is paired with, by ref; one page and whether more follow. */
export async function listHelpers(db: Kysely<Database>, scope: RegistryScope, f: HelperFilter = {}) {
  const pageSize = f.pageSize ?? 50;
  const page = f.page ?? 1;
  let q = helpersQuery(db)
    .select(HELPER_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom("pairings")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("pairings.helper_id", "=", "helpers.id")
        .as("paired"),
    )
    .where(helperCondition(scope));
  if (f.kind) q = q.where("helpers.kind", "=", f.kind);
  if (f.city) q = q.where("helpers.city", "=", f.city);
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        likeContains("helpers.name", f.q!),
        eb("helpers.ref", "=", f.q!),
        likeContains("helpers.skills", f.q!),
      ]),
    );
  const rows = await q
    .orderBy("helpers.ref")
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    rows: rows.slice(0, pageSize).map((r) => ({ ...r, paired: Number(r.paired) })),
    hasMore: rows.length > pageSize,
  };
}

export async function getHelper(db: Kysely<Database>, id: number) {
  return helpersQuery(db).select(HELPER_COLUMNS).where("helpers.id", "=", id).executeTakeFirst();
}

export async function getHelperByRef(db: Kysely<Database>, ref: string) {
  return helpersQuery(db).select(HELPER_COLUMNS).where("helpers.ref", "=", ref).executeTakeFirst();
}

export type HelperRecord = NonNullable<Awaited<ReturnType<typeof getHelper>>>;

export const mayManageHelper = (scope: RegistryScope, helper: Pick<HelperRecord, "org_path">) =>
  helperInScope(scope, helper.org_path);

/** Masked like a phone: the first 3 and last 4 characters of a long value, stars between. */
export function maskContact(contact: string): string {
  const chars = [...contact];
  if (chars.length <= 7) return "*".repeat(chars.length);
  return `${chars.slice(0, 3).join("")}${"*".repeat(chars.length - 7)}${chars.slice(-4).join("")}`;
}

/** The whole contact, for an admin who asked; the asking is audited. */
export async function revealHelperContact(
  trx: Transaction<Database>,
  actor: Actor,
  dataKey: Buffer,
  helper: HelperRecord,
): Promise<string | null> {
  const row = await trx
    .selectFrom("helpers")
    .select("contact_enc")
    .where("id", "=", helper.id)
    .executeTakeFirstOrThrow();
  if (!row.contact_enc) return null;
  await recordAudit(trx, actor, {
    action: "helper.contact.reveal",
    entity: "helper",
    entityId: helper.id,
    orgPath: helper.org_path,
  });
  return decryptPersonal(dataKey, row.contact_enc);
}

type HelperFields = Omit<HelperRow, "id">;

function storedFields(dataKey: Buffer, row: HelperFields, keepContact: boolean) {
  const { contact, ...rest } = row;
  const base = { ...rest, updated_at: nowIso() };
  if (keepContact && contact === null) return base;
  return {
    ...base,
    contact_enc: contact ? encryptPersonal(dataKey, contact) : null,
    contact_masked: contact ? maskContact(contact) : null,
  };
}

const auditable = (row: HelperFields) => ({ ...row, contact: row.contact ? maskContact(row.contact) : null });

/**
 * Creates the helper with its sheet id, or updates the one with that id in place (an empty
 * contact keeps the stored one); true when it was new. `orgId` only applies to a new helper. A
 * capacity below the helper's pairings is refused (DomainError on `capacity`).
 */
export async function saveHelper(
  trx: Transaction<Database>,
  actor: Actor,
  dataKey: Buffer,
  row: HelperRow,
  orgId: number | null,
  auditPath: string | null,
): Promise<boolean> {
  const { id: ref, ...fields } = row;
  const before = await getHelperByRef(trx, ref);
  let id: number;
  if (before) {
    const paired = Number(
      (
        await trx
          .selectFrom("pairings")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("helper_id", "=", before.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (fields.capacity < paired)
      throw new DomainError("registry.helper.capacityBelow", { paired }, "capacity");
    await trx
      .updateTable("helpers")
      .set(storedFields(dataKey, fields, true))
      .where("id", "=", before.id)
      .execute();
    id = before.id;
  } else {
    const values = { ref, ...storedFields(dataKey, fields, false), org_id: orgId, created_at: nowIso() };
    id = (await trx.insertInto("helpers").values(values).returning("id").executeTakeFirstOrThrow()).id;
  }
  await recordAudit(trx, actor, {
    action: before ? "helper.update" : "helper.create",
    entity: "helper",
    entityId: id,
    orgPath: before?.org_path ?? auditPath,
    before,
    after: { ref, ...auditable(fields) },
  });
  return !before;
}
