import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { OUTBOX_STATUSES, type OutboxStatus } from "~/domain/notifications/vocabulary";
import { nowIso } from "~/utils/time.server";
import { recordAudit, type Actor } from "./audit.server";

/**
 * The operators' view of the mail queue (/outbox, decision 030): what waits, what failed and why.
 * Only the address, subject and the server's answer are shown: a mail holds no private data
 * beyond its recipient's address (decision 025).
 */

export async function outboxCounts(db: Kysely<Database>): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom("outbox")
    .select(["status", sql<number>`count(*)`.as("n")])
    .groupBy("status")
    .execute();
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export interface OutboxListing {
  /** "queue": pending, sending and failed; "all": sent ones too. */
  show: "queue" | "all";
  page: number;
  pageSize: number;
}

/** Failed first (they need someone; newest first), then what is being sent, what waits by its next attempt, and sent ones newest first. */
export async function listOutbox(db: Kysely<Database>, f: OutboxListing) {
  let q = db
    .selectFrom("outbox")
    .select([
      "id",
      "to_address",
      "subject",
      "status",
      "attempts",
      "next_attempt_at",
      "last_error",
      "sent_at",
      "created_at",
      "digest_day",
    ]);
  if (f.show === "queue") q = q.where("status", "in", ["pending", "sending", "failed"]);
  const rows = await q
    .orderBy(sql`case status when 'failed' then 0 when 'sending' then 1 when 'pending' then 2 else 3 end`)
    .orderBy(sql`case when status = 'pending' then next_attempt_at end`)
    .orderBy("id", "desc")
    .limit(f.pageSize + 1)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows: rows.slice(0, f.pageSize), hasMore: rows.length > f.pageSize };
}

/**
 * Puts failed mails back in the queue, due now, with their attempts counted from zero again (the
 * last answer stays until a send succeeds). `id` one mail; none: every failed one. Returns how many.
 */
export async function retryFailedMail(
  db: Kysely<Database>,
  actor: Actor,
  orgPath: string,
  id?: number,
): Promise<number> {
  let q = db
    .updateTable("outbox")
    .set({ status: "pending", attempts: 0, next_attempt_at: nowIso(), claimed_by: null, claimed_until: null })
    .where("status", "=", "failed");
  if (id !== undefined) q = q.where("id", "=", id);
  const result = await q.executeTakeFirst();
  const count = Number(result.numUpdatedRows);
  if (count > 0)
    await recordAudit(db, actor, {
      action: id === undefined ? "outbox.retry_all" : "outbox.retry",
      entity: "outbox",
      entityId: id ?? null,
      orgPath,
      after: { count },
    });
  return count;
}
