import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect";

// Frozen once merged: later changes go in a new numbered migration.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  const id = pg ? ("serial" as const) : ("integer" as const);
  const idCol = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable("orgs")
    .addColumn("id", id, idCol)
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("region_code", "text")
    .addColumn("parent_id", "integer", (c) => c.references("orgs.id"))
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("orgs_parent").on("orgs").column("parent_id").execute();
  await db.schema.createIndex("orgs_path").on("orgs").column("path").execute();

  await db.schema
    .createTable("users")
    .addColumn("id", id, idCol)
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("org_id", "integer", (c) => c.references("orgs.id"))
    .addColumn("is_active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("session_epoch", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("role_grants")
    .addColumn("id", id, idCol)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("org_id", "integer", (c) => c.notNull().references("orgs.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("granted_by", "integer", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("role_grants_unique", ["user_id", "org_id", "role"])
    .execute();

  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("first_failure_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", id, idCol)
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("org_path", "text")
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .execute();
  await db.schema.createIndex("audit_log_org_path").on("audit_log").columns(["org_path", "id"]).execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();

  // The audit log is append-only: the database itself refuses to change or remove a row.
  if (pg) {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error("Laurel migrations are forward-only");
}
