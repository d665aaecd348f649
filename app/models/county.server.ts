import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { PovertyLevel } from "~/domain/registry/vocabulary";
import type { CountyRow } from "~/domain/registry/registry-rows";
import type { RegistryScope } from "~/domain/registry/registry-scope";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { countyCondition } from "./registry-scope.server";
import { likeContains, likeStartsWith } from "./like.server";

const COUNTY_COLUMNS = [
  "counties.id",
  "counties.code",
  "counties.name",
  "counties.city",
  "counties.poverty_level",
  "counties.exited_year",
  "counties.needs",
] as const;

export interface CountyFilter {
  city?: string | null;
  level?: PovertyLevel | null;
  q?: string | null;
}

/** Counties in the scope, by code. */
export function listCounties(db: Kysely<Database>, scope: RegistryScope, f: CountyFilter = {}) {
  let q = db.selectFrom("counties").select(COUNTY_COLUMNS).where(countyCondition(scope));
  if (f.city) q = q.where("counties.city", "=", f.city);
  if (f.level) q = q.where("counties.poverty_level", "=", f.level);
  if (f.q)
    q = q.where((eb) => eb.or([likeContains("counties.name", f.q!), likeStartsWith("counties.code", f.q!)]));
  return q.orderBy("counties.code").execute();
}

export type CountyRecord = Awaited<ReturnType<typeof listCounties>>[number];

export function getCounty(db: Kysely<Database>, id: number) {
  return db.selectFrom("counties").select(COUNTY_COLUMNS).where("counties.id", "=", id).executeTakeFirst();
}

export function getCountyByCode(db: Kysely<Database>, code: string) {
  return db
    .selectFrom("counties")
    .select(COUNTY_COLUMNS)
    .where("counties.code", "=", code)
    .executeTakeFirst();
}

/** The audit's org path for registry changes: the province's, so its admins see them. */
export async function registryAuditPath(db: Kysely<Database>): Promise<string | null> {
  const root = await db
    .selectFrom("orgs")
    .select("path")
    .where("parent_id", "is", null)
    .orderBy("id")
    .executeTakeFirst();
  return root?.path ?? null;
}

/** Creates the county, or updates the one with its code in place; true when it was new. */
export async function saveCounty(
  trx: Transaction<Database>,
  actor: Actor,
  row: CountyRow,
  auditPath: string | null,
): Promise<boolean> {
  const before = await getCountyByCode(trx, row.code);
  const now = nowIso();
  const fields = {
    name: row.name,
    city: row.city,
    poverty_level: row.poverty_level,
    exited_year: row.exited_year,
    needs: row.needs,
    updated_at: now,
  };
  let id: number;
  if (before) {
    await trx.updateTable("counties").set(fields).where("id", "=", before.id).execute();
    id = before.id;
  } else {
    const inserted = await trx
      .insertInto("counties")
      .values({ code: row.code, ...fields, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    id = inserted.id;
  }
  await recordAudit(trx, actor, {
    action: before ? "county.update" : "county.create",
    entity: "county",
    entityId: id,
    orgPath: auditPath,
    before,
    after: { code: row.code, ...fields },
  });
  return !before;
}
