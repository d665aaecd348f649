import crypto from "node:crypto";
import type { Transaction } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { makeProposedList } from "../support/proposed-list";
import { routeHarness } from "../support/remix";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { getCompetition } from "~/models/competition.server";
import { listRunningNotices, openNotice } from "~/models/notice.server";
import { fileObjection, resolveObjection } from "~/models/objection.server";
import { publishRefusals } from "~/models/publication-refusals.server";
import * as publicNotice from "~/routes/notices.$competitionId";
import * as adminNotice from "~/routes/competitions.$competitionId.notice";

// Issue #16 item 2, the story as users told it: the objection against 张伟 is upheld; 吴刚, whom the
// committee removed with a recorded reason, must be skipped; 赵敏 takes the place, marked 递补.

let t: TestDatabase;
let competitionId: number;
let ids: Record<"王强" | "张伟" | "吴刚" | "赵敏", number>;
let admin: { id: number };
const dataKey = crypto.randomBytes(32);
const inTrx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => t.db.transaction().execute(fn);
const statusOf = async (id: number) =>
  (await t.db.selectFrom("nominations").select("status").where("id", "=", id).executeTakeFirstOrThrow())
    .status;
const file = (nominationId: number, today: string) =>
  inTrx((trx) =>
    fileObjection(trx, dataKey, {
      competitionId,
      nominationId,
      facts: "该同志的事迹材料与实际情况不符，请核实。",
      name: null,
      contact: null,
      ip: null,
      today,
    }),
  );

beforeAll(async () => {
  t = await createTestDatabase();
  const tree = await makeTree(t.db);
  admin = await makeUser(t.db, tree.province, ["admin"]);
  const comp = await makeNominatingCompetition(t.db, tree, {
    cityA: 10,
    cityB: 10,
    county: 5,
    collective: 2,
  });
  competitionId = comp.competitionId;
  const categoryId = comp.individual.id;
  const [a, b, c, d] = await makeProposedList(t.db, competitionId, categoryId, [
    { name: "王强", orgId: tree.cityA.id, proposed: true },
    { name: "张伟", orgId: tree.cityB.id, proposed: true },
    { name: "吴刚", orgId: tree.cityA.id, proposed: false },
    { name: "赵敏", orgId: tree.cityB.id, gender: "female", proposed: false },
  ]);
  ids = { 王强: a, 张伟: b, 吴刚: c, 赵敏: d };
  // The committee took 吴刚 off the computed list, with its reason, as the deciding stage records it.
  await t.db
    .insertInto("committee_overrides")
    .values({
      category_id: categoryId,
      nomination_id: c,
      decision: "exclude",
      reason: "征求意见时纪检部门反映问题",
      decided_by: null,
      decided_at: "2018-09-28T02:00:00.000Z",
    })
    .execute();
  await t.db
    .updateTable("proposed_entries")
    .set({ override_reason: "征求意见时纪检部门反映问题" })
    .where("nomination_id", "=", c)
    .execute();
  const competition = (await getCompetition(t.db, competitionId))!;
  // Monday 2018-10-08, five working days: to Friday 2018-10-12.
  await inTrx((trx) =>
    openNotice(trx, SYSTEM_ACTOR, competition, { start: "2018-10-08", days: 5, unit: "working" }),
  );
});
afterEach(() => {
  delete process.env.LAUREL_TODAY;
});
afterAll(() => t.destroy());

describe("递补 after an upheld objection", () => {
  it("skips the nominee the committee removed and promotes the next eligible one, with its own notice", async () => {
    process.env.LAUREL_TODAY = "2018-10-10";
    const objection = await file(ids.张伟, "2018-10-10");
    const c = (await getCompetition(t.db, competitionId))!;
    const promoted = await inTrx((trx) =>
      resolveObjection(trx, SYSTEM_ACTOR, c, {
        objectionId: objection,
        outcome: "upheld",
        reason: "经核实，反映情况属实。",
        promote: true,
        freshNotice: true,
      }),
    );
    expect(promoted).toBe(ids.赵敏);
    expect(await statusOf(ids.张伟)).toBe("withdrawn");
    expect(await statusOf(ids.吴刚)).toBe("scored");
    expect(await statusOf(ids.赵敏)).toBe("on_notice");
    const entry = await t.db
      .selectFrom("proposed_entries")
      .select(["position", "promoted_on", "notice_ends_on"])
      .where("nomination_id", "=", ids.赵敏)
      .executeTakeFirstOrThrow();
    // Day 1 is the day of the promotion, Wednesday: five working days end on Tuesday 2018-10-16.
    expect(entry).toEqual({ position: 2, promoted_on: "2018-10-10", notice_ends_on: "2018-10-16" });
  });

  it("the public notice marks the replacement 递补 with its date and period", async () => {
    process.env.LAUREL_TODAY = "2018-10-11";
    const h = routeHarness(t.db);
    const page = await h.get(publicNotice.loader, `/notices/${competitionId}`, {
      params: { competitionId: String(competitionId) },
    });
    expect(
      page.data.entries.map(
        (e: { name: string; promoted_on: string | null; notice_ends_on: string | null }) => [
          e.name,
          e.promoted_on,
          e.notice_ends_on,
        ],
      ),
    ).toEqual([
      ["王强", null, null],
      ["赵敏", "2018-10-10", "2018-10-16"],
    ]);
    const adminPage = await h.get(adminNotice.loader, `/competitions/${competitionId}/notice`, {
      userId: admin.id,
      params: { competitionId: String(competitionId) },
    });
    expect(adminPage.data.entries.find((e: { name: string }) => e.name === "赵敏").promoted_on).toBe(
      "2018-10-10",
    );
  });

  it("after the first notice ends, the replacement still takes objections until its own period ends", async () => {
    process.env.LAUREL_TODAY = "2018-10-15";
    await expect(file(ids.王强, "2018-10-15")).rejects.toMatchObject({ messageKey: "objection.closed" });
    const h = routeHarness(t.db);
    const page = await h.get(publicNotice.loader, `/notices/${competitionId}`, {
      params: { competitionId: String(competitionId) },
    });
    expect(page.data.state).toBe("ended");
    expect(
      page.data.entries.filter((e: { open: boolean }) => e.open).map((e: { name: string }) => e.name),
    ).toEqual(["赵敏"]);
    expect((await listRunningNotices(t.db, "2018-10-15")).map((n) => n.id)).toEqual([competitionId]);
    expect(await listRunningNotices(t.db, "2018-10-17")).toEqual([]);
    const late = await file(ids.赵敏, "2018-10-15");
    const c = (await getCompetition(t.db, competitionId))!;
    await inTrx((trx) =>
      resolveObjection(trx, SYSTEM_ACTOR, c, {
        objectionId: late,
        outcome: "dismissed",
        reason: "经核实，反映情况不属实。",
        promote: false,
      }),
    );
  });

  it("the list cannot be published before the replacement's notice has ended, and the refusal says until when", async () => {
    expect(await publishRefusals(t.db, competitionId, "2018-10-13")).toEqual([
      { messageKey: "notice.refuse.replacementNotEnded", params: { name: "赵敏", end: "2018-10-16" } },
    ]);
    expect(await publishRefusals(t.db, competitionId, "2018-10-16")).toHaveLength(1);
    expect(await publishRefusals(t.db, competitionId, "2018-10-17")).toEqual([]);
  });
});
