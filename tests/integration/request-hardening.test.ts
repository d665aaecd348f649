import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree, makeUser, TEST_PASSWORD } from "../support/factories";
import { routeHarness } from "../support/remix";
import * as login from "~/routes/login";
import * as lang from "~/routes/lang";

// Issue #14, hardening II: what a visitor's own request may steer.
let t: TestDatabase;
let tree: Awaited<ReturnType<typeof makeTree>>;
beforeAll(async () => {
  t = await createTestDatabase();
  tree = await makeTree(t.db);
});
afterAll(() => t.destroy());

describe("after sign-in, redirectTo stays on our site", () => {
  it.each([
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/x\r\nSet-Cookie: a=b", "/"],
    ["/\\evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["/.//evil.example", "/"],
    ["http:evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/audit?page=2", "/audit?page=2"],
  ])("redirectTo %j leads to %s", async (redirectTo, expected) => {
    const u = await makeUser(t.db, tree.county);
    const h = routeHarness(t.db);
    const res = await h.post(login.action, "/login", {
      username: u.username,
      password: TEST_PASSWORD,
      redirectTo,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(expected);
  });

  it("the language switch's returnTo too", async () => {
    const h = routeHarness(t.db);
    const res = await h.post(lang.action, "/lang", { lang: "en", returnTo: "/\t/evil.example" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
  });
});
