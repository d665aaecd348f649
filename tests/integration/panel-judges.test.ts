import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { insertEligible, makeJudgingWorld } from "./judging-fixture";
import { translate } from "~/i18n";
import { listPanel } from "~/models/panel.server";
import * as panelRoute from "~/routes/competitions.$competitionId.categories.$categoryId_.panel";

/*
 * Issue 16 item 7: several judges added to a panel in one submit, each checked as one added alone,
 * and told per judge how many nominations they must stay away from (回避).
 */
let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let world: Awaited<ReturnType<typeof makeJudgingWorld>>;
let path: string;
let params: Record<string, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  world = await makeJudgingWorld(t.db);
  for (const org of [world.tree.cityA, world.tree.cityA, world.tree.county, world.tree.cityB])
    await insertEligible(t.db, world.target, org);
  await insertEligible(t.db, world.target, world.tree.cityB, { status: "withdrawn" });
  path = `/competitions/${world.competitionId}/categories/${world.individual.id}/panel`;
  params = { competitionId: String(world.competitionId), categoryId: String(world.individual.id) };
});
afterAll(async () => t.destroy());

const post = (form: Record<string, string | string[]>, userId = world.admin.id) =>
  h.post(panelRoute.action, path, form, { userId, params });
const panelNames = async () => (await listPanel(t.db, world.individual.id)).map((m) => m.display_name);

describe("adding several judges at once", () => {
  it("refuses the whole submit naming a judge who may not join, and asks for at least one", async () => {
    const [a, b] = world.judges;
    const stranger = await makeUser(t.db, world.tree.cityA, [], { displayName: "非评委" });
    const refused = await post({ intent: "add", userId: [String(a.id), String(stranger.id), String(b.id)] });
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual({
      userId: { key: "judging.panel.cannotAdd", params: { name: "非评委" } },
    });
    expect(await panelNames()).toEqual([]);
    const none = await post({ intent: "add" });
    expect(none.status).toBe(400);
    expect(none.data.errors).toEqual({ userId: { key: "judging.panel.noneTicked" } });
  });

  it("adds the ticked judges in one submit, each audited, with what each must stay away from", async () => {
    const [a, b, c] = world.judges;
    const res = await post({ intent: "add", userId: [String(a.id), String(b.id), String(c.id)] });
    expect(res.status).toBe(200);
    expect(res.data.added).toEqual([
      { name: "评委甲", org: "甲市总工会", recused: 3, nominations: 4 },
      { name: "评委乙", org: "乙市总工会", recused: 1, nominations: 4 },
      { name: "评委丙", org: world.industry.name, recused: 0, nominations: 4 },
    ]);
    expect(await panelNames()).toEqual(["评委甲", "评委乙", "评委丙"]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "panel.add")
      .where("entity_id", "=", String(world.individual.id))
      .orderBy("id")
      .execute();
    expect(audit).toHaveLength(3);
    expect(translate("zh-CN", "judging.panel.addedRecused", { who: "评委甲（甲市总工会）", count: 3 })).toBe(
      "评委甲（甲市总工会）：本类别有 3 条推荐来自该单位或其下级，分配时自动回避。",
    );
    const again = await post({ intent: "add", userId: String(a.id) });
    expect(again.data.errors).toEqual({
      userId: { key: "judging.panel.cannotAdd", params: { name: "评委甲" } },
    });
  });

  it("still adds a single judge, and is the organizer's admins' only", async () => {
    const judge = await makeUser(t.db, world.tree.province, [], { displayName: "评委戊" });
    await t.db
      .insertInto("role_grants")
      .values({
        user_id: judge.id,
        org_id: world.tree.province.id,
        role: "judge",
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    expect((await post({ intent: "add", userId: String(judge.id) }, world.judges[0].id)).status).toBe(403);
    const one = await post({ intent: "add", userId: String(judge.id) });
    expect(one.status).toBe(200);
    // The province covers every nomination: this judge could score none, and is told so.
    expect(one.data.added).toEqual([{ name: "评委戊", org: "测试省总工会", recused: 4, nominations: 4 }]);
  });
});
