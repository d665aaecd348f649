import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { isWithin } from "~/domain/org-tree";
import { may } from "~/domain/policy";
import type { NominationStatus } from "~/domain/nominations/vocabulary";
import { decryptPersonal } from "~/utils/personal-data.server";
import { type Actor, recordAudit } from "./audit.server";
import type { SessionUser } from "./user.server";

/*
 * Reading nominations for the nominators' and the reviewing admins' pages, and who may do what
 * when. Private columns (the encrypted ID number and phone) are read only by `revealPersonalData`
 * and `storedPersonalData`; every list and the dossier carry the masked forms.
 */

// ---- who sees what -------------------------------------------------------------------------

export interface NominatingOrg {
  id: number;
  name: string;
  path: string;
}

/**
 * The orgs the user may nominate for in a competition: those where it holds the nominator role,
 * inside the organizer's subtree (docs/domain.md#places). A nomination belongs to one of them.
 */
export function nominatingOrgsOf(user: SessionUser, competition: { org_path: string }): NominatingOrg[] {
  const seen = new Map<number, NominatingOrg>();
  for (const g of user.grants) {
    if (g.role === "nominator" && isWithin(g.orgPath, competition.org_path) && !seen.has(g.orgId))
      seen.set(g.orgId, { id: g.orgId, name: g.orgName, path: g.orgPath });
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }));
}

export interface NominationAccess {
  /** An admin of the organizing union (or above): sees all, reviews, reveals. */
  admin: boolean;
  /** A nominator of the nominating org (or above it, inside the organizer's subtree). */
  nominator: boolean;
}

export function nominationAccess(
  user: SessionUser,
  competition: { org_path: string },
  nominationOrgPath: string,
): NominationAccess {
  // The policy decides (app/domain/policy.ts); this pairs its two answers for the nomination pages.
  return {
    admin: may(user.grants, "competition:manage", { orgPath: competition.org_path }),
    nominator: may(user.grants, "nomination:edit", {
      organizerPath: competition.org_path,
      orgPath: nominationOrgPath,
    }),
  };
}

// ---- columns ------------------------------------------------------------------------------

/** A nomination's fields as the dossier and the export show them; the private ones go masked, apart. */
const PERSON_COLUMNS = [
  "nominations.gender",
  "nominations.ethnicity",
  "nominations.birth_date",
  "nominations.political_status",
  "nominations.education",
  "nominations.workplace",
  "nominations.post",
  "nominations.occupation_group",
  "nominations.migrant",
  "nominations.sector",
] as const;
const COLLECTIVE_AND_DEEDS_COLUMNS = [
  "nominations.collective_kind",
  "nominations.member_count",
  "nominations.leader",
  "nominations.summary",
  "nominations.deeds",
] as const;

// ---- lists ---------------------------------------------------------------------------------

export interface NominationFilter {
  competitionId: number;
  /** Only nominations of orgs in this subtree. */
  within?: string;
  categoryId?: number;
  orgId?: number;
  status?: NominationStatus;
}

function filtered(db: Kysely<Database>, f: NominationFilter) {
  let q = db
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .innerJoin("categories", "categories.id", "nominations.category_id")
    .where("nominations.competition_id", "=", f.competitionId);
  if (f.within) q = q.where("orgs.path", "like", `${f.within}%`);
  if (f.categoryId) q = q.where("nominations.category_id", "=", f.categoryId);
  if (f.orgId) q = q.where("nominations.org_id", "=", f.orgId);
  if (f.status) q = q.where("nominations.status", "=", f.status);
  return q;
}

export function listNominations(db: Kysely<Database>, f: NominationFilter) {
  return filtered(db, f)
    .select([
      "nominations.id",
      "nominations.ref",
      "nominations.name",
      "nominations.kind",
      "nominations.status",
      "nominations.workplace",
      "nominations.updated_at",
      "nominations.category_id",
      "categories.name as category_name",
      "nominations.org_id",
      "orgs.name as org_name",
    ])
    .orderBy("categories.position")
    .orderBy("orgs.path")
    .orderBy("nominations.id")
    .execute();
}
export type NominationListRow = Awaited<ReturnType<typeof listNominations>>[number];

/** Counts per org and per status, over the competition (or one category of it). */
export async function countNominations(
  db: Kysely<Database>,
  f: Pick<NominationFilter, "competitionId" | "categoryId">,
) {
  const [byOrg, byStatus] = await Promise.all([
    filtered(db, f)
      .select(["orgs.id as org_id", "orgs.name as org_name", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["orgs.id", "orgs.name", "orgs.path"])
      .orderBy("orgs.path")
      .execute(),
    filtered(db, f)
      .select(["nominations.status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("nominations.status")
      .execute(),
  ]);
  return {
    byOrg: byOrg.map((r) => ({ orgId: r.org_id, orgName: r.org_name, count: Number(r.n) })),
    byStatus: byStatus.map((r) => ({ status: r.status as NominationStatus, count: Number(r.n) })),
  };
}

/** The orgs holding places in the competition, for the admin's org filter. */
export function listAllocatedOrgs(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("allocations")
    .innerJoin("categories", "categories.id", "allocations.category_id")
    .innerJoin("orgs", "orgs.id", "allocations.org_id")
    .select(["orgs.id", "orgs.name"])
    .distinct()
    .where("categories.competition_id", "=", competitionId)
    .orderBy("orgs.name")
    .execute();
}

/** Per category: the org's places and how many of them live nominations use (withdrawn ones free theirs). */
export async function placesOf(db: Kysely<Database>, competitionId: number, orgId: number) {
  const [categories, used] = await Promise.all([
    db
      .selectFrom("categories")
      .leftJoin("allocations", (j) =>
        j.onRef("allocations.category_id", "=", "categories.id").on("allocations.org_id", "=", orgId),
      )
      .select(["categories.id", "categories.name", "categories.kind", "allocations.places"])
      .where("categories.competition_id", "=", competitionId)
      .orderBy("categories.position")
      .execute(),
    db
      .selectFrom("nominations")
      .select(["category_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("competition_id", "=", competitionId)
      .where("org_id", "=", orgId)
      .where("status", "<>", "withdrawn")
      .groupBy("category_id")
      .execute(),
  ]);
  const usedBy = new Map(used.map((u) => [u.category_id, Number(u.n)]));
  return categories.map((c) => ({
    categoryId: c.id,
    name: c.name,
    kind: c.kind,
    places: c.places ?? 0,
    used: usedBy.get(c.id) ?? 0,
  }));
}

// ---- one nomination ------------------------------------------------------------------------

/** The dossier: every field but the private ones (masked instead), with its competition, category and org. */
export function getNominationDossier(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .innerJoin("categories", "categories.id", "nominations.category_id")
    .innerJoin("competitions", "competitions.id", "nominations.competition_id")
    .innerJoin("orgs as organizer", "organizer.id", "competitions.org_id")
    .select([
      "nominations.id",
      "nominations.ref",
      "nominations.kind",
      "nominations.status",
      "nominations.name",
      ...PERSON_COLUMNS,
      "nominations.id_number_masked",
      "nominations.phone_masked",
      ...COLLECTIVE_AND_DEEDS_COLUMNS,
      "nominations.version",
      "nominations.created_at",
      "nominations.updated_at",
      "nominations.submitted_at",
      "nominations.competition_id",
      "nominations.category_id",
      "nominations.org_id",
      "orgs.name as org_name",
      "orgs.path as org_path",
      "categories.name as category_name",
      "competitions.title as competition_title",
      "competitions.year as competition_year",
      "competitions.stage as competition_stage",
      "organizer.path as organizer_path",
    ])
    .where("nominations.id", "=", id)
    .executeTakeFirst();
}
export type NominationDossier = NonNullable<Awaited<ReturnType<typeof getNominationDossier>>>;

export function listNominationEvents(db: Kysely<Database>, nominationId: number) {
  return db
    .selectFrom("nomination_events")
    .select(["id", "at", "actor_label", "action", "from_status", "to_status", "reason"])
    .where("nomination_id", "=", nominationId)
    .orderBy("id")
    .execute();
}

async function readPersonal(db: Kysely<Database>, dataKey: Buffer, id: number) {
  const row = await db
    .selectFrom("nominations")
    .select(["id_number_enc", "phone_enc"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return {
    idNumber: row.id_number_enc ? decryptPersonal(dataKey, row.id_number_enc) : null,
    phone: row.phone_enc ? decryptPersonal(dataKey, row.phone_enc) : null,
  };
}

/** The ID number and phone in full, for an entitled admin who asked; the audit log keeps who and when, never the values. */
export async function revealPersonalData(
  db: Kysely<Database>,
  actor: Actor,
  dataKey: Buffer,
  nomination: { id: number; org_path: string },
) {
  const personal = await readPersonal(db, dataKey, nomination.id);
  await recordAudit(db, actor, {
    action: "nomination.reveal",
    entity: "nomination",
    entityId: nomination.id,
    orgPath: nomination.org_path,
    after: { fields: ["id_number", "phone"] },
  });
  return personal;
}

/** The stored values, server-side only: an edit that leaves them blank keeps them (the form never shows them in full). */
export function storedPersonalData(db: Kysely<Database>, dataKey: Buffer, id: number) {
  return readPersonal(db, dataKey, id);
}

// ---- export --------------------------------------------------------------------------------

/** The list with every field for the export; personal data masked. */
export function listNominationsForExport(db: Kysely<Database>, f: NominationFilter) {
  return filtered(db, f)
    .select([
      "nominations.ref",
      "categories.name as category",
      "orgs.name as nominating_org",
      "nominations.kind",
      "nominations.status",
      "nominations.name",
      ...PERSON_COLUMNS,
      "nominations.id_number_masked as id_number",
      "nominations.phone_masked as phone",
      ...COLLECTIVE_AND_DEEDS_COLUMNS,
      "nominations.submitted_at",
    ])
    .orderBy("categories.position")
    .orderBy("orgs.path")
    .orderBy("nominations.id")
    .execute();
}
export type NominationExportRow = Awaited<ReturnType<typeof listNominationsForExport>>[number];
