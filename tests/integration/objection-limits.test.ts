import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOpenNotice, objectionWrites } from "../support/notice-fixture";
import { routeHarness } from "../support/remix";
import { OBJECTIONS_PER_HOUR } from "~/domain/notice/objection-input";
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

const written = () => objectionWrites(t.db);

/** The public form, posted from `ip` (the server's client address), anonymous. */
function object(ip: string, form: Record<string, string> = {}) {
  process.env.LAUREL_TODAY = "2018-10-03";
  h.context.clientIp = ip;
  return h.post(
    noticeRoute.action,
    `/notices/${competitionId}`,
    { nomination: String(ids[0]), facts: "该同志事迹材料与实际不符。", name: "", contact: "", ...form },
    { params: { competitionId: String(competitionId) } },
  );
}

describe("objection rate limit and honeypot", () => {
  it(`takes ${OBJECTIONS_PER_HOUR} objections an hour from one sender, refuses the next with a message, writing nothing`, async () => {
    for (let i = 0; i < OBJECTIONS_PER_HOUR; i++) expect((await object("203.0.113.7")).status).toBe(302);
    const before = await written();
    const refused = await object("203.0.113.7", { facts: "第六次异议。" });
    expect(refused.status).toBe(429);
    expect(refused.data.errors._form.key).toBe("objection.tooMany");
    expect(translate("en", "objection.tooMany")).not.toBe("objection.tooMany");
    // The form keeps what was typed, so a person who hit the limit loses nothing.
    expect(refused.data.values.facts).toBe("第六次异议。");
    expect(await written()).toEqual(before);
    // The limit is per sender: another address still gets through.
    expect((await object("203.0.113.8")).status).toBe(302);
  });

  it(`holds under a flood: 20 objections at once from one sender store exactly ${OBJECTIONS_PER_HOUR}`, async () => {
    const before = await written();
    process.env.LAUREL_TODAY = "2018-10-03";
    h.context.clientIp = "198.51.100.9";
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.post(
          noticeRoute.action,
          `/notices/${competitionId}`,
          { nomination: String(ids[1]), facts: "群发异议。" },
          { params: { competitionId: String(competitionId) } },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 302)).toHaveLength(OBJECTIONS_PER_HOUR);
    for (const r of results.filter((x) => x.status !== 302)) {
      expect(r.status).toBe(429);
      expect(r.data.errors._form.key).toBe("objection.tooMany");
    }
    expect(await written()).toEqual({
      objections: before.objections + OBJECTIONS_PER_HOUR,
      audit: before.audit + OBJECTIONS_PER_HOUR,
    });
  });

  it("answers a filled honeypot as if received, and stores nothing", async () => {
    const before = await written();
    const robot = await object("192.0.2.44", { website: "http://spam.example/" });
    expect(robot.status).toBe(302);
    expect(robot.headers.get("location")).toBe(`/notices/${competitionId}?filed=1#filed`);
    expect(await written()).toEqual(before);
  });
});
