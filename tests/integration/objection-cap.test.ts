import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOpenNotice, objectionWrites } from "../support/notice-fixture";
import { routeHarness } from "../support/remix";
import { OPEN_OBJECTIONS_PER_COMPETITION } from "~/domain/notice/objection-input";
import { translate } from "~/i18n";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { getCompetition } from "~/models/competition.server";
import { countOpenObjections, fileObjection, resolveObjection } from "~/models/objection.server";
import * as noticeRoute from "~/routes/notices.$competitionId";

const TODAY = "2018-10-03";
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

const written = () => objectionWrites(t.db);

/** The public form from an address of its own each time (no per-address limit in the way). */
function object(facts = "该同志事迹材料与实际不符。") {
  process.env.LAUREL_TODAY = TODAY;
  h.context.clientIp = `203.0.113.${crypto.randomInt(1, 255)}`;
  return h.post(
    noticeRoute.action,
    `/notices/${competitionId}`,
    { nomination: String(ids[0]), facts, name: "", contact: "" },
    { params: { competitionId: String(competitionId) } },
  );
}

/** Open objections up to `n`, filed through the model as many senders would. */
async function fillTo(n: number) {
  const key = h.context.secrets.dataKey;
  while ((await countOpenObjections(t.db, competitionId)) < n) {
    await t.db.transaction().execute((trx) =>
      fileObjection(trx, key, {
        competitionId,
        nominationId: ids[1],
        facts: "群发异议：事迹材料不实。",
        name: null,
        contact: null,
        ip: null,
        today: TODAY,
      }),
    );
  }
}

describe(`the cap of ${OPEN_OBJECTIONS_PER_COMPETITION} open objections per notice`, () => {
  it("refuses the next objection with 503 and a message sending people to the organizer, writing nothing", async () => {
    await fillTo(OPEN_OBJECTIONS_PER_COMPETITION);
    const before = await written();
    const refused = await object("第二百零一条异议：事迹不实。");
    expect(refused.status).toBe(503);
    expect(refused.data.errors._form.key).toBe("objection.queueFull");
    expect(translate("en", "objection.queueFull")).toContain("contact the organizer by phone or letter");
    expect(refused.data.values.facts).toBe("第二百零一条异议：事迹不实。");
    expect(await written()).toEqual(before);
  });

  it("takes objections again once the organizer has resolved some", async () => {
    const c = (await getCompetition(t.db, competitionId))!;
    const open = await t.db
      .selectFrom("objections")
      .select("id")
      .where("status", "=", "open")
      .orderBy("id")
      .limit(2)
      .execute();
    for (const o of open)
      await t.db.transaction().execute((trx) =>
        resolveObjection(trx, SYSTEM_ACTOR, c, {
          objectionId: o.id,
          outcome: "dismissed",
          reason: "查无实据。",
          promote: false,
        }),
      );
    expect((await object()).status).toBe(302);
    expect(await countOpenObjections(t.db, competitionId)).toBe(OPEN_OBJECTIONS_PER_COMPETITION - 1);
  });

  it("holds under a flood: 10 at once with one place left store exactly one", async () => {
    await fillTo(OPEN_OBJECTIONS_PER_COMPETITION - 1);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => object(`同时提交的异议，第${i}条。`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([302, ...Array(9).fill(503)]);
    expect(await countOpenObjections(t.db, competitionId)).toBe(OPEN_OBJECTIONS_PER_COMPETITION);
  });
});
