import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { NotificationKind } from "~/domain/notifications/vocabulary";
import type { Params } from "~/i18n";
import { UNREAD_CAP } from "~/domain/notifications/inbox";
import { nowIso } from "~/utils/time.server";

/**
 * The user's unread notifications, up to UNREAD_CAP: one range of the (user_id, read_at, id)
 * index, on every signed-in page.
 */
export async function countUnread(db: Kysely<Database>, userId: number): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("notifications")
        .select("id")
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .limit(UNREAD_CAP)
        .as("unread"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface InboxItem {
  id: number;
  kind: NotificationKind;
  params: Params;
  link: string;
  read: boolean;
  createdAt: string;
}

/** One page of the user's notifications, newest first. */
export async function listInbox(
  db: Kysely<Database>,
  userId: number,
  { page, pageSize, unreadOnly = false }: { page: number; pageSize: number; unreadOnly?: boolean },
): Promise<{ items: InboxItem[]; hasMore: boolean }> {
  let q = db
    .selectFrom("notifications")
    .select(["id", "kind", "params_json", "link", "read_at", "created_at"])
    .where("user_id", "=", userId);
  if (unreadOnly) q = q.where("read_at", "is", null);
  const rows = await q
    .orderBy("id", "desc")
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.slice(0, pageSize).map((r) => ({
      id: r.id,
      kind: r.kind,
      params: JSON.parse(r.params_json) as Params,
      link: r.link,
      read: r.read_at !== null,
      createdAt: r.created_at,
    })),
    hasMore: rows.length > pageSize,
  };
}

/**
 * Marks one of the user's notifications read and returns its link; undefined when it is not the
 * user's (the caller answers 404, as for one that does not exist).
 */
export async function markRead(
  trx: Transaction<Database>,
  userId: number,
  id: number,
): Promise<string | undefined> {
  const row = await trx
    .selectFrom("notifications")
    .select(["link", "read_at"])
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.read_at === null)
    await trx.updateTable("notifications").set({ read_at: nowIso() }).where("id", "=", id).execute();
  return row.link;
}

/** Marks one of the user's notifications unread again; false when it is not the user's. */
export async function markUnread(trx: Transaction<Database>, userId: number, id: number): Promise<boolean> {
  const res = await trx
    .updateTable("notifications")
    .set({ read_at: null })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markAllRead(trx: Transaction<Database>, userId: number): Promise<number> {
  const res = await trx
    .updateTable("notifications")
    .set({ read_at: nowIso() })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
