import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { makeId } from "../unit/nominations/id-helpers";
import { importNominations } from "~/models/nomination-import.server";
import type { Actor } from "~/models/audit.server";
import { action, loader } from "~/routes/competitions.$competitionId.nominations.review";

/*
 * Issue 16 item 7: 150 nominations reviewed in one submit, each decision recorded as the single
 * review records it, all in one transaction.
 */
const ACTOR: Actor = { userId: null, label: "cli", ip: null };

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: { id: number };
let nominator: { id: number };
let judge: { id: number };

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
  admin = await makeUser(t.db, tree.province, ["admin"]);
  nominator = await makeUser(t.db, tree.cityA, ["nominator"]);
  judge = await makeUser(t.db, tree.province, ["judge"]);
});
afterAll(async () => t.destroy());

/** A competition in its reviewing stage with `n` submitted individual nominations from 甲市. */
async function reviewing(n: number) {
  const { competitionId } = await makeNominatingCompetition(t.db, tree, {
    cityA: n,
    cityB: 0,
    county: 0,
    collective: 0,
  });
  const header = [
    "推荐编号",
    "推荐单位",
    "姓名",
    "民族",
    "政治面貌",
    "文化程度",
    "工作单位",
    "人员类别",
    "是否农民工",
    "身份证号",
    "联系电话",
    "主要事迹",
  ];
  const rows = Array.from({ length: n }, (_, i) => [
    `B-${String(i + 1).padStart(3, "0")}`,
    "甲市总工会",
    `职工${i + 1}`,
    "汉族",
    "群众",
    "高中",
    "某厂",
    "一线职工",
    "否",
    makeId("610102", `19${String(60 + (i % 30))}0${1 + (i % 9)}1${i % 10}`, String(100 + i).slice(-3)),
    "13812345678",
    "事迹。",
  ]);
  const report = await importNominations(
    t.db,
    ACTOR,
    crypto.randomBytes(32),
    { competitionId, categoryName: "先进个人" },
    [header, ...rows],
  );
  expect(report).toMatchObject({ imported: n, refused: 0 });
  await t.db
    .updateTable("competitions")
    .set({ stage: "reviewing" })
    .where("id", "=", competitionId)
    .execute();
  const ids = (
    await t.db
      .selectFrom("nominations")
      .select("id")
      .where("competition_id", "=", competitionId)
      .orderBy("ref")
      .execute()
  ).map((r) => r.id);
  return { competitionId, ids };
}

const post = (competitionId: number, form: Record<string, string | string[]>, userId = admin.id) =>
  h.post(action, `/competitions/${competitionId}/nominations/review`, form, {
    userId,
    params: { competitionId: String(competitionId) },
  });

const statuses = async (competitionId: number) =>
  (
    await t.db
      .selectFrom("nominations")
      .select("status")
      .where("competition_id", "=", competitionId)
      .orderBy("ref")
      .execute()
  ).map((r) => r.status);

const countWhere = async (
  table: "nomination_events" | "audit_log",
  column: "action",
  value: string,
  ids: number[],
) => {
  const key = table === "audit_log" ? "entity_id" : "nomination_id";
  const rows = await t.db
    .selectFrom(table)
    .select(key)
    .where(column, "=", value)
    .where(key, "in", table === "audit_log" ? ids.map(String) : ids)
    .execute();
  return rows.length;
};

describe("bulk eligibility review", () => {
  it("marks 150 nominations eligible in one submit, each with its event and audit entry", async () => {
    const { competitionId, ids } = await reviewing(150);
    const started = performance.now();
    const res = await post(competitionId, { intent: "markEligible", ids: ids.map(String) });
    const ms = Math.round(performance.now() - started);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(
      `/competitions/${competitionId}/nominations/review?decided=150&to=eligible`,
    );
    expect(await statuses(competitionId)).toEqual(Array(150).fill("eligible"));
    expect(await countWhere("nomination_events", "action", "markEligible", ids)).toBe(150);
    expect(await countWhere("audit_log", "action", "nomination.markEligible", ids)).toBe(150);
    console.info(`bulk review of 150 nominations (${t.dialect}): ${ms} ms`);
    const page = await h.get(
      loader,
      `/competitions/${competitionId}/nominations/review?decided=150&to=eligible`,
      {
        userId: admin.id,
        params: { competitionId: String(competitionId) },
      },
    );
    expect(page.data.rows).toEqual([]);
  });

  it("marks the ticked ones ineligible with one reason, recorded on each", async () => {
    const { competitionId, ids } = await reviewing(4);
    const res = await post(competitionId, {
      intent: "markIneligible",
      ids: [String(ids[0]), String(ids[2])],
      reason: "  事迹材料不实  ",
    });
    expect(res.status).toBe(302);
    expect(await statuses(competitionId)).toEqual(["ineligible", "submitted", "ineligible", "submitted"]);
    const events = await t.db
      .selectFrom("nomination_events")
      .select(["nomination_id", "reason"])
      .where("action", "=", "markIneligible")
      .where("nomination_id", "in", ids)
      .orderBy("nomination_id")
      .execute();
    expect(events).toEqual([
      { nomination_id: ids[0], reason: "事迹材料不实" },
      { nomination_id: ids[2], reason: "事迹材料不实" },
    ]);
  });

  it("refuses, changing nothing: no reason for ineligible, nothing ticked, one already decided, one of another competition", async () => {
    const { competitionId, ids } = await reviewing(3);
    const other = await reviewing(1);
    const noReason = await post(competitionId, { intent: "markIneligible", ids: ids.map(String) });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors).toEqual({ reason: { key: "nomination.transition.reasonRequired" } });
    expect(noReason.data.selected).toEqual(ids.map(String));
    const none = await post(competitionId, { intent: "markEligible" });
    expect(none.status).toBe(400);
    expect(none.data.errors).toEqual({ ids: { key: "review.bulk.noneSelected" } });
    await post(competitionId, { intent: "markEligible", ids: [String(ids[1])] });
    const decided = await post(competitionId, { intent: "markEligible", ids: ids.map(String) });
    expect(decided.status).toBe(400);
    expect(decided.data.errors).toEqual({
      ids: { key: "review.bulk.notOpen", params: { name: "职工2", ref: "B-002" } },
    });
    const foreign = await post(competitionId, {
      intent: "markEligible",
      ids: [String(ids[0]), String(other.ids[0])],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.data.errors).toEqual({ ids: { key: "review.bulk.unknown", params: { count: 1 } } });
    expect(await statuses(competitionId)).toEqual(["submitted", "eligible", "submitted"]);
    expect(await statuses(other.competitionId)).toEqual(["submitted"]);
  });

  it("is the organizer's admins' only, and only while reviewing", async () => {
    const { competitionId, ids } = await reviewing(2);
    for (const userId of [nominator.id, judge.id])
      expect(
        (await post(competitionId, { intent: "markEligible", ids: ids.map(String) }, userId)).status,
      ).toBe(403);
    await t.db
      .updateTable("competitions")
      .set({ stage: "judging" })
      .where("id", "=", competitionId)
      .execute();
    const closed = await post(competitionId, { intent: "markEligible", ids: ids.map(String) });
    expect(closed.status).toBe(400);
    expect(closed.data.errors.ids.key).toBe("review.bulk.notOpen");
    expect(await statuses(competitionId)).toEqual(["submitted", "submitted"]);
  });
});
