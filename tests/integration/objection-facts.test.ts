import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOpenNotice, objectionWrites } from "../support/notice-fixture";
import { routeHarness } from "../support/remix";
import { MIN_OBJECTION_FACTS } from "~/domain/notice/objection-input";
import { translate } from "~/i18n";
import * as noticeRoute from "~/routes/notices.$competitionId";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let competitionId: number;
let ids: number[];

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  ({ competitionId, ids } = await makeOpenNotice(t.db));
});
afterAll(() => t.destroy());
afterEach(() => {
  delete process.env.LAUREL_TODAY;
});

function object(facts: string) {
  process.env.LAUREL_TODAY = "2018-10-03";
  return h.post(
    noticeRoute.action,
    `/notices/${competitionId}`,
    { nomination: String(ids[0]), facts, name: "李明", contact: "" },
    { params: { competitionId: String(competitionId) } },
  );
}

describe(`an objection states at least ${MIN_OBJECTION_FACTS} characters of facts`, () => {
  it("refuses one character, or nine padded with spaces, with the count, keeping the input, storing nothing", async () => {
    const before = await objectionWrites(t.db);
    for (const [facts, count] of [
      ["假", 1],
      ["事迹 不实 请 核实 一下", 9],
    ] as const) {
      const res = await object(facts);
      expect(res.status).toBe(400);
      expect(res.data.errors.facts).toEqual({
        key: "objection.factsTooShort",
        params: { min: MIN_OBJECTION_FACTS, count },
      });
      expect(res.data.values).toMatchObject({ facts, name: "李明" });
    }
    expect(translate("zh-CN", "objection.factsTooShort", { min: 10, count: 1 })).toContain("至少 10 个字");
    expect(translate("en", "objection.factsTooShort", { min: 10, count: 1 })).toContain("at least 10");
    expect(await objectionWrites(t.db)).toEqual(before);
  });

  it("takes ten characters of facts", async () => {
    const before = await objectionWrites(t.db);
    expect((await object("帮扶户数与台账不一致")).status).toBe(302);
    expect((await objectionWrites(t.db)).objections).toBe(before.objections + 1);
  });
});
