import type { Kysely } from "kysely";
import { columnKinds } from "./column-kinds";

// Frozen once merged: later changes go in a new numbered migration.

export async function up(db: Kysely<any>): Promise<void> {
  const { id, idCol, real } = columnKinds(db);

  await db.schema
    .createTable("proposed_entries")
    .addColumn("id", id, idCol)
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("nomination_id", "integer", (c) => c.notNull().unique().references("nominations.id"))
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("score", real, (c) => c.notNull())
    .addColumn("tied", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("proposed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("position", "integer")
    .addColumn("override_reason", "text")
    .execute();
  await db.schema.createIndex("proposed_entries_category").on("proposed_entries").columns(["category_id", "rank"]).execute();
}
