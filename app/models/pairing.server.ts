import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { dialectOf } from "../../db/dialect";
import type { PairingTier } from "~/domain/registry/vocabulary";
import { DomainError, NotFoundError } from "~/domain/errors";
import type { RegistryScope } from "~/domain/registry/registry-scope";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { countyCondition } from "./registry-scope.server";

function pairingsQuery(db: Kysely<Database>) {
  return db
    .selectFrom("pairings")
    .innerJoin("helpers", "helpers.id", "pairings.helper_id")
    .innerJoin("counties", "counties.id", "pairings.county_id")
    .select([
      "pairings.id",
      "pairings.tier",
      "pairings.started_on",
      "pairings.created_at",
      "helpers.id as helper_id",
      "helpers.ref as helper_ref",
      "helpers.name as helper_name",
      "helpers.kind as helper_kind",
      "helpers.city as helper_city",
      "helpers.revoked_at as helper_revoked_at",
      "counties.id as county_id",
      "counties.code as county_code",
      "counties.name as county_name",
      "counties.city as county_city",
    ]);
}

export function listCountyPairings(db: Kysely<Database>, countyId: number) {
  return pairingsQuery(db)
    .where("pairings.county_id", "=", countyId)
    .orderBy("helpers.kind")
    .orderBy("helpers.ref")
    .execute();
}

export function listHelperPairings(db: Kysely<Database>, helperId: number) {
  return pairingsQuery(db).where("pairings.helper_id", "=", helperId).orderBy("counties.code").execute();
}

export interface PairingFilter {
  tier?: PairingTier | null;
  city?: string | null;
  page?: number;
  pageSize?: number;
}

/** Pairings of the counties in the scope, by county then helper. */
export async function listPairings(db: Kysely<Database>, scope: RegistryScope, f: PairingFilter = {}) {
  const pageSize = f.pageSize ?? 100;
  const page = f.page ?? 1;
  let q = pairingsQuery(db).where(countyCondition(scope));
  if (f.tier) q = q.where("pairings.tier", "=", f.tier);
  if (f.city) q = q.where("counties.city", "=", f.city);
  const rows = await q
    .orderBy("counties.code")
    .orderBy("helpers.ref")
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

export type PairingRecord = Awaited<ReturnType<typeof listCountyPairings>>[number];

export interface NewPairing {
  helper: { id: number; ref: string; capacity: number; revoked_at: string | null };
  county: { id: number; code: string };
  tier: PairingTier;
  startedOn: string | null;
  /** Where it came from, for the audit: a form, a sheet or the matcher. */
  source: "form" | "import" | "match";
}

/**
 * Pairs a helper with a county. Refused (DomainError) when the helper's title was revoked, the
 * pair exists, or the helper's capacity is used up.
 */
export async function createPairing(
  trx: Transaction<Database>,
  actor: Actor,
  p: NewPairing,
  auditPath: string | null,
): Promise<number> {
  if (p.helper.revoked_at)
    throw new DomainError("registry.pairing.revoked", { helper: p.helper.ref }, "helper_id");
  // On PostgreSQL, two admins pairing the same helper at once queue here, so capacity holds.
  if (dialectOf(trx) === "postgres")
    await trx.selectFrom("helpers").select("id").where("id", "=", p.helper.id).forUpdate().execute();
  const existing = await trx
    .selectFrom("pairings")
    .select(["county_id"])
    .where("helper_id", "=", p.helper.id)
    .execute();
  if (existing.some((e) => e.county_id === p.county.id))
    throw new DomainError(
      "registry.pairing.exists",
      { helper: p.helper.ref, county: p.county.code },
      "helper_id",
    );
  if (existing.length >= p.helper.capacity)
    throw new DomainError(
      "registry.pairing.full",
      { helper: p.helper.ref, capacity: p.helper.capacity },
      "helper_id",
    );
  const values = {
    helper_id: p.helper.id,
    county_id: p.county.id,
    tier: p.tier,
    started_on: p.startedOn,
    created_at: nowIso(),
  };
  const { id } = await trx.insertInto("pairings").values(values).returning("id").executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "pairing.create",
    entity: "pairing",
    entityId: id,
    orgPath: auditPath,
    after: {
      helper: p.helper.ref,
      county: p.county.code,
      tier: p.tier,
      started_on: p.startedOn,
      source: p.source,
    },
  });
  return id;
}

/** Deletes the county's pairing; another county's pairing is not found (issue #14). */
export async function deletePairing(
  trx: Transaction<Database>,
  actor: Actor,
  county: { id: number },
  pairing: PairingRecord,
  auditPath: string | null,
): Promise<void> {
  const res = await trx
    .deleteFrom("pairings")
    .where("id", "=", pairing.id)
    .where("county_id", "=", county.id)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) !== 1) throw new NotFoundError();
  await recordAudit(trx, actor, {
    action: "pairing.delete",
    entity: "pairing",
    entityId: pairing.id,
    orgPath: auditPath,
    before: {
      helper: pairing.helper_ref,
      county: pairing.county_code,
      tier: pairing.tier,
      started_on: pairing.started_on,
    },
  });
}
