import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, logout, type Browser } from "./support/browser";

// Issue #14: a session cookie copied before logout kept working for good. Through the production
// server and a real browser: the copy works while signed in and stops at logout.
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ baseURL: server.url });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const cookieValue = async (name: string) =>
  (await browser.context.cookies()).find((c) => c.name === name)?.value;

/** GET `path` with only `cookie`, not following redirects: what a thief holding the copy would see. */
const replay = (path: string, cookie: string) =>
  fetch(server.url + path, { headers: { cookie }, redirect: "manual" });

describe("sessions on the production server", () => {
  it("signs a cookie copied before logout out, and rotates the CSRF cookie at sign-in and sign-out", async () => {
    const page = await browser.newPage();
    await page.goto("/login");
    const csrfBefore = await cookieValue("laurel_csrf");
    await login(page, "admin");
    const copied = `__laurel=${await cookieValue("__laurel")}`;
    const csrfSignedIn = await cookieValue("laurel_csrf");
    expect(csrfSignedIn).toBeTruthy();
    expect(csrfSignedIn).not.toBe(csrfBefore);
    expect((await replay("/audit", copied)).status).toBe(200);

    await logout(page);
    expect(await cookieValue("laurel_csrf")).not.toBe(csrfSignedIn);
    const after = await replay("/audit", copied);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/login?redirectTo=%2Faudit");
    await page.close();
  });
});
