import type { Kysely } from "kysely";

// Frozen once merged: later changes go in a new numbered migration.

/**
 * Server-side sessions (decision 012). The cookie holds a random token; this table holds only its
 * SHA-256, so a copy of the database signs nobody in. `epoch` is the user's session_epoch at sign-in:
 * a password, role or activation change moves the user's epoch on and so ends the session.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("epoch", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
  await db.schema.createIndex("sessions_expires").on("sessions").column("expires_at").execute();
}
