import type { Kysely } from "kysely";
import { columnKinds } from "./column-kinds";

// Frozen once merged: later changes go in a new numbered migration.

const COUNTS = [
  "person_times",
  "households_helped",
  "people_helped",
  "households_lifted",
  "people_lifted",
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const { id, idCol, bigint } = columnKinds(db);

  await db.schema
    .createTable("aid_teams")
    .addColumn("id", id, idCol)
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("org_id", "integer", (c) => c.references("orgs.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("aid_team_members")
    .addColumn("id", id, idCol)
    .addColumn("team_id", "integer", (c) => c.notNull().references("aid_teams.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("workplace", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("skills", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("aid_team_members_team").on("aid_team_members").column("team_id").execute();

  let activities = db.schema
    .createTable("activities")
    .addColumn("id", id, idCol)
    .addColumn("team_id", "integer", (c) => c.notNull().references("aid_teams.id"))
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("county_id", "integer", (c) => c.notNull().references("counties.id"))
    .addColumn("village", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("funds_fen", bigint, (c) => c.notNull());
  for (const col of COUNTS) activities = activities.addColumn(col, bigint, (c) => c.notNull());
  await activities.addColumn("created_at", "text", (c) => c.notNull()).execute();
  await db.schema
    .createIndex("activities_county_year")
    .on("activities")
    .columns(["county_id", "year"])
    .execute();
  // One team, one day, one village, one kind: a sheet imported twice is refused, not counted twice.
  await db.schema
    .createIndex("activities_unique")
    .on("activities")
    .columns(["team_id", "held_on", "county_id", "village", "kind"])
    .unique()
    .execute();

  let totals = db.schema
    .createTable("activity_totals")
    .addColumn("county_id", "integer", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("activities", bigint, (c) => c.notNull())
    .addColumn("funds_fen", bigint, (c) => c.notNull());
  for (const col of COUNTS) totals = totals.addColumn(col, bigint, (c) => c.notNull());
  await totals.addPrimaryKeyConstraint("activity_totals_pk", ["county_id", "year", "kind"]).execute();

  await db.schema
    .createTable("activity_teams")
    .addColumn("county_id", "integer", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("team_id", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("activity_teams_pk", ["county_id", "year", "kind", "team_id"])
    .execute();

  await db.schema
    .createTable("activity_villages")
    .addColumn("county_id", "integer", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("village", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("activity_villages_pk", ["county_id", "year", "kind", "village"])
    .execute();
  // Covering indexes for the distinct-village counts by year and by kind (decision 008).
  await db.schema
    .createIndex("activity_villages_year")
    .on("activity_villages")
    .columns(["year", "county_id", "village"])
    .execute();
  await db.schema
    .createIndex("activity_villages_kind")
    .on("activity_villages")
    .columns(["kind", "county_id", "village"])
    .execute();
  await db.schema
    .createIndex("activity_teams_year")
    .on("activity_teams")
    .columns(["year", "team_id"])
    .execute();
  await db.schema
    .createIndex("activity_teams_kind")
    .on("activity_teams")
    .columns(["kind", "team_id"])
    .execute();

  await db.schema
    .createTable("aid_projects")
    .addColumn("id", id, idCol)
    .addColumn("helper_id", "integer", (c) => c.notNull().references("helpers.id"))
    .addColumn("county_id", "integer", (c) => c.notNull().references("counties.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("investment_fen", bigint, (c) => c.notNull())
    .addColumn("started_on", "text")
    .addColumn("ended_on", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("aid_projects_county").on("aid_projects").column("county_id").execute();
  await db.schema.createIndex("aid_projects_helper").on("aid_projects").column("helper_id").execute();
}
