import type { Kysely, Transaction } from "kysely";
import type { Database, Org } from "../../db/schema";
import type { OrgKind } from "~/domain/org-vocabulary";
import { regionRefusal } from "~/domain/org-region";
import { DomainError } from "~/domain/errors";
import { childPath, isWithin } from "~/domain/org-tree";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";

const ORG_COLUMNS = ["id", "name", "kind", "region_code", "parent_id", "path"] as const;
export type OrgRow = Pick<Org, (typeof ORG_COLUMNS)[number]>;

export function listOrgs(db: Kysely<Database>): Promise<OrgRow[]> {
  return db.selectFrom("orgs").select(ORG_COLUMNS).orderBy("path").execute();
}

export function listOrgsWithin(db: Kysely<Database>, scopes: string[]): Promise<OrgRow[]> {
  if (scopes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("orgs")
    .select(ORG_COLUMNS)
    .where((eb) => eb.or(scopes.map((s) => eb("path", "like", `${s}%`))))
    .orderBy("path")
    .execute();
}

export function getOrg(db: Kysely<Database>, id: number): Promise<OrgRow | undefined> {
  return db.selectFrom("orgs").select(ORG_COLUMNS).where("id", "=", id).executeTakeFirst();
}

export function getOrgByName(db: Kysely<Database>, name: string): Promise<OrgRow | undefined> {
  return db.selectFrom("orgs").select(ORG_COLUMNS).where("name", "=", name).executeTakeFirst();
}

export function listChildren(db: Kysely<Database>, parentId: number): Promise<OrgRow[]> {
  return db.selectFrom("orgs").select(ORG_COLUMNS).where("parent_id", "=", parentId).orderBy("id").execute();
}

export async function listAncestors(db: Kysely<Database>, org: OrgRow): Promise<OrgRow[]> {
  const ids = org.path.split("/").filter(Boolean).map(Number).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("orgs").select(ORG_COLUMNS).where("id", "in", ids).execute();
  return rows.sort((a, b) => a.path.length - b.path.length);
}

export interface OrgInput {
  name: string;
  kind: OrgKind;
  regionCode: string | null;
}

async function assertNameFree(db: Kysely<Database>, name: string, exceptId?: number): Promise<void> {
  const other = await getOrgByName(db, name);
  if (other && other.id !== exceptId) throw new DomainError("error.orgNameTaken", { name }, "name");
}

/** Refuses a region code that would reach outside the parent's (see `regionRefusal`). */
function assertRegionFits(parent: OrgRow | null, child: { kind: string; regionCode: string | null }): void {
  const refusal = regionRefusal(parent, child);
  if (refusal) throw new DomainError(refusal.key, refusal.params, "regionCode");
}

/** An org's new code must still hold its children's codes: they reach no further than it. */
async function assertChildrenFit(trx: Transaction<Database>, org: OrgRow, after: OrgRow): Promise<void> {
  for (const child of await listChildren(trx, org.id)) {
    if (regionRefusal(after, { kind: child.kind, regionCode: child.region_code }))
      throw new DomainError("org.regionStrandsChild", { name: child.name }, "regionCode");
  }
}

/** Creates an org below `parent` (or a root when null). Run inside the caller's transaction. */
export async function createOrg(
  trx: Transaction<Database>,
  actor: Actor,
  parent: OrgRow | null,
  input: OrgInput,
): Promise<OrgRow> {
  await assertNameFree(trx, input.name);
  assertRegionFits(parent, input);
  const { id } = await trx
    .insertInto("orgs")
    .values({
      name: input.name,
      kind: input.kind,
      region_code: input.regionCode,
      parent_id: parent?.id ?? null,
      path: "/",
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const path = childPath(parent?.path ?? null, id);
  await trx.updateTable("orgs").set({ path }).where("id", "=", id).execute();
  const org: OrgRow = {
    id,
    name: input.name,
    kind: input.kind,
    region_code: input.regionCode,
    parent_id: parent?.id ?? null,
    path,
  };
  await recordAudit(trx, actor, {
    action: "org.create",
    entity: "org",
    entityId: id,
    orgPath: path,
    after: org,
  });
  return org;
}

/**
 * Renames, re-kinds or moves an org. Moving rewrites the path of its whole subtree; an org never
 * moves below itself.
 */
export async function updateOrg(
  trx: Transaction<Database>,
  actor: Actor,
  org: OrgRow,
  input: OrgInput & { parent: OrgRow | null },
): Promise<OrgRow> {
  await assertNameFree(trx, input.name, org.id);
  if (input.parent && isWithin(input.parent.path, org.path))
    throw new DomainError("error.orgCycle", undefined, "parentId");
  assertRegionFits(input.parent, input);
  await assertChildrenFit(trx, org, {
    ...org,
    name: input.name,
    kind: input.kind,
    region_code: input.regionCode,
    parent_id: input.parent?.id ?? null,
  });
  const path = childPath(input.parent?.path ?? null, org.id);
  await trx
    .updateTable("orgs")
    .set({
      name: input.name,
      kind: input.kind,
      region_code: input.regionCode,
      parent_id: input.parent?.id ?? null,
    })
    .where("id", "=", org.id)
    .execute();
  if (path !== org.path) {
    const below = await trx
      .selectFrom("orgs")
      .select(["id", "path"])
      .where("path", "like", `${org.path}%`)
      .execute();
    for (const row of below) {
      await trx
        .updateTable("orgs")
        .set({ path: path + row.path.slice(org.path.length) })
        .where("id", "=", row.id)
        .execute();
    }
  }
  const after: OrgRow = {
    ...org,
    name: input.name,
    kind: input.kind,
    region_code: input.regionCode,
    parent_id: input.parent?.id ?? null,
    path,
  };
  await recordAudit(trx, actor, {
    action: "org.update",
    entity: "org",
    entityId: org.id,
    orgPath: path,
    before: org,
    after,
  });
  return after;
}

export async function countOrgs(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("orgs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
