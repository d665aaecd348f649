import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { routeHarness } from "../support/remix";
import { insertEligible, makeJudgingWorld, setStage } from "./judging-fixture";
import { translate } from "~/i18n";
import * as panelRoute from "~/routes/competitions.$competitionId.categories.$categoryId_.panel";
import * as resultsRoute from "~/routes/competitions.$competitionId.categories.$categoryId_.results";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let world: Awaited<ReturnType<typeof makeJudgingWorld>>;
let params: Record<string, string>;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  world = await makeJudgingWorld(t.db);
  await insertEligible(t.db, world.target, world.tree.cityA);
  await t.db
    .updateTable("categories")
    .set({ aggregation: "trimmed", judges_per_nomination: 3 })
    .where("id", "=", world.individual.id)
    .execute();
  params = { competitionId: String(world.competitionId), categoryId: String(world.individual.id) };
  base = `/competitions/${world.competitionId}/categories/${world.individual.id}`;
});
afterAll(() => t.destroy());

describe("judging dead ends", () => {
  it("assigning with no judges on the panel says so, not conflicts, and writes nothing", async () => {
    const res = await h.post(
      panelRoute.action,
      `${base}/panel`,
      { intent: "assign" },
      {
        userId: world.admin.id,
        params,
      },
    );
    expect(res.status).toBe(400);
    expect(res.data.errors._form.key).toBe("judging.panel.noJudges");
    expect(translate("zh-CN", "judging.panel.noJudges")).toContain("评审组还没有评委");
    expect(await t.db.selectFrom("judge_assignments").select("id").execute()).toEqual([]);
  });

  it("offers the score matrix only once judging has closed, and knows the trimmed mean cannot apply", async () => {
    const during = await h.get(resultsRoute.loader, `${base}/results`, { userId: world.admin.id, params });
    expect(during.status).toBe(200);
    expect(during.data.matrixOpen).toBe(false);
    expect(during.data.cat).toMatchObject({ aggregation: "trimmed", judgesPer: 3 });
    await setStage(t.db, world.competitionId, "deciding");
    const after = await h.get(resultsRoute.loader, `${base}/results`, { userId: world.admin.id, params });
    expect(after.data.matrixOpen).toBe(true);
  });
});
