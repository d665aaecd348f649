import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLease, readLease, recordRun, releaseLease } from "~/models/job-lease.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const T0 = new Date("2026-12-08T02:00:00.000Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

describe("job leases", () => {
  it("lets one holder at a time hold a job, renews it for its holder, and lets another take a lapsed one", async () => {
    expect(await acquireLease(t.db, "job-a", "server-1", 5 * MIN, T0)).toBe(true);
    expect(await acquireLease(t.db, "job-a", "server-2", 5 * MIN, later(MIN))).toBe(false);
    // The holder renews: the lease now runs to 7 minutes.
    expect(await acquireLease(t.db, "job-a", "server-1", 5 * MIN, later(2 * MIN))).toBe(true);
    expect(await acquireLease(t.db, "job-a", "server-2", 5 * MIN, later(6 * MIN))).toBe(false);
    expect(await acquireLease(t.db, "job-a", "server-2", 5 * MIN, later(8 * MIN))).toBe(true);
    expect((await readLease(t.db, "job-a"))!.holder).toBe("server-2");
    expect(await acquireLease(t.db, "job-a", "server-1", 5 * MIN, later(9 * MIN))).toBe(false);
  });

  it("frees a released lease at once, and only its holder can release it", async () => {
    expect(await acquireLease(t.db, "job-b", "server-1", 5 * MIN, T0)).toBe(true);
    await releaseLease(t.db, "job-b", "server-2", later(MIN));
    expect(await acquireLease(t.db, "job-b", "server-2", 5 * MIN, later(MIN))).toBe(false);
    await releaseLease(t.db, "job-b", "server-1", later(MIN));
    expect(await acquireLease(t.db, "job-b", "server-2", 5 * MIN, later(MIN))).toBe(true);
  });

  it("records the holder's last run", async () => {
    expect(await acquireLease(t.db, "job-c", "server-1", 5 * MIN, T0)).toBe(true);
    await recordRun(t.db, "job-c", "server-2", later(MIN));
    expect((await readLease(t.db, "job-c"))!.last_run_at).toBeNull();
    await recordRun(t.db, "job-c", "server-1", later(MIN));
    expect((await readLease(t.db, "job-c"))!.last_run_at).toBe(later(MIN).toISOString());
  });

  it("gives a lease to exactly one of many holders racing for it, new or lapsed", async () => {
    for (const round of [0, 1, 2]) {
      const at = later(round * 10 * MIN);
      const holders = Array.from({ length: 8 }, (_, i) => `racer-${round}-${i}`);
      const won = await Promise.all(holders.map((h) => acquireLease(t.db, "race", h, 5 * MIN, at)));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await readLease(t.db, "race"))!.holder).toBe(holders[won.indexOf(true)]);
    }
  });
});
