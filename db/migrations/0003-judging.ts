import type { Kysely } from "kysely";
import { columnKinds } from "./column-kinds";

// Frozen once merged: later changes go in a new numbered migration.

export async function up(db: Kysely<any>): Promise<void> {
  const { id, idCol, real } = columnKinds(db);

  await db.schema
    .createTable("panel_members")
    .addColumn("id", id, idCol)
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("user_id", "integer", (c) => c.references("users.id"))
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("external", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addUniqueConstraint("panel_members_user", ["category_id", "user_id"])
    .execute();

  await db.schema
    .createTable("judge_conflicts")
    .addColumn("id", id, idCol)
    .addColumn("panel_member_id", "integer", (c) => c.notNull().references("panel_members.id"))
    .addColumn("nomination_id", "integer", (c) => c.notNull().references("nominations.id"))
    .addColumn("reason", "text")
    .addColumn("declared_by", "integer")
    .addColumn("declared_at", "text", (c) => c.notNull())
    .addUniqueConstraint("judge_conflicts_pair", ["panel_member_id", "nomination_id"])
    .execute();

  await db.schema
    .createTable("judge_assignments")
    .addColumn("id", id, idCol)
    .addColumn("panel_member_id", "integer", (c) => c.notNull().references("panel_members.id"))
    .addColumn("nomination_id", "integer", (c) => c.notNull().references("nominations.id"))
    .addColumn("manual", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addUniqueConstraint("judge_assignments_pair", ["panel_member_id", "nomination_id"])
    .execute();
  await db.schema
    .createIndex("judge_assignments_nomination")
    .on("judge_assignments")
    .column("nomination_id")
    .execute();

  await db.schema
    .createTable("score_sheets")
    .addColumn("id", id, idCol)
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("nomination_id", "integer", (c) => c.notNull().references("nominations.id"))
    .addColumn("panel_member_id", "integer", (c) => c.notNull().references("panel_members.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("points_json", "text", (c) => c.notNull())
    .addColumn("total", real, (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addUniqueConstraint("score_sheets_pair", ["nomination_id", "panel_member_id"])
    .execute();
  await db.schema
    .createIndex("score_sheets_category")
    .on("score_sheets")
    .columns(["category_id", "status"])
    .execute();

  await db.schema
    .createTable("score_sheet_history")
    .addColumn("id", id, idCol)
    .addColumn("sheet_id", "integer", (c) => c.notNull().references("score_sheets.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("points_json", "text", (c) => c.notNull())
    .addColumn("total", real, (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("score_sheet_history_sheet")
    .on("score_sheet_history")
    .column("sheet_id")
    .execute();

  await db.schema
    .createTable("committee_overrides")
    .addColumn("id", id, idCol)
    .addColumn("category_id", "integer", (c) => c.notNull().references("categories.id"))
    .addColumn("nomination_id", "integer", (c) => c.notNull().unique().references("nominations.id"))
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("decided_by", "integer")
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();

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
  await db.schema
    .createIndex("proposed_entries_category")
    .on("proposed_entries")
    .columns(["category_id", "rank"])
    .execute();
}
