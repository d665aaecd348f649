import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLease } from "~/models/job-lease.server";
import { REMINDER_LEASE, reminderIntervalMs, reminderRound } from "../../scripts/reminder-job";
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

  it("reads LAUREL_REMINDER_MINUTES: 5 by default, 0 for off, and refuses anything else", () => {
    expect(reminderIntervalMs(undefined)).toBe(FIVE_MINUTES);
    expect(reminderIntervalMs(" 10 ")).toBe(10 * 60_000);
    expect(reminderIntervalMs("0")).toBeNull();
    for (const bad of ["-1", "1.5", "five", "100000"])
      expect(() => reminderIntervalMs(bad)).toThrow(/LAUREL_REMINDER_MINUTES must be a whole number/);
  });
});
