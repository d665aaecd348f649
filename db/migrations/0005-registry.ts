import type { Kysely } from "kysely";
import { columnKinds } from "./column-kinds";

// Frozen once merged: later changes go in a new numbered migration.

export async function up(db: Kysely<any>): Promise<void> {
  const { id, idCol } = columnKinds(db);

  await db.schema
    .createTable("counties")
    .addColumn("id", id, idCol)
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("poverty_level", "text", (c) => c.notNull())
    .addColumn("exited_year", "integer")
    .addColumn("needs", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("counties_city").on("counties").column("city").execute();

  await db.schema
    .createTable("helpers")
    .addColumn("id", id, idCol)
    .addColumn("ref", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("skills", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("level", "text")
    .addColumn("title", "text")
    .addColumn("year", "integer")
    .addColumn("ownership", "text")
    .addColumn("workplace", "text")
    .addColumn("contact_enc", "text")
    .addColumn("contact_masked", "text")
    .addColumn("org_id", "integer", (c) => c.references("orgs.id"))
    .addColumn("nomination_id", "integer", (c) => c.unique().references("nominations.id"))
    .addColumn("revoked_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("helpers_city").on("helpers").column("city").execute();

  await db.schema
    .createTable("pairings")
    .addColumn("id", id, idCol)
    .addColumn("helper_id", "integer", (c) => c.notNull().references("helpers.id"))
    .addColumn("county_id", "integer", (c) => c.notNull().references("counties.id"))
    .addColumn("tier", "text", (c) => c.notNull())
    .addColumn("started_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("pairings_helper_county", ["helper_id", "county_id"])
    .execute();
  await db.schema.createIndex("pairings_county").on("pairings").column("county_id").execute();
}
