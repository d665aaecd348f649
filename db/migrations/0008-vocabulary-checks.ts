import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect";

// Frozen once merged: later changes go in a new numbered migration.

/**
 * A CHECK on every column that holds a value of a closed vocabulary (decision 016). The values are
 * written out here, not imported from app/domain: a migration is history, and what it did must not
 * change when the code's arrays change. A unit test holds these lists equal to today's arrays, so a
 * new value needs a new migration that widens its constraint.
 */

const STAGES = ["draft", "nominating", "reviewing", "judging", "deciding", "notice", "published", "archived"];
const NOMINATION_STATUSES = [
  "draft",
  "submitted",
  "returned",
  "resubmitted",
  "eligible",
  "ineligible",
  "scored",
  "shortlisted",
  "on_notice",
  "commended",
  "withdrawn",
  "revoked",
];
const CATEGORY_KINDS = ["individual", "collective"];
const NOTICE_UNITS = ["working", "calendar"];
const GENDERS = ["male", "female"];
const HONOR_LEVELS = ["national", "provincial", "city"];

export const ENUMERATED_COLUMNS: readonly { table: string; column: string; values: readonly string[] }[] = [
  { table: "orgs", column: "kind", values: ["provincial", "city", "county", "grassroots", "industry"] },
  { table: "role_grants", column: "role", values: ["admin", "nominator", "judge"] },
  { table: "competitions", column: "stage", values: STAGES },
  { table: "competitions", column: "notice_unit", values: NOTICE_UNITS },
  { table: "competition_stages", column: "stage", values: STAGES },
  { table: "categories", column: "kind", values: CATEGORY_KINDS },
  { table: "categories", column: "aggregation", values: ["mean", "trimmed", "zscore", "median"] },
  { table: "categories", column: "honor_level", values: HONOR_LEVELS },
  {
    table: "composition_rules",
    column: "attribute",
    values: ["gender", "ethnicity", "occupation_group", "migrant", "sector", "political_status", "education"],
  },
  { table: "composition_rules", column: "op", values: ["at_least", "at_most"] },
  { table: "nominations", column: "kind", values: CATEGORY_KINDS },
  { table: "nominations", column: "status", values: NOMINATION_STATUSES },
  { table: "nominations", column: "gender", values: GENDERS },
  {
    table: "nominations",
    column: "occupation_group",
    values: ["frontline", "technical", "manager", "official", "other"],
  },
  {
    table: "nominations",
    column: "sector",
    values: ["state", "non_public", "public_institution", "rural", "other"],
  },
  {
    table: "nominations",
    column: "collective_kind",
    values: ["enterprise", "team", "workshop", "village", "org"],
  },
  { table: "nomination_events", column: "from_status", values: NOMINATION_STATUSES },
  { table: "nomination_events", column: "to_status", values: NOMINATION_STATUSES },
  { table: "consultations", column: "opinion", values: ["positive", "negative"] },
  { table: "score_sheets", column: "status", values: ["draft", "submitted", "void"] },
  { table: "committee_overrides", column: "decision", values: ["include", "exclude"] },
  { table: "calendar_days", column: "kind", values: ["holiday", "workday"] },
  { table: "notices", column: "unit", values: NOTICE_UNITS },
  { table: "objections", column: "status", values: ["open", "upheld", "dismissed"] },
  { table: "honorees", column: "kind", values: CATEGORY_KINDS },
  { table: "honorees", column: "gender", values: GENDERS },
  { table: "counties", column: "poverty_level", values: ["deep", "poverty", "none"] },
  { table: "helpers", column: "kind", values: ["worker", "unit"] },
  { table: "helpers", column: "level", values: HONOR_LEVELS },
  { table: "helpers", column: "ownership", values: ["central_soe", "local_soe", "private", "other"] },
  { table: "pairings", column: "tier", values: ["province", "city", "county"] },
  { table: "aid_projects", column: "status", values: ["planned", "ongoing", "completed"] },
];

type Enumerated = (typeof ENUMERATED_COLUMNS)[number];

const valueList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql.lit(v)),
    sql`, `,
  );

/**
 * Every check is tried before any is added: a stray value stops the migration with the table,
 * column and values to fix, before it has changed anything (SQLite runs DDL outside a transaction).
 */
async function refuseStrayValues(db: Kysely<any>): Promise<void> {
  const strays: string[] = [];
  for (const { table, column, values } of ENUMERATED_COLUMNS) {
    const { rows } = await sql<{ value: string }>`select distinct ${sql.ref(column)} as value
      from ${sql.table(table)}
      where ${sql.ref(column)} not in (${valueList(values)})`.execute(db);
    if (rows.length) strays.push(`${table}.${column}: ${rows.map((r) => r.value).join(", ")}`);
  }
  if (strays.length)
    throw new Error(`Values outside the vocabulary; correct them, then migrate again: ${strays.join("; ")}`);
}

/** PostgreSQL: a real CHECK, which also validates the existing rows. */
async function addCheck(db: Kysely<any>, { table, column, values }: Enumerated): Promise<void> {
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${column}_check`)}
    check (${sql.ref(column)} in (${valueList(values)}))`.execute(db);
}

/**
 * SQLite cannot add a CHECK to an existing table without rebuilding it (copy every row, recreate
 * its indexes and triggers, with foreign keys off): two triggers refuse the bad value instead, in
 * the words SQLite uses for its own CHECK failures. Adding them costs nothing on a large table.
 */
async function addCheckTriggers(db: Kysely<any>, { table, column, values }: Enumerated): Promise<void> {
  const name = `${table}_${column}_check`;
  const refuse = sql.raw(`select raise(abort, 'CHECK constraint failed: ${name}')`);
  const bad = sql`new.${sql.ref(column)} not in (${valueList(values)})`;
  await sql`create trigger if not exists ${sql.id(`${name}_insert`)} before insert on ${sql.table(table)}
    when ${bad} begin ${refuse}; end`.execute(db);
  await sql`create trigger if not exists ${sql.id(`${name}_update`)}
    before update of ${sql.ref(column)} on ${sql.table(table)}
    when ${bad} begin ${refuse}; end`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await refuseStrayValues(db);
  const pg = dialectOf(db) === "postgres";
  for (const enumerated of ENUMERATED_COLUMNS)
    await (pg ? addCheck(db, enumerated) : addCheckTriggers(db, enumerated));
}
