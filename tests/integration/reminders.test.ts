import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { chinaToday } from "~/domain/notice/iso-date";
import { runReminders } from "~/models/reminders.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { runLaurel } from "../support/cli";
import {
  insertAssignments,
  insertCompetition,
  insertContestPeriod,
  insertNominations,
  insertNotice,
  insertOrgs,
  insertPanelMembers,
  insertParticipants,
  insertReports,
  insertUser,
} from "../support/reminder-world";

/**
 * The world on Tuesday 2026-12-08 (China): nominating, judging and a contest period end on Friday
 * the 11th (their 3-day reminders are due today, the 1-day ones on Thursday the 10th), the notice
 * ends on Wednesday the 9th (its end is announced today).
 */
const TUESDAY = new Date("2026-12-08T02:00:00.000Z");
const THURSDAY = new Date("2026-12-10T02:00:00.000Z");
const FRIDAY = "2026-12-11";

let t: TestDatabase;
const u: Record<string, number> = {};
let nominatingId = 0;

async function count(table: "notifications" | "outbox") {
  const r = await t.db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function buildWorld(db: TestDatabase["db"]) {
  const root = await db
    .insertInto("orgs")
    .values({
      name: "省总工会",
      kind: "provincial",
      region_code: null,
      parent_id: null,
      path: "/",
      created_at: "2026-11-01",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("orgs")
    .set({ path: `/${root.id}/` })
    .where("id", "=", root.id)
    .execute();
  const [cityA, cityB, county] = await insertOrgs(db, `/${root.id}/`, [
    "甲市总工会",
    "乙市总工会",
    "丙县总工会",
  ]);
  u.nomA = await insertUser(db, { orgId: cityA, role: "nominator", email: "a@example.org" });
  u.nomB = await insertUser(db, { orgId: cityB, role: "nominator", email: null });
  u.nomCounty = await insertUser(db, {
    orgId: county,
    role: "nominator",
    email: "c@example.org",
    language: "en",
  });
  u.nomGone = await insertUser(db, {
    orgId: cityA,
    role: "nominator",
    email: "x@example.org",
    active: false,
  });
  u.nomProvince = await insertUser(db, { orgId: root.id, role: "nominator", email: "p@example.org" });
  u.admin = await insertUser(db, { orgId: root.id, role: "admin", email: "admin@example.org" });
  u.judge1 = await insertUser(db, { orgId: root.id, role: "judge", email: "j1@example.org", language: "en" });
  u.judge2 = await insertUser(db, { orgId: root.id, role: "judge", email: null });

  const nominating = await insertCompetition(db, {
    orgId: root.id,
    title: "推荐竞赛",
    stage: "nominating",
    endsOn: FRIDAY,
  });
  nominatingId = nominating.competitionId;
  await insertNominations(db, nominating, [
    { orgId: cityA, status: "draft" },
    { orgId: cityA, status: "draft" },
    { orgId: cityA, status: "submitted" },
    { orgId: cityB, status: "draft" },
  ]);
  // Far from its end, or in a stage without reminders: nothing.
  const later = await insertCompetition(db, {
    orgId: root.id,
    title: "远期",
    stage: "nominating",
    endsOn: "2026-12-31",
  });
  await insertNominations(db, later, [{ orgId: cityA, status: "draft" }]);
  // A plan date that is not a date (written around the forms) skips that competition, not the scan.
  const garbled = await insertCompetition(db, {
    orgId: root.id,
    title: "坏日期",
    stage: "nominating",
    endsOn: "2026-12-xx",
  });
  await insertNominations(db, garbled, [{ orgId: cityA, status: "draft" }]);
  const reviewing = await insertCompetition(db, {
    orgId: root.id,
    title: "审查中",
    stage: "reviewing",
    endsOn: FRIDAY,
  });
  await insertNominations(db, reviewing, [{ orgId: cityA, status: "returned" }]);

  const judging = await insertCompetition(db, {
    orgId: root.id,
    title: "评审竞赛",
    stage: "judging",
    endsOn: FRIDAY,
  });
  const noms = await insertNominations(db, judging, [
    { orgId: cityA, status: "eligible" },
    { orgId: cityA, status: "eligible" },
    { orgId: cityB, status: "eligible" },
    { orgId: cityB, status: "ineligible" },
  ]);
  const [m1, m2] = await insertPanelMembers(db, judging.categoryId, [u.judge1, u.judge2]);
  await insertAssignments(db, judging.categoryId, [
    { memberId: m1, nominationId: noms[0] },
    { memberId: m1, nominationId: noms[1], sheet: "draft" },
    { memberId: m1, nominationId: noms[2], sheet: "submitted" },
    { memberId: m2, nominationId: noms[0], sheet: "submitted" },
    { memberId: m2, nominationId: noms[3] },
  ]);
  // judge1 wants these by mail at once.
  await db
    .insertInto("notification_preferences")
    .values({ user_id: u.judge1, kind: "reminder_unsubmitted_sheets", delivery: "immediate" })
    .execute();

  const running = await insertCompetition(db, {
    orgId: root.id,
    title: "劳动竞赛",
    stage: "running",
    endsOn: null,
  });
  const { groupId, periodId } = await insertContestPeriod(db, running.competitionId, {
    opensOn: "2026-12-01",
    closesOn: FRIDAY,
  });
  const [pA, pB] = await insertParticipants(db, running.competitionId, groupId, [
    { orgId: cityA, status: "admitted" },
    { orgId: cityB, status: "admitted" },
    { orgId: county, status: "admitted" },
  ]);
  await insertReports(db, periodId, [
    { participantId: pA, status: "returned" },
    { participantId: pB, status: "submitted" },
  ]);

  const notice = await insertCompetition(db, {
    orgId: root.id,
    title: "公示竞赛",
    stage: "notice",
    endsOn: null,
  });
  await insertNotice(db, notice.competitionId, "2026-12-03", "2026-12-09");
}

beforeAll(async () => {
  t = await createTestDatabase();
  await buildWorld(t.db);
});
afterAll(() => t.destroy());

describe("the reminder scan", () => {
  it("counts in a dry run what it would queue, and writes nothing", async () => {
    expect(await runReminders(t.db, TUESDAY, { dryRun: true })).toEqual({
      reminder_nomination_drafts: 2,
      reminder_unsubmitted_sheets: 1,
      reminder_contest_reports: 2,
      notice_ending: 1,
    });
    expect(await count("notifications")).toBe(0);
    expect(await count("outbox")).toBe(0);
  });

  it("queues each reminder to those with the work, with its count, link and key", async () => {
    expect(await runReminders(t.db, TUESDAY)).toEqual({
      reminder_nomination_drafts: 2,
      reminder_unsubmitted_sheets: 1,
      reminder_contest_reports: 2,
      notice_ending: 1,
    });
    const rows = await t.db
      .selectFrom("notifications")
      .select(["user_id", "kind", "params_json", "link", "dedupe_key", "delivery"])
      .orderBy("id")
      .execute();
    const of = (user: number, kind: string) => rows.find((r) => r.user_id === user && r.kind === kind);
    expect(JSON.parse(of(u.nomA, "reminder_nomination_drafts")!.params_json)).toEqual({
      competition: "推荐竞赛",
      end: FRIDAY,
      count: 2,
    });
    expect(of(u.nomA, "reminder_nomination_drafts")!.link).toBe(
      `/competitions/${nominatingId}/nominations?status=draft`,
    );
    expect(of(u.nomA, "reminder_nomination_drafts")!.dedupe_key).toBe(
      `reminder_nomination_drafts:competition-${nominatingId}-nominating:${u.nomA}:2026-12-08`,
    );
    expect(JSON.parse(of(u.nomB, "reminder_nomination_drafts")!.params_json).count).toBe(1);
    // A blind category's judge hears how many, never whom.
    expect(JSON.parse(of(u.judge1, "reminder_unsubmitted_sheets")!.params_json)).toEqual({
      competition: "评审竞赛",
      end: FRIDAY,
      count: 2,
    });
    expect(of(u.judge2, "reminder_unsubmitted_sheets")).toBeUndefined();
    expect(JSON.parse(of(u.nomA, "reminder_contest_reports")!.params_json)).toMatchObject({
      org: "甲市总工会",
      period: "第一季度",
      end: FRIDAY,
    });
    expect(of(u.nomCounty, "reminder_contest_reports")).toBeDefined();
    expect(of(u.nomB, "reminder_contest_reports")).toBeUndefined();
    expect(of(u.admin, "notice_ending")!.link).toMatch(/^\/competitions\/\d+\/notice$/);
    // Neither a nominator granted above the org nor an inactive one is reminded.
    expect(rows.some((r) => r.user_id === u.nomProvince || r.user_id === u.nomGone)).toBe(false);
  });

  it("mails at once only who wants it at once and has an address; reminders wait for the digest", async () => {
    const mails = await t.db
      .selectFrom("outbox")
      .select(["user_id", "to_address", "language", "subject"])
      .orderBy("id")
      .execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(["admin@example.org", "j1@example.org"]);
    const judge = mails.find((m) => m.user_id === u.judge1)!;
    expect(judge.language).toBe("en");
    expect(judge.subject).toBe("Judging closes soon: 2 sheets (评审竞赛)");
    const digest = await t.db
      .selectFrom("notifications")
      .select("user_id")
      .where("kind", "=", "reminder_nomination_drafts")
      .where("delivery", "=", "digest")
      .execute();
    // nomB has no address: the reminder is in the inbox, and that is all.
    expect(digest.map((d) => d.user_id).sort((a, b) => a - b)).toEqual(
      [u.nomA, u.nomB].sort((a, b) => a - b),
    );
  });

  it("makes nothing the second time the same day, nor the day after under the same reminder", async () => {
    const before = await count("notifications");
    const zero = {
      reminder_nomination_drafts: 0,
      reminder_unsubmitted_sheets: 0,
      reminder_contest_reports: 0,
      notice_ending: 0,
    };
    expect(await runReminders(t.db, TUESDAY)).toEqual(zero);
    expect(await runReminders(t.db, new Date("2026-12-09T02:00:00.000Z"), { dryRun: true })).toEqual(zero);
    expect(await runReminders(t.db, new Date("2026-12-09T02:00:00.000Z"))).toEqual(zero);
    expect(await count("notifications")).toBe(before);
  });

  it("makes the 1-day reminders once when two scans race for them", async () => {
    const before = await count("notifications");
    const runs = await Promise.all([
      runReminders(t.db, THURSDAY),
      runReminders(t.db, THURSDAY),
      runReminders(t.db, THURSDAY),
    ]);
    const total = (k: keyof (typeof runs)[0]) => runs.reduce((n, r) => n + r[k], 0);
    expect(total("reminder_nomination_drafts")).toBe(2);
    expect(total("reminder_unsubmitted_sheets")).toBe(1);
    expect(total("reminder_contest_reports")).toBe(2);
    // The notice ended on Wednesday.
    expect(total("notice_ending")).toBe(0);
    expect(await count("notifications")).toBe(before + 5);
    const keys = await t.db
      .selectFrom("notifications")
      .select("dedupe_key")
      .where("dedupe_key", "like", "%:2026-12-10")
      .execute();
    expect(keys).toHaveLength(5);
  });
});

describe("laurel reminders run", () => {
  let c: TestDatabase;
  beforeAll(async () => {
    c = await createTestDatabase();
    await buildWorld(c.db);
    // Whatever day the test runs, every deadline ending today has its 1-day reminder due.
    const today = chinaToday();
    await c.db
      .updateTable("competition_stages")
      .set({ ends_on: today })
      .where("ends_on", "is not", null)
      .where("ends_on", "<>", "2026-12-xx")
      .execute();
    await c.db.updateTable("contest_periods").set({ opens_on: "2000-01-01", closes_on: today }).execute();
    await c.db.updateTable("notices").set({ starts_on: "2000-01-01", ends_on: today }).execute();
  });
  afterAll(() => c.destroy());

  it("prints per kind what it would queue in a dry run, then queues it, then finds nothing more", async () => {
    // Drafts: nomA in two competitions, nomB in one.
    const lines = (n: [number, number, number, number]) =>
      `reminder_nomination_drafts: ${n[0]}\nreminder_unsubmitted_sheets: ${n[1]}\nreminder_contest_reports: ${n[2]}\nnotice_ending: ${n[3]}\n`;
    const dry = await runLaurel(["reminders", "run", "--dry-run"], c.env);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(lines([3, 1, 2, 1]));
    expect(dry.stderr).toContain("Dry run: 7 reminders would be queued; nothing was written.");
    const run = await runLaurel(["reminders", "run"], c.env);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(lines([3, 1, 2, 1]));
    expect(run.stderr).toContain("7 reminders queued.");
    const again = await runLaurel(["reminders", "run"], c.env);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(lines([0, 0, 0, 0]));
  });
});
