import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError, NotFoundError } from "~/domain/errors";
import { canonicalList, sha256Hex, type CanonicalList } from "~/domain/honors/digest";
import { termsOf } from "~/domain/honors/search-terms";
import { checkDocNumber } from "~/domain/honors/doc-number";
import { isWithin } from "~/domain/org-tree";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { advanceCompetition, getCompetition, type CompetitionRow } from "./competition.server";
import { markHonoreeHelperRevoked, registerHonoreesAsHelpers } from "./honoree-helpers.server";
import { listNoticeEntries, lockCompetition, type NoticeEntry } from "./notice.server";
import { transitionNomination } from "./nomination.server";
import { bumpRollVersion, publishRefusals } from "./publication-refusals.server";

export interface PublicationInput {
  docNumber: string;
  publishedOn: string;
  publishingOrgId: number;
}

export function getPublication(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("publications")
    .innerJoin("orgs", "orgs.id", "publications.publishing_org_id")
    .select([
      "publications.id",
      "publications.doc_number",
      "publications.published_on",
      "publications.digest",
      "publications.published_at",
      "orgs.name as publishing_org",
    ])
    .where("publications.competition_id", "=", competitionId)
    .executeTakeFirst();
}

/** The nearest region code on the org's path (a grassroots union has none of its own). */
async function regionCodes(
  trx: Transaction<Database>,
  entries: readonly NoticeEntry[],
): Promise<Map<string, string | null>> {
  const ids = new Set(entries.flatMap((e) => e.org_path.split("/").filter(Boolean).map(Number)));
  const orgs = ids.size
    ? await trx
        .selectFrom("orgs")
        .select(["id", "region_code"])
        .where("id", "in", [...ids])
        .execute()
    : [];
  const code = new Map(orgs.map((o) => [o.id, o.region_code]));
  const out = new Map<string, string | null>();
  for (const e of entries) {
    const path = e.org_path.split("/").filter(Boolean).map(Number).reverse();
    out.set(e.org_path, path.map((id) => code.get(id)).find((c) => c) ?? null);
  }
  return out;
}

function canonicalOf(
  c: CompetitionRow,
  input: PublicationInput,
  publishingOrg: string,
  entries: readonly NoticeEntry[],
): CanonicalList {
  const categories = new Map<number, CanonicalList["categories"][number]>();
  for (const e of entries) {
    if (!categories.has(e.category_id))
      categories.set(e.category_id, {
        name: e.category_name,
        kind: e.kind as "individual" | "collective",
        entries: [],
      });
    const list = categories.get(e.category_id)!.entries;
    list.push({
      position: list.length + 1,
      name: e.name,
      gender: e.gender,
      workplace: e.workplace,
      post: e.post,
      org: e.org_name,
    });
  }
  return {
    competition: c.title,
    year: c.year,
    doc_number: input.docNumber,
    published_on: input.publishedOn,
    publishing_org: publishingOrg,
    categories: [...categories.values()],
  };
}

/**
 * Publishes the commendation decision (表彰决定): every entry on notice is commended and written
 * to the public roll, the list's canonical form and digest are kept, the registry learns of the
 * new honorees, and the competition moves to `published`. Run inside a transaction.
 */
export async function publish(
  trx: Transaction<Database>,
  actor: Actor,
  c: CompetitionRow,
  input: PublicationInput,
): Promise<{ publicationId: number; digest: string }> {
  // The stage as of now, locked: `c` was read before the transaction, and an objection being
  // filed holds this lock until it is stored (see lockCompetition).
  if (c.stage !== "notice" || (await lockCompetition(trx, c.id))?.stage !== "notice")
    throw new DomainError("notice.notInStage", undefined, "_form");
  const doc = checkDocNumber(input.docNumber, Number(input.publishedOn.slice(0, 4)));
  if (!doc.ok) throw new DomainError(doc.key, doc.params, "doc_number");
  input = { ...input, docNumber: doc.value };
  const refusals = await publishRefusals(trx, c.id);
  if (refusals.length) throw new DomainError(refusals[0].messageKey, refusals[0].params, "_form");
  const org = await trx
    .selectFrom("orgs")
    .select(["id", "name", "path"])
    .where("id", "=", input.publishingOrgId)
    .executeTakeFirst();
  if (!org || !isWithin(c.org_path, org.path))
    throw new DomainError("publication.publishingOrg", undefined, "publishing_org");
  const entries = await listNoticeEntries(trx, c.id);
  if (entries.length === 0) throw new DomainError("notice.nothingProposed", undefined, "_form");
  const list = canonicalOf(c, input, org.name, entries);
  const canonical = canonicalList(list);
  const digest = sha256Hex(canonical);
  const { id } = await trx
    .insertInto("publications")
    .values({
      competition_id: c.id,
      doc_number: input.docNumber,
      published_on: input.publishedOn,
      publishing_org_id: org.id,
      digest,
      canonical,
      published_by: actor.userId,
      published_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeHonorees(trx, actor, c, { ...input, id, publishingOrg: org.name }, entries);
  for (const categoryId of new Set(entries.map((e) => e.category_id)))
    await registerHonoreesAsHelpers(trx, actor, categoryId);
  await bumpRollVersion(trx);
  await recordAudit(trx, actor, {
    action: "publication.publish",
    entity: "competition",
    entityId: c.id,
    orgPath: c.org_path,
    after: { doc_number: input.docNumber, published_on: input.publishedOn, digest, entries: entries.length },
  });
  const outcome = await advanceCompetition(trx, actor, (await getCompetition(trx, c.id))!);
  if (!outcome.ok) throw new DomainError(outcome.refusals[0].messageKey, outcome.refusals[0].params, "_form");
  return { publicationId: id, digest };
}

async function writeHonorees(
  trx: Transaction<Database>,
  actor: Actor,
  c: CompetitionRow,
  p: PublicationInput & { id: number; publishingOrg: string },
  entries: readonly NoticeEntry[],
) {
  const regions = await regionCodes(trx, entries);
  const titles = new Map(
    (
      await trx
        .selectFrom("categories")
        .select(["id", "honor_title"])
        .where("competition_id", "=", c.id)
        .execute()
    ).map((r) => [r.id, r.honor_title]),
  );
  const positions = new Map<number, number>();
  for (const e of entries) {
    await transitionNomination(
      trx,
      actor,
      { id: e.id, status: "on_notice", org_path: e.org_path },
      "commended",
      "admin",
    );
    const position = (positions.get(e.category_id) ?? 0) + 1;
    positions.set(e.category_id, position);
    const { id } = await trx
      .insertInto("honorees")
      .values({
        publication_id: p.id,
        competition_id: c.id,
        category_id: e.category_id,
        nomination_id: e.id,
        position,
        kind: e.kind as "individual" | "collective",
        name: e.name,
        gender: e.gender,
        workplace: e.workplace,
        post: e.post,
        org_name: e.org_name,
        region_code: regions.get(e.org_path) ?? null,
        year: c.year,
        competition_title: c.title,
        category_name: e.category_name,
        honor_title: titles.get(e.category_id) ?? null,
        summary: e.summary,
        doc_number: p.docNumber,
        published_on: p.publishedOn,
        publishing_org: p.publishingOrg,
        revoked: 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const terms = termsOf(e.name, e.workplace);
    if (terms.length)
      await trx
        .insertInto("honoree_terms")
        .values(terms.map((term) => ({ term, honoree_id: id })))
        .execute();
  }
}

export interface RevocationInput {
  /** The honoree's competition: another competition's honoree is not found. */
  competitionId: number;
  honoreeId: number;
  reason: string;
  revokedOn: string;
}

/** Revokes a title (撤销): the public roll shows it no more; the history keeps it. Run inside a transaction. */
export async function revoke(
  trx: Transaction<Database>,
  actor: Actor,
  input: RevocationInput,
): Promise<void> {
  const h = await trx
    .selectFrom("honorees")
    .innerJoin("nominations as n", "n.id", "honorees.nomination_id")
    .innerJoin("orgs as o", "o.id", "n.org_id")
    .innerJoin("competitions as c", "c.id", "honorees.competition_id")
    .innerJoin("orgs as co", "co.id", "c.org_id")
    .select([
      "honorees.id",
      "honorees.revoked",
      "n.id as nomination_id",
      "n.status",
      "o.path as org_path",
      "co.path as competition_path",
    ])
    .where("honorees.id", "=", input.honoreeId)
    .where("honorees.competition_id", "=", input.competitionId)
    .executeTakeFirst();
  if (!h) throw new NotFoundError();
  if (h.revoked) throw new DomainError("publication.alreadyRevoked", undefined, "_form");
  if (!input.reason.trim()) throw new DomainError("publication.reasonRequired", undefined, "reason");
  await transitionNomination(
    trx,
    actor,
    { id: h.nomination_id, status: h.status, org_path: h.org_path },
    "revoked",
    "admin",
    input.reason,
  );
  await trx.updateTable("honorees").set({ revoked: 1 }).where("id", "=", h.id).execute();
  await trx
    .insertInto("revocations")
    .values({
      honoree_id: h.id,
      nomination_id: h.nomination_id,
      reason: input.reason,
      revoked_on: input.revokedOn,
      revoked_by: actor.userId,
      created_at: nowIso(),
    })
    .execute();
  await markHonoreeHelperRevoked(trx, actor, h.nomination_id);
  await bumpRollVersion(trx);
  await recordAudit(trx, actor, {
    action: "publication.revoke",
    entity: "honoree",
    entityId: h.id,
    orgPath: h.competition_path,
    after: { reason: input.reason, revoked_on: input.revokedOn },
  });
}

/** The admin's view of a published list: every honoree, revoked ones with their revocation. */
export function listPublishedForAdmin(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("honorees as h")
    .leftJoin("revocations as r", "r.honoree_id", "h.id")
    .select([
      "h.id",
      "h.category_name",
      "h.position",
      "h.name",
      "h.workplace",
      "h.org_name",
      "h.revoked",
      "r.reason as revoked_reason",
      "r.revoked_on",
    ])
    .where("h.competition_id", "=", competitionId)
    .orderBy("h.category_id")
    .orderBy("h.position")
    .execute();
}
