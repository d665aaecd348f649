import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { escapeLike, regionPrefix } from "~/domain/honors/region";
import { lookupTerm } from "~/domain/honors/search-terms";

/** Public reads of the honor rolls: only published, unrevoked entries and their public fields. */

export const PAGE_SIZE = 50;

const PUBLIC_COLUMNS = [
  "h.id",
  "h.kind",
  "h.name",
  "h.gender",
  "h.workplace",
  "h.post",
  "h.org_name",
  "h.region_code",
  "h.year",
  "h.competition_id",
  "h.competition_title",
  "h.category_id",
  "h.category_name",
  "h.position",
] as const;

export function listPublishedLists(db: Kysely<Database>, f: { year?: number; limit?: number } = {}) {
  let q = db
    .selectFrom("publications as p")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .innerJoin("orgs as o", "o.id", "p.publishing_org_id")
    .select([
      "c.id",
      "c.title",
      "c.year",
      "p.doc_number",
      "p.published_on",
      "p.digest",
      "o.name as publishing_org",
    ]);
  if (f.year) q = q.where("c.year", "=", f.year);
  q = q.orderBy("p.published_on", "desc").orderBy("c.id", "desc");
  return (f.limit ? q.limit(f.limit) : q).execute();
}
export type PublishedList = Awaited<ReturnType<typeof listPublishedLists>>[number];

export async function listRollYears(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom("publications as p")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .select("c.year")
    .distinct()
    .orderBy("c.year", "desc")
    .execute();
  return rows.map((r) => r.year);
}

export function getPublishedList(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("publications as p")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .innerJoin("orgs as o", "o.id", "p.publishing_org_id")
    .select([
      "c.id",
      "c.title",
      "c.year",
      "p.doc_number",
      "p.published_on",
      "p.digest",
      "o.name as publishing_org",
    ])
    .where("c.id", "=", competitionId)
    .executeTakeFirst();
}

/** The categories of a published list with their live entry counts; collectives first, as rolls list them. */
export async function listRollCategories(db: Kysely<Database>, competitionId: number) {
  const cats = await db
    .selectFrom("categories")
    .select(["id", "name", "kind", "position", "honor_title"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
  const counts = await db
    .selectFrom("honorees")
    .select(["category_id", (eb) => eb.fn.countAll().as("n")])
    .where("competition_id", "=", competitionId)
    .where("revoked", "=", 0)
    .groupBy("category_id")
    .execute();
  const n = new Map(counts.map((c) => [c.category_id, Number(c.n)]));
  return cats
    .map((c) => ({ ...c, count: n.get(c.id) ?? 0 }))
    .sort((a, b) => (a.kind === b.kind ? a.position - b.position : a.kind === "collective" ? -1 : 1));
}

/** One page of a category's live entries in list order, optionally inside a region. */
export async function listRollEntries(
  db: Kysely<Database>,
  f: { categoryId: number; region?: string; page?: number; pageSize?: number },
) {
  const size = f.pageSize ?? PAGE_SIZE;
  const page = Math.max(1, f.page ?? 1);
  let q = db
    .selectFrom("honorees as h")
    .select([...PUBLIC_COLUMNS, "h.summary"])
    .where("h.category_id", "=", f.categoryId)
    .where("h.revoked", "=", 0);
  if (f.region)
    q = q.where(sql<boolean>`h.region_code like ${`${escapeLike(regionPrefix(f.region))}%`} escape '\\'`);
  const rows = await q
    .orderBy("h.position")
    .limit(size + 1)
    .offset((page - 1) * size)
    .execute();
  return { rows: rows.slice(0, size), page, hasMore: rows.length > size };
}
export type RollEntry = Awaited<ReturnType<typeof listRollEntries>>["rows"][number];

/**
 * Honorees whose name or workplace contains the query, newest first. Looked up by one bigram of
 * the query in honoree_terms and confirmed with LIKE, so a two-character name is found among
 * millions in an index walk; a single character finds names that start with it.
 */
export async function searchHonorees(
  db: Kysely<Database>,
  f: { q: string; region?: string; year?: number; limit?: number },
) {
  const text = f.q.trim();
  const term = lookupTerm(text);
  if (!term) return text ? searchByNamePrefix(db, { ...f, q: text }) : [];
  const like = `%${escapeLike(text)}%`;
  let q = db
    .selectFrom("honoree_terms as t")
    .innerJoin("honorees as h", "h.id", "t.honoree_id")
    .select(PUBLIC_COLUMNS)
    .where("t.term", "=", term)
    .where("h.revoked", "=", 0)
    .where(sql<boolean>`(h.name like ${like} escape '\\' or h.workplace like ${like} escape '\\')`);
  if (f.year) q = q.where("h.year", "=", f.year);
  if (f.region)
    q = q.where(sql<boolean>`h.region_code like ${`${escapeLike(regionPrefix(f.region))}%`} escape '\\'`);
  return q
    .orderBy("t.honoree_id", "desc")
    .limit(f.limit ?? PAGE_SIZE)
    .execute();
}

function searchByNamePrefix(
  db: Kysely<Database>,
  f: { q: string; region?: string; year?: number; limit?: number },
) {
  let q = db
    .selectFrom("honorees as h")
    .select(PUBLIC_COLUMNS)
    .where("h.name", ">=", f.q)
    .where("h.name", "<", `${f.q}\uffff`)
    .where("h.revoked", "=", 0);
  if (f.year) q = q.where("h.year", "=", f.year);
  if (f.region)
    q = q.where(sql<boolean>`h.region_code like ${`${escapeLike(regionPrefix(f.region))}%`} escape '\\'`);
  return q
    .orderBy("h.name")
    .orderBy("h.id", "desc")
    .limit(f.limit ?? PAGE_SIZE)
    .execute();
}

/** One honoree's permanent page; `revoked` tells the page to say the title was revoked. */
export function getHonoree(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("honorees as h")
    .select([
      ...PUBLIC_COLUMNS,
      "h.summary",
      "h.honor_title",
      "h.doc_number",
      "h.published_on",
      "h.publishing_org",
      "h.revoked",
    ])
    .where("h.id", "=", id)
    .executeTakeFirst();
}
export type HonoreePage = NonNullable<Awaited<ReturnType<typeof getHonoree>>>;

/** Every live entry of a published list, for the print view and the exports. */
export function listWholeRoll(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("honorees as h")
    .innerJoin("categories as c", "c.id", "h.category_id")
    .select([...PUBLIC_COLUMNS, "h.summary"])
    .where("h.competition_id", "=", competitionId)
    .where("h.revoked", "=", 0)
    .orderBy("c.position")
    .orderBy("h.position")
    .execute();
}

/** Regions to filter by: the province and the cities that have a region code. */
export function listRegions(db: Kysely<Database>) {
  return db
    .selectFrom("orgs")
    .select(["region_code", "name"])
    .where("kind", "in", ["provincial", "city"])
    .where("region_code", "is not", null)
    .orderBy("region_code")
    .execute() as Promise<{ region_code: string; name: string }[]>;
}

/** Headline figures for the home page. */
export async function honorStats(db: Kysely<Database>) {
  const [honorees, lists, orgs] = await Promise.all([
    db
      .selectFrom("honorees")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("revoked", "=", 0)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("publications")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("orgs")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { honorees: Number(honorees.n), competitions: Number(lists.n), orgs: Number(orgs.n) };
}
