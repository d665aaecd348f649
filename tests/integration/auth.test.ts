import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree, makeUser, TEST_PASSWORD } from "../support/factories";
import { routeHarness } from "../support/remix";
import * as login from "~/routes/login";
import * as account from "~/routes/account.password";
import * as audit from "~/routes/audit";
import { signIn } from "~/models/login.server";
import { reserveAttempt } from "~/models/throttle.server";
import { IP_MAX_FAILURES } from "~/domain/throttle";
import { setActive } from "~/models/user.server";
import { SYSTEM_ACTOR } from "~/models/audit.server";

let t: TestDatabase;
let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  t = await createTestDatabase();
  tree = await makeTree(t.db);
});
afterAll(() => t.destroy());

describe("sign-in", () => {
  it("signs in with the right password and sets a session cookie", async () => {
    const u = await makeUser(t.db, tree.province, ["admin"]);
    const h = routeHarness(t.db);
    const res = await h.post(login.action, "/login", {
      username: u.username,
      password: TEST_PASSWORD,
      redirectTo: "/audit",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/audit");
    expect(res.headers.get("set-cookie")).toMatch(/^__laurel=.+HttpOnly.*SameSite=Lax/i);
  });

  it("refuses a wrong password with a 400 and a clear message", async () => {
    const h = routeHarness(t.db);
    const res = await h.post(login.action, "/login", { username: "nobody", password: "wrong" });
    expect(res.status).toBe(400);
    expect(res.data.errors._form.key).toBe("login.invalid");
  });

  it("never redirects off-site after sign-in", async () => {
    const u = await makeUser(t.db, tree.county);
    const h = routeHarness(t.db);
    const res = await h.post(login.action, "/login", {
      username: u.username,
      password: TEST_PASSWORD,
      redirectTo: "//evil.example/x",
    });
    expect(res.headers.get("location")).toBe("/");
  });

  it("locks a username at one address after 5 failures, even for the right password", async () => {
    const u = await makeUser(t.db, tree.cityA);
    for (let i = 0; i < 5; i++) {
      expect((await signIn(t.db, { username: u.username, password: "bad", ip: "10.0.0.1" })).ok).toBe(false);
    }
    const outcome = await signIn(t.db, { username: u.username, password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(outcome).toEqual({ ok: false, reason: "locked", minutes: 15 });
    expect((await signIn(t.db, { username: u.username, password: TEST_PASSWORD, ip: "10.0.1.1" })).ok).toBe(
      true,
    );
    const h = routeHarness(t.db);
    for (let i = 0; i < 5; i++)
      await h.post(login.action, "/login", { username: u.username, password: "bad" });
    const res = await h.post(login.action, "/login", { username: u.username, password: TEST_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.data.errors._form.key).toBe("login.locked");
  });

  it(`locks an IP after ${IP_MAX_FAILURES} failures across usernames`, async () => {
    for (let i = 0; i < IP_MAX_FAILURES; i++)
      await signIn(t.db, { username: `ghost${i}`, password: "x", ip: "192.0.2.9" });
    const u = await makeUser(t.db, tree.cityB);
    expect((await signIn(t.db, { username: u.username, password: TEST_PASSWORD, ip: "192.0.2.9" })).ok).toBe(
      false,
    );
    expect((await signIn(t.db, { username: u.username, password: TEST_PASSWORD, ip: "192.0.2.10" })).ok).toBe(
      true,
    );
  });

  it("counts concurrent attempts without losing any", async () => {
    const keys = [
      { key: "user:racer", limit: 50 },
      { key: "ip:198.51.100.7", limit: 8 },
    ];
    await Promise.all(Array.from({ length: 8 }, () => reserveAttempt(t.db, keys)));
    const rows = await t.db
      .selectFrom("login_throttle")
      .select(["key", "failures", "locked_until"])
      .where("key", "in", ["user:racer", "ip:198.51.100.7"])
      .orderBy("key")
      .execute();
    expect(rows.map((r) => [r.key, r.failures, r.locked_until !== null])).toEqual([
      ["ip:198.51.100.7", 8, true],
      ["user:racer", 8, false],
    ]);
  });

  it("refuses a disabled account", async () => {
    const u = await makeUser(t.db, tree.cityB);
    await t.db.transaction().execute((trx) => setActive(trx, SYSTEM_ACTOR, u.id, false, tree.cityB.path));
    expect(await signIn(t.db, { username: u.username, password: TEST_PASSWORD, ip: null })).toEqual({
      ok: false,
      reason: "disabled",
    });
  });

  it("refuses a forged CSRF token and a foreign origin with 403", async () => {
    const h = routeHarness(t.db);
    const forged = await h.post(
      login.action,
      "/login",
      { username: "x", password: "y" },
      { csrf: "forged.token" },
    );
    expect(forged.status).toBe(403);
    expect(forged.data.messageKey).toBe("error.403.csrf");
    const foreign = await h.post(
      login.action,
      "/login",
      { username: "x", password: "y" },
      { origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
  });
});

describe("sessions", () => {
  it("sends anonymous visitors to the login page with a way back", async () => {
    const h = routeHarness(t.db);
    const res = await h.get(audit.loader, "/audit?page=2");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Faudit%3Fpage%3D2");
  });

  it("changing the password voids other sessions and keeps this one", async () => {
    const u = await makeUser(t.db, tree.province, ["admin"]);
    const h = routeHarness(t.db);
    const otherDevice = await h.sessionCookie(u.id);
    const wrong = await h.post(
      account.action,
      "/account/password",
      { current: "nope-nope-nope", next: "new-password-1", confirm: "new-password-1" },
      { userId: u.id },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.current.key).toBe("account.wrongCurrent");
    const mismatch = await h.post(
      account.action,
      "/account/password",
      { current: TEST_PASSWORD, next: "new-password-1", confirm: "new-password-2" },
      { userId: u.id },
    );
    expect(mismatch.data.errors.confirm.key).toBe("account.mismatch");
    expect((await h.get(audit.loader, "/audit", { session: otherDevice })).status).toBe(200);
    const ok = await h.post(
      account.action,
      "/account/password",
      { current: TEST_PASSWORD, next: "new-password-1", confirm: "new-password-1" },
      { userId: u.id },
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/account/password?saved=1");
    const thisDevice = ok.headers.get("set-cookie")!.split(";")[0];
    expect(thisDevice).toMatch(/^__laurel=/);
    expect((await h.get(audit.loader, "/audit", { session: otherDevice })).status).toBe(302);
    expect((await h.get(audit.loader, "/audit", { session: thisDevice })).status).toBe(200);
    expect((await signIn(t.db, { username: u.username, password: "new-password-1", ip: null })).ok).toBe(
      true,
    );
    expect((await signIn(t.db, { username: u.username, password: TEST_PASSWORD, ip: null })).ok).toBe(false);
  });
});
