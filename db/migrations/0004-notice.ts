import { sql, type Kysely } from "kysely";
import { columnKinds } from "./column-kinds";

// Frozen once merged: later changes go in a new numbered migration.

export async function up(db: Kysely<any>): Promise<void> {
  const { id, idCol, pg } = columnKinds(db);

  await db.schema
    .createTable("calendar_days")
    .addColumn("date", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notices")
    .addColumn("id", id, idCol)
    .addColumn("competition_id", "integer", (c) => c.notNull().unique().references("competitions.id"))
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("days", "integer", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("opened_by", "integer", (c) => c.references("users.id"))
    .addColumn("opened_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("objections")
    .addColumn("id", id, idCol)
    .addColumn("competition_id", "integer", (c) => c.notNull().references("competitions.id"))
    .addColumn("nomination_id", "integer", (c) => c.notNull().references("nominations.id"))
    .addColumn("facts", "text", (c) => c.notNull())
    .addColumn("objector_name_enc", "text")
    .addColumn("objector_contact_enc", "text")
    .addColumn("real_name", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ip_hash", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("resolution_reason", "text")
    .addColumn("resolved_by", "integer", (c) => c.references("users.id"))
    .addColumn("resolved_at", "text")
    .addColumn("promoted_nomination_id", "integer", (c) => c.references("nominations.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("objections_competition")
    .on("objections")
    .columns(["competition_id", "status"])
    .execute();
  await db.schema.createIndex("objections_ip").on("objections").columns(["ip_hash", "created_at"]).execute();

  await db.schema
    .createTable("publications")
    .addColumn("id", id, idCol)
    .addColumn("competition_id", "integer", (c) => c.notNull().unique().references("competitions.id"))
    .addColumn("doc_number", "text", (c) => c.notNull())
    .addColumn("published_on", "text", (c) => c.notNull())
    .addColumn("publishing_org_id", "integer", (c) => c.notNull().references("orgs.id"))
    .addColumn("digest", "text", (c) => c.notNull())
    .addColumn("canonical", "text", (c) => c.notNull())
    .addColumn("published_by", "integer", (c) => c.references("users.id"))
    .addColumn("published_at", "text", (c) => c.notNull())
    .execute();

  await createHonorees(db, id, idCol, pg);

  await db.schema
    .createTable("revocations")
    .addColumn("id", id, idCol)
    .addColumn("honoree_id", "integer", (c) => c.notNull().unique().references("honorees.id"))
    .addColumn("nomination_id", "integer", (c) => c.notNull().references("nominations.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("revoked_on", "text", (c) => c.notNull())
    .addColumn("revoked_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("honor_roll_state")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.insertInto("honor_roll_state").values({ id: 1, version: 1 }).execute();
}

async function createHonorees(
  db: Kysely<any>,
  id: "serial" | "integer",
  idCol: (c: any) => any,
  pg: boolean,
) {
  await db.schema
    .createTable("honorees")
    .addColumn("id", id, idCol)
    .addColumn("publication_id", "integer", (c) => c.notNull().references("publications.id"))
    .addColumn("competition_id", "integer", (c) => c.notNull().references("competitions.id"))
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("nomination_id", "integer", (c) => c.notNull().unique().references("nominations.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("gender", "text")
    .addColumn("workplace", "text")
    .addColumn("post", "text")
    .addColumn("org_name", "text", (c) => c.notNull())
    .addColumn("region_code", "text")
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("competition_title", "text", (c) => c.notNull())
    .addColumn("category_name", "text", (c) => c.notNull())
    .addColumn("honor_title", "text")
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("doc_number", "text", (c) => c.notNull())
    .addColumn("published_on", "text", (c) => c.notNull())
    .addColumn("publishing_org", "text", (c) => c.notNull())
    .addColumn("revoked", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // The roll page: one category's live entries in list order.
  await db.schema
    .createIndex("honorees_category")
    .on("honorees")
    .columns(["category_id", "revoked", "position"])
    .execute();
  await db.schema
    .createIndex("honorees_region")
    .on("honorees")
    .columns(["category_id", "region_code", "position"])
    .execute();
  await db.schema.createIndex("honorees_year").on("honorees").columns(["year", "competition_id"]).execute();
  await db.schema.createIndex("honorees_name").on("honorees").columns(["name"]).execute();

  await db.schema
    .createTable("honoree_terms")
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("honoree_id", "integer", (c) => c.notNull().references("honorees.id"))
    .addPrimaryKeyConstraint("honoree_terms_pk", ["term", "honoree_id"])
    // On SQLite the rows live in the primary-key b-tree itself: half the size of table + index.
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Laurel migrations are forward-only");
}
