import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree, makeUser, TEST_PASSWORD } from "../support/factories";
import { routeHarness } from "../support/remix";
import * as audit from "~/routes/audit";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import { setActive } from "~/models/user.server";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { SESSION_IDLE_MS, SESSION_LIFETIME_MS, TOUCH_INTERVAL_MS } from "~/domain/sessions";
import { CSRF_COOKIE, isValidCsrfToken } from "~/utils/csrf.server";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
});
afterAll(() => t.destroy());

const cookieOf = (res: { headers: Headers }, name: string) =>
  res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

async function signIn(username: string) {
  const res = await h.post(login.action, "/login", { username, password: TEST_PASSWORD, redirectTo: "/" });
  expect(res.status).toBe(302);
  return { res, session: cookieOf(res, "__laurel")!.split(";")[0] };
}

const signedIn = async (session: string) => (await h.get(audit.loader, "/audit", { session })).status === 200;
const sessionRows = (userId: number) =>
  t.db.selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe(`server-side sessions (${process.env.TEST_DATABASE_URL ? "postgres" : "sqlite"})`, () => {
  it("keeps only a signed session id in the cookie and a hash of it in the database", async () => {
    const u = await makeUser(t.db, tree.province, ["admin"]);
    const { session } = await signIn(u.username);
    const token = await h.context.sessionCookie.parse(session);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const rows = await sessionRows(u.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(crypto.createHash("sha256").update(token).digest("base64url"));
  });

  it("signs a cookie replayed after logout out", async () => {
    const u = await makeUser(t.db, tree.province, ["admin"]);
    const { session } = await signIn(u.username);
    expect(await signedIn(session)).toBe(true);
    const out = await h.post(logout.action, "/logout", {}, { session });
    expect(out.status).toBe(302);
    expect(await signedIn(session)).toBe(false);
    expect(await sessionRows(u.id)).toHaveLength(0);
  });

  it("signs out a session past its idle timeout or its absolute lifetime", async () => {
    const u = await makeUser(t.db, tree.province, ["admin"]);
    const idle = (await signIn(u.username)).session;
    const old = (await signIn(u.username)).session;
    const [idleId, oldId] = [
      await h.context.sessionCookie.parse(idle),
      await h.context.sessionCookie.parse(old),
    ].map((tk: string) => crypto.createHash("sha256").update(tk).digest("base64url"));
    await t.db
      .updateTable("sessions")
      .set({ last_seen_at: ago(SESSION_IDLE_MS + 1000) })
      .where("id", "=", idleId)
      .execute();
    await t.db
      .updateTable("sessions")
      .set({ created_at: ago(SESSION_LIFETIME_MS + 1000), expires_at: ago(1000) })
      .where("id", "=", oldId)
      .execute();
    expect(await signedIn(idle)).toBe(false);
    expect(await signedIn(old)).toBe(false);
    // The next sign-in sweeps expired rows away.
    await signIn(u.username);
    expect((await sessionRows(u.id)).map((r) => r.id)).not.toContain(idleId);
    expect((await sessionRows(u.id)).map((r) => r.id)).not.toContain(oldId);
  });

  it("touches last_seen at most once a minute", async () => {
    const u = await makeUser(t.db, tree.province, ["admin"]);
    const { session } = await signIn(u.username);
    const [row] = await sessionRows(u.id);
    expect(await signedIn(session)).toBe(true);
    expect((await sessionRows(u.id))[0].last_seen_at).toBe(row.last_seen_at);
    const stale = ago(TOUCH_INTERVAL_MS + 5000);
    await t.db.updateTable("sessions").set({ last_seen_at: stale }).where("id", "=", row.id).execute();
    expect(await signedIn(session)).toBe(true);
    expect((await sessionRows(u.id))[0].last_seen_at > stale).toBe(true);
  });

  it("ends every session of a deactivated user", async () => {
    const u = await makeUser(t.db, tree.province, ["admin"]);
    const { session } = await signIn(u.username);
    await t.db.transaction().execute((trx) => setActive(trx, SYSTEM_ACTOR, u.id, false, tree.province.path));
    expect(await signedIn(session)).toBe(false);
    await t.db.transaction().execute((trx) => setActive(trx, SYSTEM_ACTOR, u.id, true, tree.province.path));
    expect(await signedIn(session)).toBe(false);
  });
});

describe("CSRF cookie", () => {
  it("is rotated at sign-in and at sign-out", async () => {
    const u = await makeUser(t.db, tree.province, ["admin"]);
    const { res, session } = await signIn(u.username);
    const atSignIn = cookieOf(res, CSRF_COOKIE)!;
    const tokenIn = decodeURIComponent(atSignIn.split(";")[0].slice(CSRF_COOKIE.length + 1));
    expect(isValidCsrfToken(h.context.secrets.sessionSecret, tokenIn)).toBe(true);
    expect(tokenIn).not.toBe(h.csrfToken);
    expect(atSignIn).toMatch(/HttpOnly/i);
    expect(atSignIn).toMatch(/SameSite=Lax/i);
    const out = await h.post(logout.action, "/logout", {}, { session });
    const tokenOut = decodeURIComponent(
      cookieOf(out, CSRF_COOKIE)!
        .split(";")[0]
        .slice(CSRF_COOKIE.length + 1),
    );
    expect(isValidCsrfToken(h.context.secrets.sessionSecret, tokenOut)).toBe(true);
    expect(tokenOut).not.toBe(h.csrfToken);
    expect(tokenOut).not.toBe(tokenIn);
  });
});
