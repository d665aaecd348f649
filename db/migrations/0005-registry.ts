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
}
