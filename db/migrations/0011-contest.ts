import { type Kysely, sql } from "kysely";
import { columnKinds } from "./column-kinds";

// Frozen once merged: later changes go in a new numbered migration.

/**
 * The contest (docs/domain.md#contest, decision 024): a competition's groups, periods and
 * indicators, its participants and their applications, targets, period reports with their values,
 * corrections, events and evidence files. Also widens the stage CHECK of migration 0008 with
 * `running` (竞赛进行), the stage between draft and nominating of a competition with a contest.
 */

const STAGES = [
  "draft",
  "running",
  "nominating",
  "reviewing",
  "judging",
  "deciding",
  "notice",
  "published",
  "archived",
];

/** The closed vocabularies of the new tables, written out here as history (decision 016). */
export const CONTEST_ENUMERATED_COLUMNS: readonly {
  table: string;
  column: string;
  values: readonly string[];
}[] = [
  { table: "competitions", column: "stage", values: STAGES },
  { table: "competition_stages", column: "stage", values: STAGES },
  { table: "contest_indicators", column: "aggregation", values: ["sum", "latest"] },
  { table: "contest_indicators", column: "method", values: ["target", "rank", "bonus", "deduction", "veto"] },
  {
    table: "contest_participants",
    column: "status",
    values: ["applied", "returned", "admitted", "withdrawn", "disqualified"],
  },
  { table: "contest_application_steps", column: "decision", values: ["approved", "returned", "admitted"] },
  { table: "contest_reports", column: "status", values: ["draft", "submitted", "returned", "verified"] },
  {
    table: "contest_report_events",
    column: "action",
    values: ["submitted", "returned", "verified", "corrected", "late_consented"],
  },
];

const valueList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql.lit(v)),
    sql`, `,
  );

async function check(db: Kysely<any>, pg: boolean, table: string, column: string, values: readonly string[]) {
  const name = `${table}_${column}_check`;
  if (pg) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(name)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(name)}
      check (${sql.ref(column)} in (${valueList(values)}))`.execute(db);
    return;
  }
  const refuse = sql.raw(`select raise(abort, 'CHECK constraint failed: ${name}')`);
  const bad = sql`new.${sql.ref(column)} not in (${valueList(values)})`;
  await sql`drop trigger if exists ${sql.id(`${name}_insert`)}`.execute(db);
  await sql`drop trigger if exists ${sql.id(`${name}_update`)}`.execute(db);
  await sql`create trigger ${sql.id(`${name}_insert`)} before insert on ${sql.table(table)}
    when ${bad} begin ${refuse}; end`.execute(db);
  await sql`create trigger ${sql.id(`${name}_update`)}
    before update of ${sql.ref(column)} on ${sql.table(table)}
    when ${bad} begin ${refuse}; end`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const { pg, id, idCol, real, blob } = columnKinds(db);

  await db.schema
    .createTable("contests")
    .addColumn("competition_id", "integer", (c) => c.primaryKey().references("competitions.id"))
    .addColumn("board_public", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("board_opened_at", "text")
    .addColumn("standings_version", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("contest_groups")
    .addColumn("id", id, idCol)
    .addColumn("competition_id", "integer", (c) => c.notNull().references("contests.competition_id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("top_n", "integer")
    .addUniqueConstraint("contest_groups_name", ["competition_id", "name"])
    .execute();

  await db.schema
    .createTable("contest_periods")
    .addColumn("id", id, idCol)
    .addColumn("competition_id", "integer", (c) => c.notNull().references("contests.competition_id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("opens_on", "text", (c) => c.notNull())
    .addColumn("closes_on", "text", (c) => c.notNull())
    .addColumn("covers_from", "text", (c) => c.notNull())
    .addColumn("covers_to", "text", (c) => c.notNull())
    .addUniqueConstraint("contest_periods_label", ["competition_id", "label"])
    .execute();

  await db.schema
    .createTable("contest_indicators")
    .addColumn("id", id, idCol)
    .addColumn("competition_id", "integer", (c) => c.notNull().references("contests.competition_id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("aggregation", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("weight", real)
    .addColumn("cap", real)
    .addColumn("direction", "text")
    .addColumn("per_unit", real)
    .addColumn("max_points", real)
    .addColumn("measure", "text")
    .addColumn("confidential", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("contest_indicators_code", ["competition_id", "code"])
    .execute();

  await db.schema
    .createTable("contest_participants")
    .addColumn("id", id, idCol)
    .addColumn("competition_id", "integer", (c) => c.notNull().references("contests.competition_id"))
    .addColumn("org_id", "integer", (c) => c.notNull().references("orgs.id"))
    .addColumn("group_id", "integer", (c) => c.notNull().references("contest_groups.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("awaiting_org_id", "integer", (c) => c.references("orgs.id"))
    .addColumn("reason", "text")
    .addColumn("applied_by", "integer", (c) => c.references("users.id"))
    .addColumn("admitted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("contest_participants_org", ["competition_id", "org_id"])
    .execute();
  await db.schema
    .createIndex("contest_participants_awaiting")
    .on("contest_participants")
    .column("awaiting_org_id")
    .execute();

  await db.schema
    .createTable("contest_application_steps")
    .addColumn("id", id, idCol)
    .addColumn("participant_id", "integer", (c) =>
      c.notNull().references("contest_participants.id").onDelete("cascade"),
    )
    .addColumn("org_id", "integer", (c) => c.notNull().references("orgs.id"))
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contest_application_steps_participant")
    .on("contest_application_steps")
    .column("participant_id")
    .execute();

  await db.schema
    .createTable("contest_targets")
    .addColumn("id", id, idCol)
    .addColumn("participant_id", "integer", (c) =>
      c.notNull().references("contest_participants.id").onDelete("cascade"),
    )
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("contest_indicators.id"))
    .addColumn("period_id", "integer", (c) => c.references("contest_periods.id"))
    .addColumn("target", real, (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // The year's target has no period: coalesce makes (participant, indicator, year) unique too.
  await sql`create unique index contest_targets_key
    on contest_targets (participant_id, indicator_id, coalesce(period_id, 0))`.execute(db);

  await db.schema
    .createTable("contest_reports")
    .addColumn("id", id, idCol)
    .addColumn("participant_id", "integer", (c) =>
      c.notNull().references("contest_participants.id").onDelete("cascade"),
    )
    .addColumn("period_id", "integer", (c) => c.notNull().references("contest_periods.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("late", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("late_consented_by", "integer", (c) => c.references("users.id"))
    .addColumn("late_consented_at", "text")
    .addColumn("return_reason", "text")
    .addColumn("submitted_by", "integer", (c) => c.references("users.id"))
    .addColumn("submitted_at", "text")
    .addColumn("verified_by", "integer", (c) => c.references("users.id"))
    .addColumn("verified_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("contest_reports_period", ["participant_id", "period_id"])
    .execute();
  await db.schema
    .createIndex("contest_reports_period_status")
    .on("contest_reports")
    .columns(["period_id", "status"])
    .execute();

  await db.schema
    .createTable("contest_values")
    .addColumn("report_id", "integer", (c) =>
      c.notNull().references("contest_reports.id").onDelete("cascade"),
    )
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("contest_indicators.id"))
    .addColumn("value", real, (c) => c.notNull())
    .addPrimaryKeyConstraint("contest_values_pk", ["report_id", "indicator_id"])
    .execute();

  await db.schema
    .createTable("contest_report_events")
    .addColumn("id", id, idCol)
    .addColumn("report_id", "integer", (c) =>
      c.notNull().references("contest_reports.id").onDelete("cascade"),
    )
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("indicator_id", "integer", (c) => c.references("contest_indicators.id"))
    .addColumn("previous_value", real)
    .addColumn("new_value", real)
    .addColumn("reason", "text")
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contest_report_events_report")
    .on("contest_report_events")
    .column("report_id")
    .execute();

  await db.schema
    .createTable("contest_report_files")
    .addColumn("id", id, idCol)
    .addColumn("report_id", "integer", (c) =>
      c.notNull().references("contest_reports.id").onDelete("cascade"),
    )
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("data", blob, (c) => c.notNull())
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contest_report_files_report")
    .on("contest_report_files")
    .column("report_id")
    .execute();

  for (const { table, column, values } of CONTEST_ENUMERATED_COLUMNS)
    await check(db, pg, table, column, values);
}
