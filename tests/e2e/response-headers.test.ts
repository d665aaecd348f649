import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { DEMO_PASSWORD, loadDemo } from "../../seed/load";
import { startServer, type RunningServer } from "./support/server";

// Issue #14 (low items): what the production server says about caching and transport.
let dir: string;
let server: RunningServer;
let nominationId: number;
let helperId: number;
/** The admin's cookies (CSRF and session) and the CSRF token for forms. */
let admin: { cookie: string; token: string };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-headers-"));
  const file = path.join(dir, "laurel.db");
  const secrets = { sessionSecret: crypto.randomBytes(32).toString("hex"), dataKey: crypto.randomBytes(32) };
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    await loadDemo(db, secrets.dataKey);
    nominationId = (
      await db
        .selectFrom("nominations")
        .select("id")
        .where("id_number_enc", "is not", null)
        .orderBy("id")
        .executeTakeFirstOrThrow()
    ).id;
    helperId = (await db.selectFrom("helpers").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
  } finally {
    await db.destroy();
  }
  server = await startServer({ database: { url: `file:${file}`, ...secrets } });
  const first = await fetch(`${server.url}/login`);
  const token = /laurel_csrf=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")![1];
  const body = new URLSearchParams({
    _csrf: token,
    username: "admin",
    password: DEMO_PASSWORD,
    redirectTo: "/",
  });
  const signedIn = await fetch(`${server.url}/login`, {
    method: "POST",
    body,
    headers: { Cookie: `laurel_csrf=${token}` },
    redirect: "manual",
  });
  expect(signedIn.status).toBe(302);
  const session = /(__laurel=[^;]+)/.exec(signedIn.headers.get("set-cookie") ?? "")![1];
  admin = { cookie: `laurel_csrf=${token}; ${session}`, token };
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function reveal(url: string) {
  const body = new URLSearchParams({ _csrf: admin.token, intent: "reveal" });
  return fetch(`${server.url}${url}`, {
    method: "POST",
    body,
    headers: { Cookie: admin.cookie },
    redirect: "manual",
  });
}

describe("a reveal of personal data is never stored by a cache", () => {
  it.each([
    ["the ID number, as a page", () => `/nominations/${nominationId}?index`],
    ["the ID number, as data", () => `/nominations/${nominationId}.data?index`],
    [
      "the ID number, as data (?_data=)",
      () => `/nominations/${nominationId}?index&_data=routes/nominations.$nominationId._index`,
    ],
    ["a helper's contact, as a page", () => `/registry/helpers/${helperId}`],
    ["a helper's contact, as data", () => `/registry/helpers/${helperId}.data`],
    [
      "a helper's contact, as data (?_data=)",
      () => `/registry/helpers/${helperId}?_data=routes/registry.helpers.$helperId`,
    ],
  ])("%s", async (_what, url) => {
    const res = await reveal(url());
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("transport security", () => {
  it("tells browsers to use HTTPS only (production)", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });
});

describe("a bad TRUST_PROXY", () => {
  it("stops the start with a message that says what it takes", async () => {
    const refused = await startServer({ env: { TRUST_PROXY: "yes" }, timeoutMs: 60_000 }).then(
      async (s) => (await s.stop(), ""),
      (error: Error) => error.message,
    );
    expect(refused).toContain(
      'TRUST_PROXY must be a hop count from 1 to 10, a comma-separated list of proxy addresses or subnets (e.g. "10.0.0.0/8, loopback"), or "true" (got "yes")',
    );
  });
});
