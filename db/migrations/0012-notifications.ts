import type { Kysely } from "kysely";
import { sql } from "kysely";
import { columnKinds } from "./column-kinds";

// Frozen once merged: later changes go in a new numbered migration.

/**
 * Notifications and reminders (docs/domain.md#notifications, decision 025): users' e-mail
 * addresses and mail language, their choice per kind, the in-app notifications, the mail outbox
 * and the leases that let one server at a time run a periodic job.
 */

const DELIVERIES = ["immediate", "digest", "none"];
const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"];
const MAIL_LANGUAGES = ["zh-CN", "en"];

const valueList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql.lit(v)),
    sql`, `,
  );

export const NOTIFICATION_ENUMERATED_COLUMNS: readonly {
  table: string;
  column: string;
  values: readonly string[];
}[] = [
  { table: "notification_preferences", column: "delivery", values: DELIVERIES },
  { table: "outbox", column: "status", values: OUTBOX_STATUSES },
  { table: "users", column: "mail_language", values: MAIL_LANGUAGES },
];

async function check(db: Kysely<any>, pg: boolean, table: string, column: string, values: readonly string[]) {
  const name = `${table}_${column}_check`;
  if (pg) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(name)}
      check (${sql.ref(column)} in (${valueList(values)}))`.execute(db);
    return;
  }
  const refuse = sql.raw(`select raise(abort, 'CHECK constraint failed: ${name}')`);
  const bad = sql`new.${sql.ref(column)} not in (${valueList(values)})`;
  await sql`create trigger ${sql.id(`${name}_insert`)} before insert on ${sql.table(table)}
    when ${bad} begin ${refuse}; end`.execute(db);
  await sql`create trigger ${sql.id(`${name}_update`)}
    before update of ${sql.ref(column)} on ${sql.table(table)}
    when ${bad} begin ${refuse}; end`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const { pg, id, idCol } = columnKinds(db);

  await db.schema.alterTable("users").addColumn("email", "text").execute();
  await db.schema
    .alterTable("users")
    .addColumn("mail_language", "text", (c) => c.notNull().defaultTo("zh-CN"))
    .execute();
  // The last hard refusal of the address by a mail server (bounce, 5xx), shown on the user's page.
  await db.schema.alterTable("users").addColumn("email_problem", "text").execute();
  await db.schema.alterTable("users").addColumn("email_problem_at", "text").execute();

  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_preferences_pk", ["user_id", "kind"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", id, idCol)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("params_json", "text", (c) => c.notNull())
    .addColumn("link", "text", (c) => c.notNull())
    // Reminders: (kind, subject, recipient, day), so one goes out once whichever server finds it due.
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("delivery", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    // When a digest took it (null: not yet, or not a digest one).
    .addColumn("digested_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notifications_user")
    .on("notifications")
    .columns(["user_id", "read_at", "id"])
    .execute();
  await db.schema
    .createIndex("notifications_digest")
    .on("notifications")
    .columns(["delivery", "digested_at"])
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", id, idCol)
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    // One notification (immediate mail) or null for a digest, whose notifications point here.
    .addColumn("notification_id", "integer", (c) => c.references("notifications.id").onDelete("set null"))
    .addColumn("digest_day", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_until", "text")
    .addColumn("last_error", "text")
    .addColumn("sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "next_attempt_at"]).execute();

  await db.schema
    .createTable("job_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("last_run_at", "text")
    .execute();

  for (const { table, column, values } of NOTIFICATION_ENUMERATED_COLUMNS)
    await check(db, pg, table, column, values);
}
