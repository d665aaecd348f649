import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOrg } from "../support/factories";
import { makeReportsWorld, type ReportsWorld } from "../support/contest-reports-fixture";
import { routeHarness } from "../support/remix";
import { insertParticipant } from "../support/contest-rows";
import { loader } from "~/routes/competitions.$competitionId.contest.reports._index";

/*
 * A verifier's queue larger than one bulk verification: 600 submitted reports (200 units × three
 * periods) come a page of 500 at a time, with where the page stands in the whole.
 */
let t: TestDatabase;
let w: ReportsWorld;
let h: ReturnType<typeof routeHarness>;
const UNITS = 200;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await makeReportsWorld(t.db);
  h = routeHarness(t.db);
  const group = await t.db
    .selectFrom("contest_groups")
    .select("id")
    .where("competition_id", "=", w.competitionId)
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  for (let n = 0; n < UNITS; n++) {
    const org = await makeOrg(t.db, w.tree.cityA, { name: `基层工会${String(n).padStart(3, "0")}` });
    const id = await insertParticipant(t.db, w.competitionId, org.id, group.id);
    await t.db
      .insertInto("contest_reports")
      .values(
        Object.values(w.periods).map((period_id) => ({
          participant_id: id,
          period_id,
          status: "submitted" as const,
          note: "",
          late: 0,
          submitted_at: now,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
}, 60_000);
afterAll(() => t.destroy());

const open = (query: string) =>
  h.get(loader, `/competitions/${w.competitionId}/contest/reports${query}`, {
    userId: w.users.provinceAdmin.id,
    params: { competitionId: String(w.competitionId) },
  });

describe("the verifier's queue in pages", () => {
  it("gives the first 500 and says how many there are", async () => {
    const page = await open("");
    expect(page.status).toBe(200);
    expect(page.data.queue).toMatchObject({ total: UNITS * 3, first: 1, page: 1 });
    expect(page.data.queue.rows).toHaveLength(500);
  });

  it("gives the rest on the second page, none of them twice", async () => {
    const [one, two] = [await open(""), await open("?page=2")];
    expect(two.data.queue).toMatchObject({ total: UNITS * 3, first: 501, page: 2 });
    expect(two.data.queue.rows).toHaveLength(UNITS * 3 - 500);
    const ids = new Set([...one.data.queue.rows, ...two.data.queue.rows].map((r: { id: number }) => r.id));
    expect(ids.size).toBe(UNITS * 3);
  });

  it("keeps the filter on every page and refuses a page that is not one", async () => {
    const q2 = await open(`?period=${w.periods.q2}&page=1`);
    expect(q2.data.queue).toMatchObject({ total: UNITS, first: 1 });
    expect((await open("?page=0")).status).toBe(400);
    expect((await open("?page=x")).status).toBe(400);
  });
});
