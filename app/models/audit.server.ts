import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { nowIso } from "~/utils/time.server";

export interface Actor {
  userId: number | null;
  label: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system", ip: null };

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  orgPath?: string | null;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Appends to the audit log; call it with the transaction that makes the change. */
export async function recordAudit(db: Kysely<Database>, actor: Actor, input: AuditInput): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: nowIso(),
      actor_user_id: actor.userId,
      actor_label: actor.label,
      ip: actor.ip,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId == null ? null : String(input.entityId),
      org_path: input.orgPath ?? null,
      before_json: json(input.before),
      after_json: json(input.after),
    })
    .execute();
}

export interface AuditFilter {
  /** Subtree paths the reader administers; entries outside all of them are never returned. */
  scopes: string[];
  action?: string;
  entity?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Kysely<Database>, f: AuditFilter) {
  if (f.scopes.length === 0) return { rows: [], hasMore: false };
  let q = db
    .selectFrom("audit_log")
    .select(["id", "at", "actor_label", "ip", "action", "entity", "entity_id", "before_json", "after_json"])
    .where((eb) => eb.or(f.scopes.map((s) => eb("org_path", "like", `${s}%`))));
  if (f.action) q = q.where("action", "=", f.action);
  if (f.entity) q = q.where("entity", "=", f.entity);
  if (f.actor) q = q.where("actor_label", "=", f.actor);
  if (f.from) q = q.where("at", ">=", f.from);
  if (f.to) q = q.where("at", "<", f.to);
  const rows = await q
    .orderBy("id", "desc")
    .limit(f.pageSize + 1)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows: rows.slice(0, f.pageSize), hasMore: rows.length > f.pageSize };
}

export async function distinctAuditActions(db: Kysely<Database>, scopes: string[]): Promise<string[]> {
  if (scopes.length === 0) return [];
  const rows = await db
    .selectFrom("audit_log")
    .select("action")
    .distinct()
    .where((eb) => eb.or(scopes.map((s) => eb("org_path", "like", `${s}%`))))
    .orderBy("action")
    .execute();
  return rows.map((r) => r.action);
}
