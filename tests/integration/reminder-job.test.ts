import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readLease } from "~/models/job-lease.server";
import {
  REMINDER_LEASE,
  reminderIntervalMs,
  reminderRound,
  startReminderJob,
} from "../../scripts/reminder-job";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { insertCompetition, insertNominations, insertUser } from "../support/reminder-world";

let t: TestDatabase;
const FIVE_MINUTES = 5 * 60_000;
const TUESDAY = new Date("2026-12-08T02:00:00.000Z");

beforeAll(async () => {
  t = await createTestDatabase();
  const org = await t.db
    .insertInto("orgs")
    .values({
      name: "省总工会",
      kind: "provincial",
      region_code: null,
      parent_id: null,
      path: "/1/",
      created_at: "x",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await insertUser(t.db, { orgId: org.id, role: "nominator" });
  const c = await insertCompetition(t.db, {
    orgId: org.id,
    title: "推荐",
    stage: "nominating",
    endsOn: "2026-12-11",
  });
  await insertNominations(t.db, c, [{ orgId: org.id, status: "draft" }]);
});
afterAll(() => t.destroy());

describe("the server's reminder job", () => {
  it("runs a round only in the server holding the lease, and records the run", async () => {
    const [a, b] = await Promise.all([
      reminderRound(t.db, "server-a", FIVE_MINUTES, TUESDAY),
      reminderRound(t.db, "server-b", FIVE_MINUTES, TUESDAY),
    ]);
    expect([a, b].filter((r) => r === null)).toHaveLength(1);
    const ran = (a ?? b)!;
    expect(ran.reminder_nomination_drafts).toBe(1);
    const lease = (await readLease(t.db, REMINDER_LEASE))!;
    expect(lease.holder).toBe(a ? "server-a" : "server-b");
    expect(lease.last_run_at).not.toBeNull();
  });

  describe("started in a server", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("runs its first round one interval after start, then gives the lease up when stopped", async () => {
      vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
      vi.setSystemTime(new Date("2026-12-10T02:00:00.000Z"));
      await t.db.deleteFrom("job_leases").execute();
      const lines: string[] = [];
      const job = startReminderJob(t.db, FIVE_MINUTES, "server-c", (l) => lines.push(l));
      await vi.advanceTimersByTimeAsync(FIVE_MINUTES - 1);
      expect(await readLease(t.db, REMINDER_LEASE)).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      await job.stop();
      // Thursday: the 1-day reminder of Friday's end.
      expect(lines).toEqual(["Reminders queued: reminder_nomination_drafts 1"]);
      const lease = (await readLease(t.db, REMINDER_LEASE))!;
      expect(lease.holder).toBe("server-c");
      expect(lease.expires_at <= new Date().toISOString()).toBe(true);
    });

    it("logs a failed round and goes on", async () => {
      vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
      const broken = await createTestDatabase();
      await broken.destroy();
      const lines: string[] = [];
      const job = startReminderJob(broken.db, FIVE_MINUTES, "server-d", (l) => lines.push(l));
      await vi.advanceTimersByTimeAsync(FIVE_MINUTES);
      await vi.advanceTimersByTimeAsync(FIVE_MINUTES);
      await job.stop();
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^The reminder job failed; it tries again next round: /);
    });
  });

  it("reads LAUREL_REMINDER_MINUTES: 5 by default, 0 for off, and refuses anything else", () => {
    expect(reminderIntervalMs(undefined)).toBe(FIVE_MINUTES);
    expect(reminderIntervalMs(" 10 ")).toBe(10 * 60_000);
    expect(reminderIntervalMs("0")).toBeNull();
    for (const bad of ["-1", "1.5", "five", "100000"])
      expect(() => reminderIntervalMs(bad)).toThrow(/LAUREL_REMINDER_MINUTES must be a whole number/);
  });
});
