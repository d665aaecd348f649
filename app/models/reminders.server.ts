import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Params } from "~/i18n";
import { chinaToday, isIsoDate, type IsoDate } from "~/domain/notice/iso-date";
import type { WorkCalendar } from "~/domain/notice/working-days";
import {
  dueReminder,
  NOTICE_LEADS,
  reminderKey,
  reportSubject,
  SCANNED_KINDS,
  stageSubject,
  type DueReminder,
  type ScannedKind,
} from "~/domain/notifications/reminder-rules";
import { loadWorkCalendar } from "./calendar.server";
import { notify } from "./notification.server";

/**
 * The reminder scan (docs/domain.md#notifications, decision 031): which deadlines are near today,
 * who still has work before them, and one keyed notification each. A handful of grouped queries
 * per due deadline, never one per user: the scan stays cheap however many users and sheets there
 * are, and a scan that finds nothing new writes nothing.
 */

/** One notification for each of `userIds`, all with the same message. */
export interface ReminderBatch {
  kind: ScannedKind;
  userIds: number[];
  params: Params;
  link: string;
  /** Each recipient's key: kind:subject:recipient:day. */
  keys: Map<number, string>;
}

export type ReminderCounts = Record<ScannedKind, number>;

/** notify() looks its recipients up with one `in (…)` list: this many at most. */
const BATCH_USERS = 500;

/** Every deadline near `today`, and per recipient what is still undone; not yet filtered of what was sent. */
async function dueBatches(db: Kysely<Database>, today: IsoDate, cal: WorkCalendar): Promise<ReminderBatch[]> {
  const batches: ReminderBatch[] = [];
  for (const stage of await openStages(db, today)) {
    const due = dueOn(today, stage.ends_on, cal);
    if (due) batches.push(...(await stageBatches(db, stage, due)));
  }
  for (const period of await openPeriods(db, today)) {
    const due = dueOn(today, period.closes_on, cal);
    if (due) batches.push(...(await reportBatches(db, period, due)));
  }
  for (const notice of await runningNotices(db, today)) {
    const due = dueOn(today, notice.ends_on, cal, NOTICE_LEADS);
    if (due) batches.push(await noticeBatch(db, notice, due));
  }
  return batches;
}

/** A stored date that is not a date (written around the forms) skips its deadline, not the whole scan. */
function dueOn(today: IsoDate, end: string, cal: WorkCalendar, leads?: readonly number[]) {
  return isIsoDate(end) ? dueReminder(today, end, cal, leads) : null;
}

/** Competitions in nominating or judging with a planned end not yet past. */
function openStages(db: Kysely<Database>, today: IsoDate) {
  return db
    .selectFrom("competitions as c")
    .innerJoin("competition_stages as s", (j) =>
      j.onRef("s.competition_id", "=", "c.id").onRef("s.stage", "=", "c.stage"),
    )
    .select(["c.id", "c.title", "c.stage", "s.ends_on"])
    .where("c.stage", "in", ["nominating", "judging"])
    .where("s.ends_on", "is not", null)
    .where("s.ends_on", ">=", today)
    .$narrowType<{ ends_on: string }>()
    .execute();
}

type OpenStage = Awaited<ReturnType<typeof openStages>>[number];

async function stageBatches(db: Kysely<Database>, c: OpenStage, due: DueReminder) {
  const params = { competition: c.title, end: c.ends_on };
  if (c.stage === "nominating") {
    const rows = await draftsByNominator(db, c.id);
    return byCount(
      "reminder_nomination_drafts",
      rows,
      params,
      `/competitions/${c.id}/nominations?status=draft`,
      (u) => reminderKey("reminder_nomination_drafts", stageSubject(c.id, c.stage), u, due.day),
    );
  }
  const rows = await unsubmittedByJudge(db, c.id);
  return byCount("reminder_unsubmitted_sheets", rows, params, "/judging", (u) =>
    reminderKey("reminder_unsubmitted_sheets", stageSubject(c.id, c.stage), u, due.day),
  );
}

/**
 * Drafts per nominator: the org's own nominators (a grant at the org itself; one granted higher up
 * files for its own org, and is not reminded of every draft below it).
 */
async function draftsByNominator(db: Kysely<Database>, competitionId: number) {
  // Drafts counted per org first (an index on competition and status), then joined to the
  // grants: role_grants has no index by org, and a join per nomination would scan it each time.
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("nominations")
        .select(["org_id", (e) => e.fn.countAll<number | string>().as("n")])
        .where("competition_id", "=", competitionId)
        .where("status", "=", "draft")
        .groupBy("org_id")
        .as("d"),
    )
    .innerJoin("role_grants as g", (j) => j.onRef("g.org_id", "=", "d.org_id").on("g.role", "=", "nominator"))
    .innerJoin("users as u", "u.id", "g.user_id")
    .select(["g.user_id", (eb) => eb.fn.sum<number | string>("d.n").as("n")])
    .where("u.is_active", "=", 1)
    .groupBy("g.user_id")
    .execute();
  return rows.map((r) => ({ userId: r.user_id, count: Number(r.n) }));
}

/**
 * Per judge, the assigned eligible nominations without their submitted sheet (as the judging
 * stage's advance check counts them). Counted per panel seat from the nominations' side (the
 * indexes lead from a competition's nominations to their assignments and sheets), then summed per
 * user: a judge may sit on several categories' panels.
 */
async function unsubmittedByJudge(db: Kysely<Database>, competitionId: number) {
  const perSeat = await db
    .selectFrom("nominations as n")
    .innerJoin("judge_assignments as a", "a.nomination_id", "n.id")
    .leftJoin("score_sheets as s", (j) =>
      j.onRef("s.nomination_id", "=", "a.nomination_id").onRef("s.panel_member_id", "=", "a.panel_member_id"),
    )
    .select(["a.panel_member_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("n.competition_id", "=", competitionId)
    .where("n.status", "=", "eligible")
    .where((eb) => eb.or([eb("s.status", "is", null), eb("s.status", "<>", "submitted")]))
    .groupBy("a.panel_member_id")
    .execute();
  const seats = await db
    .selectFrom("panel_members as m")
    .innerJoin("categories as c", "c.id", "m.category_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "m.user_id"])
    .where("c.competition_id", "=", competitionId)
    .where("u.is_active", "=", 1)
    .$narrowType<{ user_id: number }>()
    .execute();
  const userOf = new Map(seats.map((m) => [m.id, m.user_id]));
  const counts = new Map<number, number>();
  for (const r of perSeat) {
    const userId = userOf.get(r.panel_member_id);
    if (userId !== undefined) counts.set(userId, (counts.get(userId) ?? 0) + Number(r.n));
  }
  return [...counts].map(([userId, count]) => ({ userId, count }));
}

/** Recipients with the same count share one message. */
function byCount(
  kind: ScannedKind,
  rows: { userId: number; count: number }[],
  params: Params,
  link: string,
  key: (userId: number) => string,
): ReminderBatch[] {
  const groups = new Map<number, number[]>();
  for (const r of rows) groups.set(r.count, [...(groups.get(r.count) ?? []), r.userId]);
  return [...groups].map(([count, userIds]) => ({
    kind,
    userIds,
    params: { ...params, count },
    link,
    keys: new Map(userIds.map((u) => [u, key(u)])),
  }));
}

/** Reporting windows of running contests that are open today. */
function openPeriods(db: Kysely<Database>, today: IsoDate) {
  return db
    .selectFrom("contest_periods as p")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .select(["p.id", "p.label", "p.closes_on", "c.id as competition_id", "c.title"])
    .where("c.stage", "=", "running")
    .where("p.opens_on", "<=", today)
    .where("p.closes_on", ">=", today)
    .execute();
}

type OpenPeriod = Awaited<ReturnType<typeof openPeriods>>[number];

/**
 * Admitted participants whose report for the period is neither submitted nor verified (none yet,
 * a draft, or returned), one message per participant to its org's own nominators.
 */
async function reportBatches(db: Kysely<Database>, p: OpenPeriod, due: DueReminder) {
  const rows = await db
    .selectFrom("contest_participants as cp")
    .innerJoin("orgs as o", "o.id", "cp.org_id")
    .innerJoin("role_grants as g", (j) =>
      j.onRef("g.org_id", "=", "cp.org_id").on("g.role", "=", "nominator"),
    )
    .innerJoin("users as u", "u.id", "g.user_id")
    .leftJoin("contest_reports as r", (j) =>
      j.onRef("r.participant_id", "=", "cp.id").on("r.period_id", "=", p.id),
    )
    .select(["cp.id as participant_id", "o.name as org", "g.user_id"])
    .where("cp.competition_id", "=", p.competition_id)
    .where("cp.status", "=", "admitted")
    .where((eb) => eb.or([eb("r.status", "is", null), eb("r.status", "in", ["draft", "returned"])]))
    .where("u.is_active", "=", 1)
    .orderBy("cp.id")
    .orderBy("g.user_id")
    .execute();
  const byParticipant = new Map<number, { org: string; userIds: number[] }>();
  for (const r of rows) {
    const entry = byParticipant.get(r.participant_id) ?? { org: r.org, userIds: [] };
    entry.userIds.push(r.user_id);
    byParticipant.set(r.participant_id, entry);
  }
  return [...byParticipant].map(([participantId, { org, userIds }]) => ({
    kind: "reminder_contest_reports" as const,
    userIds,
    params: { org, competition: p.title, period: p.label, end: p.closes_on },
    link: `/competitions/${p.competition_id}/contest/reports`,
    keys: new Map(
      userIds.map((u) => [
        u,
        reminderKey("reminder_contest_reports", reportSubject(participantId, p.id), u, due.day),
      ]),
    ),
  }));
}

/** Notices of competitions still in the notice stage that have not ended. */
function runningNotices(db: Kysely<Database>, today: IsoDate) {
  return db
    .selectFrom("notices as n")
    .innerJoin("competitions as c", "c.id", "n.competition_id")
    .select(["c.id", "c.title", "c.org_id", "n.ends_on"])
    .where("c.stage", "=", "notice")
    .where("n.ends_on", ">=", today)
    .execute();
}

type RunningNotice = Awaited<ReturnType<typeof runningNotices>>[number];

/** The organizer's own admins (a grant at the organizing org) are told the notice ends soon. */
async function noticeBatch(db: Kysely<Database>, n: RunningNotice, due: DueReminder): Promise<ReminderBatch> {
  const rows = await db
    .selectFrom("role_grants as g")
    .innerJoin("users as u", "u.id", "g.user_id")
    .select("g.user_id")
    .where("g.org_id", "=", n.org_id)
    .where("g.role", "=", "admin")
    .where("u.is_active", "=", 1)
    .orderBy("g.user_id")
    .execute();
  const userIds = rows.map((r) => r.user_id);
  return {
    kind: "notice_ending",
    userIds,
    params: { competition: n.title, end: n.ends_on },
    link: `/competitions/${n.id}/notice`,
    keys: new Map(
      userIds.map((u) => [u, reminderKey("notice_ending", stageSubject(n.id, "notice"), u, due.day)]),
    ),
  };
}

/** Drops the recipients whose key is already in notifications, and the batches left empty. */
async function withoutSent(db: Kysely<Database>, batches: ReminderBatch[]): Promise<ReminderBatch[]> {
  const keys = batches.flatMap((b) => [...b.keys.values()]);
  const sent = new Set<string>();
  for (let i = 0; i < keys.length; i += BATCH_USERS) {
    const rows = await db
      .selectFrom("notifications")
      .select("dedupe_key")
      .where("dedupe_key", "in", keys.slice(i, i + BATCH_USERS))
      .execute();
    for (const r of rows) sent.add(r.dedupe_key!);
  }
  const out: ReminderBatch[] = [];
  for (const b of batches) {
    for (let i = 0; i < b.userIds.length; i += BATCH_USERS) {
      const userIds = b.userIds.slice(i, i + BATCH_USERS).filter((u) => !sent.has(b.keys.get(u)!));
      if (userIds.length) out.push({ ...b, userIds });
    }
  }
  return out;
}

/** The reminders due at `now` and not yet made: what a run would queue. */
export async function findDueReminders(db: Kysely<Database>, now: Date): Promise<ReminderBatch[]> {
  const cal = await loadWorkCalendar(db);
  return withoutSent(db, await dueBatches(db, chinaToday(now), cal));
}

export const emptyCounts = (): ReminderCounts =>
  Object.fromEntries(SCANNED_KINDS.map((k) => [k, 0])) as ReminderCounts;

/**
 * Finds the reminders due at `now` (China's civil day) and makes them, each batch in its own
 * transaction with its queued mail. Returns how many were made per kind; a dry run counts what
 * would be made and writes nothing. A key another scan made meanwhile is skipped by notify(), so
 * racing scans make each reminder once and count it once between them.
 */
export async function runReminders(
  db: Kysely<Database>,
  now: Date,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<ReminderCounts> {
  const counts = emptyCounts();
  for (const b of await findDueReminders(db, now)) {
    if (dryRun) {
      counts[b.kind] += b.userIds.length;
      continue;
    }
    counts[b.kind] += await db.transaction().execute((trx) =>
      notify(trx, {
        kind: b.kind,
        userIds: b.userIds,
        params: b.params,
        link: b.link,
        dedupeKey: (u) => b.keys.get(u)!,
      }),
    );
  }
  return counts;
}
