import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { dialectOf } from "../../db/dialect";
import { DomainError } from "~/domain/errors";
import { isNoticeOpen, noticeWindow } from "~/domain/notice/working-days";
import type { IsoDate } from "~/domain/notice/iso-date";
import type { NoticePeriod } from "~/domain/notice/notice-input";
import type { NominationStatus } from "~/domain/nominations/vocabulary";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import type { CompetitionRow } from "./competition.server";
import { loadWorkCalendar } from "./calendar.server";
import { transitionNomination } from "./nomination.server";
import { noticeToday } from "./notice-clock.server";

export function getNotice(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("notices")
    .select(["id", "competition_id", "starts_on", "ends_on", "days", "unit", "opened_at"])
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
}
export type NoticeRow = NonNullable<Awaited<ReturnType<typeof getNotice>>>;

/**
 * The competition's stage, its row locked until the transaction ends on PostgreSQL (SQLite runs
 * one write transaction at a time anyway). Objections and the publication both take this lock,
 * so one of them always sees the other's result. Run inside a transaction.
 */
export async function lockCompetition(trx: Transaction<Database>, competitionId: number) {
  let q = trx.selectFrom("competitions").select(["stage"]).where("id", "=", competitionId);
  if (dialectOf(trx) === "postgres") q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Where a notice stands on `today`: not yet begun, running (objections taken), or over. */
export function noticeState(
  notice: Pick<NoticeRow, "starts_on" | "ends_on">,
  today = noticeToday(),
): "pending" | "running" | "ended" {
  if (isNoticeOpen(today, notice.starts_on, notice.ends_on)) return "running";
  return today < notice.starts_on ? "pending" : "ended";
}

/**
 * Whether an entry takes objections on `today`: while the notice runs, or, for a replacement
 * (递补) given its own notice period, until that period ends (decision 018).
 */
export function entryOpenToObjections(
  notice: Pick<NoticeRow, "starts_on" | "ends_on">,
  entry: { notice_ends_on: string | null },
  today = noticeToday(),
): boolean {
  return (
    noticeState(notice, today) === "running" ||
    (entry.notice_ends_on !== null && today <= entry.notice_ends_on)
  );
}

/** The proposed list as it stands: nominations on notice (or, before the notice, shortlisted) in list order. */
export function listNoticeEntries(
  db: Kysely<Database>,
  competitionId: number,
  statuses: readonly NominationStatus[] = ["on_notice"],
) {
  return db
    .selectFrom("nominations as n")
    .innerJoin("proposed_entries as p", "p.nomination_id", "n.id")
    .innerJoin("categories as c", "c.id", "n.category_id")
    .innerJoin("orgs as o", "o.id", "n.org_id")
    .select([
      "n.id",
      "n.ref",
      "n.kind",
      "n.name",
      "n.gender",
      "n.workplace",
      "n.post",
      "n.summary",
      "n.status",
      "n.category_id",
      "c.name as category_name",
      "c.position as category_position",
      "o.name as org_name",
      "o.path as org_path",
      "p.position",
      "p.rank",
      "p.promoted_on",
      "p.notice_ends_on",
    ])
    .where("n.competition_id", "=", competitionId)
    .where("n.status", "in", [...statuses])
    .where("p.proposed", "=", 1)
    .orderBy("c.position")
    .orderBy("p.position")
    .execute();
}
export type NoticeEntry = Awaited<ReturnType<typeof listNoticeEntries>>[number];

/**
 * Opens the notice of the competition's proposed list (docs/domain.md#notice): the end date follows from
 * the start date, the period and the calendar; every proposed nomination goes on notice. Run
 * inside a transaction.
 *
 * `notBefore` is today for every start a person names (the admin's form): a notice that began
 * in the past would let a list be published the day it was "noticed", never shown on /notices
 * (decision 013). Only demo data and test fixtures, which load past notices as history, omit it.
 */
export async function openNotice(
  trx: Transaction<Database>,
  actor: Actor,
  c: CompetitionRow,
  period: NoticePeriod,
  notBefore?: IsoDate,
): Promise<NoticeRow> {
  if (c.stage !== "notice") throw new DomainError("notice.notInStage", undefined, "_form");
  if (notBefore && period.start < notBefore)
    throw new DomainError("notice.startInPast", { today: notBefore }, "start");
  if (await getNotice(trx, c.id)) throw new DomainError("notice.alreadyOpen", undefined, "_form");
  const entries = await listNoticeEntries(trx, c.id, ["shortlisted"]);
  if (entries.length === 0) throw new DomainError("notice.nothingProposed", undefined, "_form");
  const { first, last } = noticeWindow(period.start, period.days, period.unit, await loadWorkCalendar(trx));
  await trx
    .insertInto("notices")
    .values({
      competition_id: c.id,
      starts_on: first,
      ends_on: last,
      days: period.days,
      unit: period.unit,
      opened_by: actor.userId,
      opened_at: nowIso(),
    })
    .execute();
  for (const e of entries)
    await transitionNomination(
      trx,
      actor,
      { id: e.id, status: e.status, org_path: e.org_path },
      "on_notice",
      "admin",
    );
  await recordAudit(trx, actor, {
    action: "notice.open",
    entity: "competition",
    entityId: c.id,
    orgPath: c.org_path,
    after: { starts_on: first, ends_on: last, days: period.days, unit: period.unit, entries: entries.length },
  });
  return (await getNotice(trx, c.id))!;
}

/** Notices running today, for the home page and /notices. */
export function listRunningNotices(db: Kysely<Database>, today = noticeToday()) {
  return (
    db
      .selectFrom("notices")
      .innerJoin("competitions", "competitions.id", "notices.competition_id")
      .innerJoin("orgs", "orgs.id", "competitions.org_id")
      .select([
        "competitions.id",
        "competitions.title",
        "competitions.year",
        "orgs.name as org_name",
        "notices.starts_on",
        "notices.ends_on",
      ])
      .where("competitions.stage", "=", "notice")
      .where("notices.starts_on", "<=", today)
      // A replacement's own notice period keeps the notice running past its first end (decision 018).
      .where((eb) =>
        eb.or([
          eb("notices.ends_on", ">=", today),
          eb.exists(
            eb
              .selectFrom("proposed_entries as p")
              .innerJoin("nominations as n", "n.id", "p.nomination_id")
              .select("p.id")
              .whereRef("n.competition_id", "=", "competitions.id")
              .where("n.status", "=", "on_notice")
              .where("p.notice_ends_on", ">=", today),
          ),
        ]),
      )
      .orderBy("notices.ends_on")
      .execute()
  );
}
