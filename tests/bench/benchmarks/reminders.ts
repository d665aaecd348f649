import { performance } from "node:perf_hooks";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { findDueReminders, runReminders, type ReminderCounts } from "../../../app/models/reminders.server";
import { createTestDatabase } from "../../support/database";
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
  insertUsers,
} from "../../support/reminder-world";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";

const ORGS = 2_000;
const NOMINATORS_PER_ORG = 2;
const ADMINS = 100;
const USERS = 10_000;
const JUDGES = USERS - ORGS * NOMINATORS_PER_ORG - ADMINS;
const JUDGED = 10_000;
const JUDGES_PER_NOMINATION = 10;
const DRAFTS = 6_000;
/** Tuesday 2026-12-08 in China: every deadline below ends on Friday the 11th, 3 working days on. */
const NOW = new Date("2026-12-08T02:00:00.000Z");
const FRIDAY = "2026-12-11";
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const total = (c: ReminderCounts) => Object.values(c).reduce((a, b) => a + b, 0);

/**
 * 10,000 users (2,000 orgs with two nominators each, 100 admins, 5,900 judges), a nominating
 * competition with 6,000 drafts, a judging one with 100,000 sheets (10,000 eligible nominations ×
 * 10 judges, 70 % submitted), a contest period with 2,000 participants and a notice: every deadline
 * near, every kind due.
 */
export async function build(db: Kysely<Database>, log: (line: string) => void) {
  const root = await db
    .insertInto("orgs")
    .values({
      name: "省总工会",
      kind: "provincial",
      region_code: null,
      parent_id: null,
      path: "/",
      created_at: "x",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("orgs")
    .set({ path: `/${root.id}/` })
    .where("id", "=", root.id)
    .execute();
  const orgs = await insertOrgs(
    db,
    `/${root.id}/`,
    Array.from({ length: ORGS }, (_, i) => `基层工会${i}`),
  );
  log(`${ORGS} orgs; users …`);
  const nominators = orgs.flatMap((orgId, i) =>
    Array.from({ length: NOMINATORS_PER_ORG }, (_, k) => ({
      orgId,
      role: "nominator" as const,
      email: (i + k) % 3 === 0 ? null : `n${i}-${k}@example.org`,
    })),
  );
  await insertUsers(db, nominators);
  await insertUsers(
    db,
    Array.from({ length: ADMINS }, () => ({
      orgId: root.id,
      role: "admin" as const,
      email: "a@example.org",
    })),
  );
  const judges = await insertUsers(
    db,
    Array.from({ length: JUDGES }, (_, i) => ({
      orgId: root.id,
      role: "judge" as const,
      email: `j${i}@example.org`,
    })),
  );

  const nominating = await insertCompetition(db, {
    orgId: root.id,
    title: "推荐",
    stage: "nominating",
    endsOn: FRIDAY,
  });
  await insertNominations(
    db,
    nominating,
    Array.from({ length: DRAFTS * 2 }, (_, i) => ({
      orgId: orgs[i % ORGS],
      status: i % 2 ? "draft" : "submitted",
    })),
  );
  log("judging: nominations, panel, 100,000 sheets …");
  const judging = await insertCompetition(db, {
    orgId: root.id,
    title: "评审",
    stage: "judging",
    endsOn: FRIDAY,
  });
  const noms = await insertNominations(
    db,
    judging,
    Array.from({ length: JUDGED }, (_, i) => ({ orgId: orgs[i % ORGS], status: "eligible" as const })),
  );
  const members = await insertPanelMembers(db, judging.categoryId, judges);
  const pairs = noms.flatMap((nominationId, i) =>
    Array.from({ length: JUDGES_PER_NOMINATION }, (_, k) => ({
      memberId: members[(i * JUDGES_PER_NOMINATION + k) % members.length],
      nominationId,
      sheet: (i + k) % 10 < 7 ? ("submitted" as const) : ("draft" as const),
    })),
  );
  await insertAssignments(db, judging.categoryId, pairs);

  const running = await insertCompetition(db, {
    orgId: root.id,
    title: "竞赛",
    stage: "running",
    endsOn: null,
  });
  const { groupId, periodId } = await insertContestPeriod(db, running.competitionId, {
    opensOn: "2026-12-01",
    closesOn: FRIDAY,
  });
  const participants = await insertParticipants(
    db,
    running.competitionId,
    groupId,
    orgs.map((orgId) => ({ orgId, status: "admitted" as const })),
  );
  await insertReports(
    db,
    periodId,
    participants
      .filter((_, i) => i % 2)
      .map((participantId) => ({ participantId, status: "submitted" as const })),
  );
  const notice = await insertCompetition(db, {
    orgId: root.id,
    title: "公示",
    stage: "notice",
    endsOn: null,
  });
  await insertNotice(db, notice.competitionId, "2026-12-02", "2026-12-09");
}

const reminders: Benchmark = {
  name: "reminders",
  summary: `reminder scan: ${USERS} users, ${JUDGED * JUDGES_PER_NOMINATION} sheets, ${DRAFTS} drafts, ${ORGS} contest participants, every kind due (median of ${RUNS})`,
  target: { metric: "scan_ms", value: 1000, direction: "at most" },
  async run({ log }: BenchOptions) {
    // DATABASE_URL=postgres://… runs it on PostgreSQL, in a schema of its own.
    const url = process.env.DATABASE_URL;
    if (url && /^postgres/.test(url)) process.env.TEST_DATABASE_URL = url;
    const t = await createTestDatabase();
    try {
      log(`Building the data on ${t.dialect} …`);
      await build(t.db, log);
      // A live PostgreSQL has statistics (autovacuum); freshly bulk-loaded tables have none yet.
      if (t.dialect === "postgres") await sql`analyze`.execute(t.db);
      const [scans, cpu]: number[][] = [[], []];
      let due = 0;
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        const used = process.cpuUsage();
        const batches = await findDueReminders(t.db, NOW);
        scans.push(performance.now() - start);
        const spent = process.cpuUsage(used);
        // This process's CPU time: on a shared machine it shows the work without the waiting.
        cpu.push((spent.user + spent.system) / 1000);
        due = batches.reduce((n, b) => n + b.userIds.length, 0);
        log(`scan ${i + 1}: ${round(scans[i], 1)} ms, ${due} due`);
      }
      let start = performance.now();
      const made = await runReminders(t.db, NOW);
      const runMs = performance.now() - start;
      if (total(made) !== due) throw new Error(`made ${total(made)} reminders, the scan found ${due}`);
      log(`run: ${round(runMs, 1)} ms, ${JSON.stringify(made)}`);
      start = performance.now();
      const again = await runReminders(t.db, NOW);
      const rescanMs = performance.now() - start;
      if (total(again) !== 0) throw new Error(`a second run made ${total(again)} more`);
      return {
        dialect: t.dialect,
        due,
        ...Object.fromEntries(Object.entries(made).map(([k, n]) => [k, n])),
        scan_ms: round(median(scans), 1),
        scan_cpu_ms: round(median(cpu), 1),
        queue_run_ms: round(runMs, 1),
        second_run_ms: round(rescanMs, 1),
      };
    } finally {
      await t.destroy();
    }
  },
};

export default reminders;
