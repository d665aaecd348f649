import type { Kysely } from "kysely";
import { columnKinds } from "./column-kinds";

// Frozen once merged: later changes go in a new numbered migration.

/**
 * Corrections of a published decision's 文号 (decision 020): the publication and the roll carry
 * the corrected number, and each correction keeps the number it replaced, why and when, so the
 * public roll can say 更正 and nobody's printed copy is silently contradicted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, idCol } = columnKinds(db);
  await db.schema
    .createTable("doc_number_corrections")
    .addColumn("id", id, idCol)
    .addColumn("publication_id", "integer", (c) => c.notNull().references("publications.id"))
    .addColumn("previous", "text", (c) => c.notNull())
    .addColumn("corrected", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("corrected_on", "text", (c) => c.notNull())
    .addColumn("corrected_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("doc_number_corrections_publication")
    .on("doc_number_corrections")
    .column("publication_id")
    .execute();
}
