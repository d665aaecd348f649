import type { Kysely } from "kysely";
import { columnKinds } from "./column-kinds";

// Frozen once merged: later changes go in a new numbered migration.

/**
 * Issue #16, items 2 and 3 (decision 018).
 *
 * `result_snapshots`: a category's results as the committee decided them (scores, standard scores,
 * ranks, method, who decided and when), written once when the competition leaves `deciding`, so a
 * later removal or a corrected score never changes what the committee saw. The entries and the
 * selection are JSON text (decision 001: one shape on both databases); nothing queries inside them.
 *
 * `proposed_entries.promoted_on` / `notice_ends_on`: a replacement (递补) carries the date it was
 * promoted, and, when the admin gave it a fresh notice period, the period's last day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, idCol } = columnKinds(db);
  await db.schema
    .createTable("result_snapshots")
    .addColumn("id", id, idCol)
    .addColumn("category_id", "integer", (c) => c.notNull().unique().references("categories.id"))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("fallback_to_mean", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_by_label", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addColumn("entries_json", "text", (c) => c.notNull())
    .addColumn("selection_json", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("proposed_entries").addColumn("promoted_on", "text").execute();
  await db.schema.alterTable("proposed_entries").addColumn("notice_ends_on", "text").execute();
}
