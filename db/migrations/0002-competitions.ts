import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect";

// Frozen once merged: later changes go in a new numbered migration.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  const id = pg ? ("serial" as const) : ("integer" as const);
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const real = pg ? ("double precision" as const) : ("real" as const);
  const blob = pg ? ("bytea" as const) : ("blob" as const);

  await db.schema
    .createTable("competitions")
    .addColumn("id", id, idCol)
    .addColumn("org_id", "integer", (c) => c.notNull().references("orgs.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("notice_days", "integer", (c) => c.notNull())
    .addColumn("notice_unit", "text", (c) => c.notNull())
    .addColumn("copied_from_id", "integer", (c) => c.references("competitions.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("competitions_org").on("competitions").column("org_id").execute();

  await db.schema
    .createTable("competition_stages")
    .addColumn("competition_id", "integer", (c) => c.notNull().references("competitions.id"))
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("starts_on", "text")
    .addColumn("ends_on", "text")
    .addColumn("entered_at", "text")
    .addPrimaryKeyConstraint("competition_stages_pk", ["competition_id", "stage"])
    .execute();

  await db.schema
    .createTable("categories")
    .addColumn("id", id, idCol)
    .addColumn("competition_id", "integer", (c) => c.notNull().references("competitions.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("quota", "integer", (c) => c.notNull())
    .addColumn("aggregation", "text", (c) => c.notNull())
    .addColumn("judges_per_nomination", "integer")
    .addColumn("blind", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("honor_level", "text")
    .addColumn("honor_title", "text")
    .addUniqueConstraint("categories_name", ["competition_id", "name"])
    .execute();

  await db.schema
    .createTable("criteria")
    .addColumn("id", id, idCol)
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("max_points", real, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("criteria_category")
    .on("criteria")
    .columns(["category_id", "position"])
    .execute();

  await db.schema
    .createTable("composition_rules")
    .addColumn("id", id, idCol)
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("attribute", "text", (c) => c.notNull())
    .addColumn("values_json", "text", (c) => c.notNull())
    .addColumn("op", "text", (c) => c.notNull())
    // Kept as the decimal text the admin wrote, so ⌈share·Q⌉ is computed exactly.
    .addColumn("share", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rules_category")
    .on("composition_rules")
    .columns(["category_id", "position"])
    .execute();

  await db.schema
    .createTable("allocations")
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("org_id", "integer", (c) => c.notNull().references("orgs.id"))
    .addColumn("places", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("allocations_pk", ["category_id", "org_id"])
    .execute();

  await db.schema
    .createTable("nominations")
    .addColumn("id", id, idCol)
    .addColumn("competition_id", "integer", (c) => c.notNull().references("competitions.id"))
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("org_id", "integer", (c) => c.notNull().references("orgs.id"))
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("gender", "text")
    .addColumn("ethnicity", "text")
    .addColumn("birth_date", "text")
    .addColumn("political_status", "text")
    .addColumn("education", "text")
    .addColumn("workplace", "text")
    .addColumn("post", "text")
    .addColumn("occupation_group", "text")
    .addColumn("migrant", "integer")
    .addColumn("sector", "text")
    .addColumn("id_number_enc", "text")
    .addColumn("id_number_hash", "text")
    .addColumn("id_number_masked", "text")
    .addColumn("phone_enc", "text")
    .addColumn("phone_masked", "text")
    .addColumn("collective_kind", "text")
    .addColumn("member_count", "integer")
    .addColumn("leader", "text")
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("deeds", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addUniqueConstraint("nominations_ref", ["competition_id", "ref"])
    .execute();
  await db.schema
    .createIndex("nominations_category_org")
    .on("nominations")
    .columns(["category_id", "org_id", "status"])
    .execute();
  await db.schema
    .createIndex("nominations_competition_status")
    .on("nominations")
    .columns(["competition_id", "status"])
    .execute();
  // One person, one live nomination per competition; a withdrawn one frees the ID number.
  await db.schema
    .createIndex("nominations_id_hash")
    .on("nominations")
    .columns(["competition_id", "id_number_hash"])
    .unique()
    .where(sql.ref("status"), "<>", "withdrawn")
    .execute();

  await db.schema
    .createTable("nomination_events")
    .addColumn("id", id, idCol)
    .addColumn("nomination_id", "integer", (c) => c.notNull().references("nominations.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .execute();
  await db.schema
    .createIndex("nomination_events_nomination")
    .on("nomination_events")
    .columns(["nomination_id", "id"])
    .execute();

  await db.schema
    .createTable("nomination_files")
    .addColumn("id", id, idCol)
    .addColumn("nomination_id", "integer", (c) => c.notNull().references("nominations.id"))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("data", blob, (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("nomination_files_nomination")
    .on("nomination_files")
    .column("nomination_id")
    .execute();

  await db.schema
    .createTable("consultations")
    .addColumn("id", id, idCol)
    .addColumn("nomination_id", "integer", (c) => c.notNull().references("nominations.id"))
    .addColumn("department", "text", (c) => c.notNull())
    .addColumn("opinion", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("recorded_by", "integer", (c) => c.references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consultations_nomination")
    .on("consultations")
    .column("nomination_id")
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Laurel migrations are forward-only");
}
