import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { publishedPageCache } from "../../scripts/honors-cache";
import {
  CACHEABLE_HEADER,
  cachedPageStats,
  DEFAULT_PAGE_CACHE_BYTES,
  invalidateRollPages,
  setPageCacheBudget,
} from "~/models/honor-page-cache.server";
import { bumpRollVersion } from "~/models/publication-refusals.server";

// The published-page cache in front of a stand-in for Remix that counts its renders and writes
// the visitor's CSRF token and the response's nonce into the page, as the real layout does.
let t: TestDatabase;
let server: Server;
let base: string;
let renders = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  const app = express();
  // Express's own weak ETags would hide ours: Remix's adapter sets none.
  app.set("etag", false);
  app.use((req, res, next) => {
    res.locals.csrfToken = /tok=([\w.-]+)/.exec(req.headers.cookie ?? "")?.[1] ?? "fresh-token";
    res.locals.cspNonce = `nonce${renders}`;
    res.setHeader("Content-Security-Policy", `script-src 'nonce-${res.locals.cspNonce}'`);
    next();
  });
  app.use(publishedPageCache(t.db, (nonce) => `script-src 'nonce-${nonce}'`));
  app.get("/honors/:id", (req, res) => {
    renders++;
    if (req.params.id === "404") return void res.status(404).send("none");
    res.setHeader(CACHEABLE_HEADER, "1");
    res
      .type("html")
      .send(
        `<p>roll ${req.params.id} render ${renders}</p><input name="_csrf" value="${res.locals.csrfToken}"><script nonce="${res.locals.cspNonce}"></script>`,
      );
  });
  // Pages whose content does not change from render to render, as a published roll's does not.
  const steady = (req: express.Request, res: express.Response) => {
    renders++;
    res.setHeader(CACHEABLE_HEADER, "1");
    res
      .type("html")
      .send(
        `<p>${req.path} ${"roll entry ".repeat(200)}</p><a href="${req.originalUrl}">here</a><input value="${res.locals.csrfToken}"><script nonce="${res.locals.cspNonce}"></script>`,
      );
  };
  app.get("/honors/people/:id", steady);
  app.get("/honors/:id/print", steady);
  await new Promise<void>((resolve) => (server = app.listen(0, "127.0.0.1", resolve)));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await t?.destroy();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });

describe("published honor-roll pages", () => {
  it("answer with ETag and Cache-Control, and come from memory the second time, with the visitor's own token", async () => {
    const first = await get("/honors/1", { cookie: "tok=alice" });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("private, max-age=0, must-revalidate");
    expect(first.headers.get(CACHEABLE_HEADER)).toBeNull();
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    const body = await first.text();
    expect(body).toContain('value="alice"');

    const again = await get("/honors/1", { cookie: "tok=bob" });
    const text = await again.text();
    expect(renders).toBe(1);
    expect(text).toBe(body.replace('value="alice"', 'value="bob"'));
    // The cached page keeps the nonce it was rendered with, in its policy too.
    const nonce = /nonce="(\w+)"/.exec(text)![1];
    expect(again.headers.get("content-security-policy")).toBe(`script-src 'nonce-${nonce}'`);
    expect(again.headers.get("etag")).not.toBe(etag);
  });

  it("honor If-None-Match with a 304", async () => {
    const first = await get("/honors/1", { cookie: "tok=alice" });
    const etag = first.headers.get("etag")!;
    const res = await get("/honors/1", { cookie: "tok=alice", "if-none-match": etag });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect(renders).toBe(1);
  });

  it("are dropped on publication or revocation (the roll version), here at once and elsewhere within a second", async () => {
    const etag = (await get("/honors/1", { cookie: "tok=alice" })).headers.get("etag")!;
    await t.db.transaction().execute((trx) => bumpRollVersion(trx));
    invalidateRollPages();
    const res = await get("/honors/1", { cookie: "tok=alice", "if-none-match": etag });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("render 2");
    expect(res.headers.get("etag")).not.toBe(etag);
  });

  it("are never cached for signed-in visitors or when not marked cacheable", async () => {
    const before = renders;
    await get("/honors/1", { cookie: "tok=alice; __laurel=session" });
    await get("/honors/404");
    const miss = await get("/honors/404");
    expect(miss.status).toBe(404);
    expect(miss.headers.get("etag")).toBeNull();
    expect(renders).toBe(before + 3);
  });
});

describe("ETags from the content (issue #14, item 10)", () => {
  it("are the same from another server (another nonce, nothing cached), which answers the revalidation with a 304", async () => {
    const first = await get("/honors/people/7", { cookie: "tok=alice" });
    const etag = first.headers.get("etag")!;
    expect(await first.text()).toContain("roll entry");
    // Another process: its own empty cache, its own nonces, the same roll.
    invalidateRollPages();
    const before = renders;
    const elsewhere = await get("/honors/people/7", { cookie: "tok=alice" });
    expect(renders).toBe(before + 1);
    expect(elsewhere.headers.get("etag")).toBe(etag);
    invalidateRollPages();
    const revalidated = await get("/honors/people/7", { cookie: "tok=alice", "if-none-match": etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("etag")).toBe(etag);
    expect(revalidated.headers.get("content-security-policy")).toBeNull();
    // Another visitor's token is another body: no 304 for alice's tag.
    const bob = await get("/honors/people/7", { cookie: "tok=bob", "if-none-match": etag });
    expect(bob.status).toBe(200);
    expect(bob.headers.get("etag")).not.toBe(etag);
  });
});

describe("the page cache's size (issue #14, item 10)", () => {
  it("does not grow with parameters the page does not read, nor echo them", async () => {
    invalidateRollPages();
    const before = renders;
    const first = await get("/honors/5/print?x=0", { cookie: "tok=alice" });
    expect(await first.text()).toContain('href="/honors/5/print"');
    for (let n = 1; n < 2000; n++) {
      const res = await get(`/honors/5/print?x=${n}&utm=${n}`, { cookie: "tok=alice" });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    expect(renders).toBe(before + 1);
    expect(cachedPageStats().pages).toBe(1);
  });

  it("keeps the parameters a roll reads, in one order, each with the value the page reads", async () => {
    invalidateRollPages();
    const a = await (await get("/honors/9?region=610100&x=1&category=3", { cookie: "tok=alice" })).text();
    const b = await (await get("/honors/9?category=3&region=610100&x=2", { cookie: "tok=alice" })).text();
    expect(b).toBe(a);
    expect(cachedPageStats().pages).toBe(1);
    await get("/honors/9?category=2&category=3&region=610100", { cookie: "tok=alice" });
    expect(cachedPageStats().pages).toBe(1);
    await get("/honors/9?category=4&region=610100", { cookie: "tok=alice" });
    expect(cachedPageStats().pages).toBe(2);
  });

  it("stays within its byte budget under 2,000 different pages, dropping the least recently served", async () => {
    invalidateRollPages();
    const budget = 256 * 1024;
    setPageCacheBudget(budget);
    try {
      let peak = 0;
      for (let n = 0; n < 2000; n++) {
        const res = await get(`/honors/people/${n}`, { cookie: "tok=alice" });
        await res.arrayBuffer();
        peak = Math.max(peak, cachedPageStats().bytes);
        if (n % 50 === 0) await get("/honors/people/0", { cookie: "tok=alice" }).then((r) => r.arrayBuffer());
      }
      const stats = cachedPageStats();
      expect(peak).toBeLessThanOrEqual(budget);
      expect(stats.pages).toBeGreaterThan(10);
      expect(stats.pages).toBeLessThan(2000);
      // Served often, so still there: a hit is not a render.
      const before = renders;
      await get("/honors/people/0", { cookie: "tok=alice" }).then((r) => r.arrayBuffer());
      expect(renders).toBe(before);
    } finally {
      setPageCacheBudget(DEFAULT_PAGE_CACHE_BYTES);
    }
  });
});
