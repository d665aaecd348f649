import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { publishedPageCache } from "../../scripts/honors-cache";
import { CACHEABLE_HEADER, invalidateRollPages } from "~/models/honor-page-cache.server";
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
    res.type("html").send(`<p>roll ${req.params.id} render ${renders}</p><input name="_csrf" value="${res.locals.csrfToken}"><script nonce="${res.locals.cspNonce}"></script>`);
  });
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
    expect(etag).toMatch(/^".+"$/);
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
    expect(res.headers.get("etag")).toBe(etag);
    expect(res.headers.get("content-security-policy")).toBeNull();
    expect(renders).toBe(1);
  });

  it("are dropped on publication or revocation (the roll version), here at once and elsewhere within a second", async () => {
    const etag = (await get("/honors/1", { cookie: "tok=alice" })).headers.get("etag")!;
    await bumpRollVersion(t.db);
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
