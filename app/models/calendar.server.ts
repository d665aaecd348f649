import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { calendarOf, type WorkCalendar } from "~/domain/notice/working-days";
import type { CalendarEntry } from "~/domain/notice/calendar-sheet";
import type { CalendarDayKind } from "~/domain/notice/vocabulary";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";

/** The whole calendar, by date. */
export function listCalendarDays(db: Kysely<Database>, year?: number) {
  let q = db.selectFrom("calendar_days").select(["date", "kind", "note"]);
  if (year) q = q.where("date", ">=", `${year}-01-01`).where("date", "<=", `${year}-12-31`);
  return q.orderBy("date").execute();
}

export async function loadWorkCalendar(db: Kysely<Database>): Promise<WorkCalendar> {
  return calendarOf(await listCalendarDays(db));
}

/** Sets one date (the calendar is one for the whole platform; `orgPath` files the audit entry); a re-import or an edit updates it in place. Run inside a transaction. */
export async function setCalendarDay(
  trx: Transaction<Database>,
  actor: Actor,
  entry: { date: string; kind: CalendarDayKind; note: string },
  orgPath: string | null,
): Promise<void> {
  const before = await trx
    .selectFrom("calendar_days")
    .select(["kind", "note"])
    .where("date", "=", entry.date)
    .executeTakeFirst();
  const values = { kind: entry.kind, note: entry.note, updated_at: nowIso() };
  await trx
    .insertInto("calendar_days")
    .values({ date: entry.date, ...values })
    .onConflict((oc) => oc.column("date").doUpdateSet(values))
    .execute();
  await recordAudit(trx, actor, {
    action: "calendar.set",
    entity: "calendar_day",
    entityId: entry.date,
    orgPath,
    before,
    after: { kind: entry.kind, note: entry.note },
  });
}

export async function deleteCalendarDay(
  trx: Transaction<Database>,
  actor: Actor,
  date: string,
  orgPath: string | null,
): Promise<boolean> {
  const before = await trx
    .selectFrom("calendar_days")
    .select(["kind", "note"])
    .where("date", "=", date)
    .executeTakeFirst();
  if (!before) return false;
  await trx.deleteFrom("calendar_days").where("date", "=", date).execute();
  await recordAudit(trx, actor, {
    action: "calendar.delete",
    entity: "calendar_day",
    entityId: date,
    orgPath,
    before,
  });
  return true;
}

/** Writes parsed sheet entries; returns how many dates were new and how many updated. */
export async function importCalendarEntries(
  trx: Transaction<Database>,
  actor: Actor,
  entries: readonly CalendarEntry[],
  orgPath: string | null,
): Promise<{ added: number; updated: number }> {
  const existing = new Set(
    (await trx.selectFrom("calendar_days").select("date").execute()).map((r) => r.date),
  );
  let added = 0;
  let updated = 0;
  for (const e of entries) {
    await setCalendarDay(trx, actor, e, orgPath);
    if (existing.has(e.date)) updated++;
    else {
      added++;
      existing.add(e.date);
    }
  }
  return { added, updated };
}
