import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TEST_PASSWORD } from "../support/factories";
import { makeWorld, PNG_BYTES, type World } from "../support/hardening-world";
import { routeHarness } from "../support/remix";
import * as audit from "~/routes/audit";
import * as competitions from "~/routes/competitions._index";
import * as fileRoute from "~/routes/nominations.$nominationId.files.$fileId";
import * as login from "~/routes/login";
import * as userPage from "~/routes/users.$userId";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let w: World;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  w = await makeWorld(t.db, h.context.secrets.dataKey);
});
afterAll(() => t.destroy());

const usernameOf = async (id: number) =>
  (await t.db.selectFrom("users").select("username").where("id", "=", id).executeTakeFirstOrThrow()).username;

/** Signs in through the login action; the session cookie it sets. */
async function signIn(userId: number): Promise<string> {
  const res = await h.post(login.action, "/login", {
    username: await usernameOf(userId),
    password: TEST_PASSWORD,
    redirectTo: "/",
  });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

const sidOf = async (cookie: string) => (await h.context.sessionCookie.parse(cookie)) as string;

describe("session ids", () => {
  it("issues a fresh, unguessable session id at every sign-in, even over a live session", async () => {
    const first = await signIn(w.users.nominator);
    const second = await signIn(w.users.nominator);
    const [a, b] = [await sidOf(first), await sidOf(second)];
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(b).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
  });

  it("voids a user's sessions when an admin changes their roles, so the new roles start with a new session", async () => {
    const before = await signIn(w.users.judgeUnassigned);
    expect((await h.get(competitions.loader, "/competitions", { session: before })).status).toBe(200);
    const grant = await h.post(
      userPage.action,
      `/users/${w.users.judgeUnassigned}`,
      { intent: "grant", role: "admin", orgId: String(w.orgs.cityA.id) },
      {
        userId: w.users.adminOrganizer,
        params: { userId: String(w.users.judgeUnassigned) },
      },
    );
    expect(grant.status).toBe(302);
    // The old cookie now counts as signed out: it cannot carry the new admin role.
    const stale = await h.get(audit.loader, "/audit", { session: before });
    expect(stale.status).toBe(302);
    expect(stale.headers.get("location")).toMatch(/^\/login/);
    const after = await signIn(w.users.judgeUnassigned);
    expect(await sidOf(after)).not.toBe(await sidOf(before));
    expect((await h.get(audit.loader, "/audit", { session: after })).status).toBe(200);
  });

  it("voids them again when a role is revoked", async () => {
    const session = await signIn(w.users.judgeUnassigned);
    const grants = await t.db
      .selectFrom("role_grants")
      .select(["id", "role"])
      .where("user_id", "=", w.users.judgeUnassigned)
      .execute();
    const adminGrant = grants.find((g) => g.role === "admin")!;
    const revoke = await h.post(
      userPage.action,
      "/users/x",
      { intent: "revoke", grantId: String(adminGrant.id) },
      { userId: w.users.adminOrganizer, params: { userId: String(w.users.judgeUnassigned) } },
    );
    expect(revoke.status).toBe(302);
    expect((await h.get(audit.loader, "/audit", { session })).headers.get("location")).toMatch(/^\/login/);
  });

  it("ignores a session cookie signed with another secret", async () => {
    const forged = (await signIn(w.users.adminOrganizer)).replace(/\.[^.]+$/, ".Zm9yZ2Vk");
    expect((await h.get(audit.loader, "/audit", { session: forged })).headers.get("location")).toMatch(
      /^\/login/,
    );
  });
});

describe("uploaded files", () => {
  it("are served as attachments of their checked type, never sniffed or rendered in the app's origin", async () => {
    const res = await h.get(fileRoute.loader, "/f", {
      userId: w.users.nominator,
      params: { nominationId: String(w.nomination.id), fileId: String(w.nomination.fileId) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="__.png"; filename*=UTF-8''${encodeURIComponent("证书")}.png`,
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("content-length")).toBe(String(PNG_BYTES.length));
  });
});

describe("sign-in rate limit", () => {
  it("refuses the sixth attempt on a username with 429 and a message, even with the right password", async () => {
    const username = await usernameOf(w.users.nominatorOther);
    for (let i = 0; i < 5; i++)
      expect((await h.post(login.action, "/login", { username, password: "wrong-password" })).status).toBe(
        400,
      );
    const locked = await h.post(login.action, "/login", { username, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.data.errors._form.key).toBe("login.locked");
    expect(locked.headers.get("set-cookie")).toBeNull();
  });
});
