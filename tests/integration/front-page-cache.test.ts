import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOpenNotice } from "../support/notice-fixture";
import { makeOrg, makeUser } from "../support/factories";
import { publishedPageCache } from "../../scripts/honors-cache";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { getCompetition } from "~/models/competition.server";
import { frontPageStamp } from "~/models/front-page-stamp.server";
import {
  CACHEABLE_HEADER,
  currentFrontStamp,
  invalidateFrontPages,
  VERSION_TTL_MS,
} from "~/models/honor-page-cache.server";
import { fileObjection, resolveObjection } from "~/models/objection.server";
import { bumpRollVersion } from "~/models/publication-refusals.server";

// The home page and the notices in the published-page cache, in front of a stand-in for Remix
// that counts its renders (as tests/integration/honors-cache.test.ts does for the honor pages);
// the stamp they are cached under is read from the real database.
let t: TestDatabase;
let server: Server;
let base: string;
let renders = 0;
/** Opened by the first change below; the stand-in pages do not need it before. */
let notice = { competitionId: 1, ids: [] as number[] };

beforeAll(async () => {
  t = await createTestDatabase();
  const app = express();
  app.set("etag", false);
  app.use((req, res, next) => {
    res.locals.csrfToken = /tok=([\w.-]+)/.exec(req.headers.cookie ?? "")?.[1] ?? "fresh-token";
    res.locals.cspNonce = `nonce${renders}`;
    next();
  });
  app.use(publishedPageCache(t.db, (nonce) => `script-src 'nonce-${nonce}'`));
  const page = (req: express.Request, res: express.Response) => {
    renders++;
    res.setHeader(CACHEABLE_HEADER, "1");
    res
      .type("html")
      .send(
        `<p>${req.originalUrl} render ${renders}</p><input name="_csrf" value="${res.locals.csrfToken}">`,
      );
  };
  app.get("/", page);
  app.get("/notices", page);
  app.get("/notices/:id", page);
  await new Promise<void>((resolve) => (server = app.listen(0, "127.0.0.1", resolve)));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await t?.destroy();
});

afterEach(() => {
  delete process.env.LAUREL_TODAY;
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(base + path, { headers: { cookie: "tok=alice", ...headers } }).then((r) => r.text());

/** Renders so far after asking for `path` twice: 1 more when it was rendered and then kept. */
async function rendersFor(path: string, headers: Record<string, string> = {}): Promise<number> {
  const before = renders;
  await get(path, headers);
  await get(path, headers);
  return renders - before;
}

describe("the home page and the notices in the page cache", () => {
  it("are rendered once per language and page, with each visitor's own token put in", async () => {
    expect(await rendersFor("/", { "accept-language": "zh-CN" })).toBe(1);
    expect(await rendersFor("/", { "accept-language": "en" })).toBe(1);
    expect(await rendersFor("/", { "accept-language": "zh-CN" })).toBe(0);
    expect(await get("/", { cookie: "tok=bob" })).toContain('value="bob"');
    const id = notice.competitionId;
    expect(await rendersFor(`/notices/${id}`)).toBe(1);
    expect(await rendersFor("/notices")).toBe(1);
    // The confirmation after an objection is a page of its own; other parameters are dropped.
    expect(await rendersFor(`/notices/${id}?filed=1&utm=x`)).toBe(1);
    expect(await get(`/notices/${id}?filed=1`)).toContain(`/notices/${id}?filed=1 render`);
    // Signed-in visitors always get a fresh page.
    expect(await rendersFor("/", { cookie: "tok=alice; __laurel=session" })).toBe(2);
  });

  it("stay while nothing they show changed, even when the stamp is read again", async () => {
    await get("/");
    invalidateFrontPages();
    expect(await rendersFor("/")).toBe(0);
  });

  // Each change that a front page shows, made through the model functions that make it.
  const changes: [string, () => Promise<unknown>][] = [
    ["a notice opens", async () => (notice = await makeOpenNotice(t.db))],
    [
      "an upheld objection takes a name off the notice",
      async () => {
        process.env.LAUREL_TODAY = "2018-10-02";
        const c = (await getCompetition(t.db, notice.competitionId))!;
        await t.db.transaction().execute(async (trx) => {
          const objectionId = await fileObjection(trx, crypto.randomBytes(32), {
            competitionId: c.id,
            nominationId: notice.ids[0],
            facts: "该同志的事迹材料与实际情况不符，请核查。",
            name: null,
            contact: null,
            ip: null,
          });
          await resolveObjection(trx, SYSTEM_ACTOR, c, {
            objectionId,
            outcome: "upheld",
            reason: "经核实，事迹不实。",
            promote: false,
          });
        });
      },
    ],
    ["a roll is published or revoked", () => t.db.transaction().execute((trx) => bumpRollVersion(trx))],
    ["a user is added (the home page counts them)", async () => makeUser(t.db, await makeOrg(t.db))],
    ["the day changes (a notice begins or ends)", async () => (process.env.LAUREL_TODAY = "2018-10-09")],
  ];
  for (const [what, change] of changes) {
    it(`are rendered again when ${what}`, async () => {
      await get("/");
      await get(`/notices/${notice.competitionId}`);
      const stamp = await frontPageStamp(t.db);
      await change();
      expect(await frontPageStamp(t.db)).not.toBe(stamp);
      invalidateFrontPages();
      expect(await rendersFor("/")).toBe(1);
      expect(await rendersFor(`/notices/${notice.competitionId}`)).toBe(1);
    });
  }

  it("are dropped by every other server within a second: the stamp is read again after VERSION_TTL_MS", async () => {
    const now = Date.now() + 10 * VERSION_TTL_MS;
    const before = await currentFrontStamp(t.db, now);
    await t.db.transaction().execute((trx) => bumpRollVersion(trx));
    expect(await currentFrontStamp(t.db, now + VERSION_TTL_MS - 1)).toBe(before);
    expect(await currentFrontStamp(t.db, now + VERSION_TTL_MS)).not.toBe(before);
  });
});
