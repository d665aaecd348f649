import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import * as orgPage from "~/routes/orgs.$orgId._index";
import * as newOrg from "~/routes/orgs.$orgId.new";
import * as editOrg from "~/routes/orgs.$orgId.edit";
import * as newUser from "~/routes/orgs.$orgId.users.new";
import * as userPage from "~/routes/users.$userId";
import * as audit from "~/routes/audit";
import { getOrgByName } from "~/models/org.server";

let t: TestDatabase;
let tree: Awaited<ReturnType<typeof makeTree>>;
let provinceAdmin: { id: number };
let cityAdmin: { id: number };
let nominator: { id: number };
let h: ReturnType<typeof routeHarness>;

beforeAll(async () => {
  t = await createTestDatabase();
  tree = await makeTree(t.db);
  provinceAdmin = await makeUser(t.db, tree.province, ["admin"], { username: "padmin" });
  cityAdmin = await makeUser(t.db, tree.cityA, ["admin"], { username: "cadmin" });
  nominator = await makeUser(t.db, tree.cityA, ["nominator"], { username: "nom" });
  h = routeHarness(t.db);
});
afterAll(() => t.destroy());

const count = async (table: "orgs" | "users" | "audit_log" | "role_grants") =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("org pages", () => {
  it("shows users only to the org's admins", async () => {
    const params = { orgId: String(tree.cityA.id) };
    const anon = await h.get(orgPage.loader, `/orgs/${tree.cityA.id}`, { params });
    expect(anon.status).toBe(200);
    expect(anon.data.users).toEqual([]);
    expect(anon.data.isAdmin).toBe(false);
    const admin = await h.get(orgPage.loader, `/orgs/${tree.cityA.id}`, { params, userId: cityAdmin.id });
    expect(admin.data.users.map((u: { username: string }) => u.username)).toEqual(["cadmin", "nom"]);
    expect(admin.data.canEdit).toBe(false);
    const higher = await h.get(orgPage.loader, `/orgs/${tree.cityA.id}`, {
      params,
      userId: provinceAdmin.id,
    });
    expect(higher.data.canEdit).toBe(true);
  });

  it("answers 404 for malformed and unknown ids", async () => {
    for (const id of ["abc", "0", "-1", "1.5", "99999999", "9".repeat(30)]) {
      const res = await h.get(orgPage.loader, `/orgs/${id}`, { params: { orgId: id } });
      expect(res.status, id).toBe(404);
    }
  });

  it("lets an admin add an org below their own, audited", async () => {
    const before = await count("audit_log");
    const res = await h.post(
      newOrg.action,
      "/new",
      { name: "甲市新区总工会", kind: "county", regionCode: "610199" },
      { userId: cityAdmin.id, params: { orgId: String(tree.cityA.id) } },
    );
    expect(res.status).toBe(302);
    const created = await getOrgByName(t.db, "甲市新区总工会");
    expect(created).toMatchObject({
      kind: "county",
      region_code: "610199",
      parent_id: tree.cityA.id,
      path: `${tree.cityA.path}${created!.id}/`,
    });
    expect(res.headers.get("location")).toBe(`/orgs/${created!.id}`);
    const entry = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(await count("audit_log")).toBe(before + 1);
    expect(entry).toMatchObject({
      action: "org.create",
      entity: "org",
      entity_id: String(created!.id),
      actor_label: "cadmin",
      ip: "127.0.0.1",
      org_path: created!.path,
    });
  });

  it("refuses outside the admin's subtree and to non-admins, writing nothing", async () => {
    const orgs = await count("orgs");
    const sibling = await h.post(
      newOrg.action,
      "/new",
      { name: "越权", kind: "county" },
      { userId: cityAdmin.id, params: { orgId: String(tree.cityB.id) } },
    );
    expect(sibling.status).toBe(403);
    const up = await h.post(
      newOrg.action,
      "/new",
      { name: "越权2", kind: "county" },
      { userId: cityAdmin.id, params: { orgId: String(tree.province.id) } },
    );
    expect(up.status).toBe(403);
    const nom = await h.post(
      newOrg.action,
      "/new",
      { name: "越权3", kind: "county" },
      { userId: nominator.id, params: { orgId: String(tree.cityA.id) } },
    );
    expect(nom.status).toBe(403);
    const anon = await h.post(
      newOrg.action,
      "/new",
      { name: "越权4", kind: "county" },
      { params: { orgId: String(tree.cityA.id) } },
    );
    expect(anon.status).toBe(302);
    expect(await count("orgs")).toBe(orgs);
  });

  it("reports bad fields with message keys and a 400", async () => {
    const orgs = await count("orgs");
    const cases: [Record<string, string>, string, string][] = [
      [{ name: "", kind: "county" }, "name", "form.required"],
      [{ name: "x".repeat(101), kind: "county" }, "name", "form.tooLong"],
      [{ name: "好名字", kind: "planet" }, "kind", "form.invalidChoice"],
      [{ name: "好名字", kind: "county", regionCode: "61010" }, "regionCode", "form.regionCode"],
      [{ name: "好名字", kind: "county", regionCode: "61010a" }, "regionCode", "form.regionCode"],
      [{ name: "甲市总工会", kind: "county" }, "name", "error.orgNameTaken"],
    ];
    for (const [form, field, key] of cases) {
      const res = await h.post(newOrg.action, "/new", form, {
        userId: cityAdmin.id,
        params: { orgId: String(tree.cityA.id) },
      });
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(res.data.errors[field].key, JSON.stringify(form)).toBe(key);
    }
    expect(await count("orgs")).toBe(orgs);
  });

  it("moves an org with its subtree and refuses a cycle", async () => {
    const a = await h.post(
      newOrg.action,
      "/new",
      { name: "移动甲", kind: "grassroots" },
      { userId: provinceAdmin.id, params: { orgId: String(tree.county.id) } },
    );
    expect(a.status).toBe(302);
    const moved = (await getOrgByName(t.db, "移动甲"))!;
    const b = await h.post(
      newOrg.action,
      "/new",
      { name: "移动乙", kind: "grassroots" },
      { userId: provinceAdmin.id, params: { orgId: String(moved.id) } },
    );
    expect(b.status).toBe(302);
    const res = await h.post(
      editOrg.action,
      "/edit",
      { name: "移动甲", kind: "grassroots", parentId: String(tree.cityB.id) },
      { userId: provinceAdmin.id, params: { orgId: String(moved.id) } },
    );
    expect(res.status).toBe(302);
    expect((await getOrgByName(t.db, "移动甲"))!.path).toBe(`${tree.cityB.path}${moved.id}/`);
    const child = (await getOrgByName(t.db, "移动乙"))!;
    expect(child.path).toBe(`${tree.cityB.path}${moved.id}/${child.id}/`);
    const cycle = await h.post(
      editOrg.action,
      "/edit",
      { name: "移动甲", kind: "grassroots", parentId: String(child.id) },
      { userId: provinceAdmin.id, params: { orgId: String(moved.id) } },
    );
    expect(cycle.status).toBe(400);
    expect(cycle.data.errors.parentId.key).toBe("error.orgCycle");
  });

  it("lets nobody edit their own root org", async () => {
    const res = await h.get(editOrg.loader, "/edit", {
      userId: cityAdmin.id,
      params: { orgId: String(tree.cityA.id) },
    });
    expect(res.status).toBe(403);
    const outside = await h.post(
      editOrg.action,
      "/edit",
      { name: "甲市某县总工会", kind: "county", parentId: String(tree.cityB.id) },
      { userId: cityAdmin.id, params: { orgId: String(tree.county.id) } },
    );
    expect(outside.status).toBe(400);
    expect(outside.data.errors.parentId.key).toBe("error.orgOutsideScope");
  });
});

describe("users and roles", () => {
  it("creates a user with roles, and refuses bad input without writing", async () => {
    const users = await count("users");
    const bad: [Record<string, string | string[]>, string, string][] = [
      [{ username: "A!", displayName: "甲", password: "long-enough-1" }, "username", "form.usernameFormat"],
      [{ username: "ok_name", displayName: "", password: "long-enough-1" }, "displayName", "form.required"],
      [{ username: "ok_name", displayName: "甲", password: "short" }, "password", "form.passwordLength"],
      [
        { username: "ok_name", displayName: "甲", password: "long-enough-1", roles: "king" },
        "roles",
        "form.invalidChoice",
      ],
      [
        { username: "cadmin", displayName: "甲", password: "long-enough-1" },
        "username",
        "error.usernameTaken",
      ],
    ];
    for (const [form, field, key] of bad) {
      const res = await h.post(newUser.action, "/users/new", form, {
        userId: cityAdmin.id,
        params: { orgId: String(tree.cityA.id) },
      });
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(res.data.errors[field]?.key, JSON.stringify(form)).toBe(key);
    }
    expect(await count("users")).toBe(users);
    const ok = await h.post(
      newUser.action,
      "/users/new",
      {
        username: "Judge.Li",
        displayName: "李评委",
        password: "long-enough-1",
        roles: ["judge", "nominator"],
      },
      { userId: cityAdmin.id, params: { orgId: String(tree.county.id) } },
    );
    expect(ok.status).toBe(302);
    const row = await t.db
      .selectFrom("users")
      .select(["id", "org_id"])
      .where("username", "=", "judge.li")
      .executeTakeFirstOrThrow();
    expect(row.org_id).toBe(tree.county.id);
    const roles = await t.db
      .selectFrom("role_grants")
      .select(["role", "org_id"])
      .where("user_id", "=", row.id)
      .orderBy("role")
      .execute();
    expect(roles).toEqual([
      { role: "judge", org_id: tree.county.id },
      { role: "nominator", org_id: tree.county.id },
    ]);
  });

  it("refuses user creation to a nominator and outside the subtree", async () => {
    const asNominator = await h.get(newUser.loader, "/users/new", {
      userId: nominator.id,
      params: { orgId: String(tree.cityA.id) },
    });
    expect(asNominator.status).toBe(403);
    const sibling = await h.post(
      newUser.action,
      "/users/new",
      { username: "zzz", displayName: "z", password: "long-enough-1" },
      { userId: cityAdmin.id, params: { orgId: String(tree.cityB.id) } },
    );
    expect(sibling.status).toBe(403);
  });

  it("grants and revokes roles inside the admin's scope, never the admin's own", async () => {
    const target = await makeUser(t.db, tree.county);
    const params = { userId: String(target.id) };
    const grant = await h.post(
      userPage.action,
      "/u",
      { intent: "grant", role: "judge", orgId: String(tree.cityA.id) },
      { userId: cityAdmin.id, params },
    );
    expect(grant.status).toBe(302);
    const again = await h.post(
      userPage.action,
      "/u",
      { intent: "grant", role: "judge", orgId: String(tree.cityA.id) },
      { userId: cityAdmin.id, params },
    );
    expect(again.data.errors.role.key).toBe("error.grantExists");
    const outside = await h.post(
      userPage.action,
      "/u",
      { intent: "grant", role: "admin", orgId: String(tree.province.id) },
      { userId: cityAdmin.id, params },
    );
    expect(outside.data.errors.orgId.key).toBe("error.orgOutsideScope");
    const grantId = (
      await t.db
        .selectFrom("role_grants")
        .select("id")
        .where("user_id", "=", target.id)
        .executeTakeFirstOrThrow()
    ).id;
    const revoke = await h.post(
      userPage.action,
      "/u",
      { intent: "revoke", grantId: String(grantId) },
      { userId: cityAdmin.id, params },
    );
    expect(revoke.status).toBe(302);
    expect(
      await t.db.selectFrom("role_grants").select("id").where("user_id", "=", target.id).execute(),
    ).toEqual([]);
    const selfGrant = (
      await t.db
        .selectFrom("role_grants")
        .select("id")
        .where("user_id", "=", cityAdmin.id)
        .executeTakeFirstOrThrow()
    ).id;
    const self = await h.post(
      userPage.action,
      "/u",
      { intent: "revoke", grantId: String(selfGrant) },
      { userId: cityAdmin.id, params: { userId: String(cityAdmin.id) } },
    );
    expect(self.data.errors._form.key).toBe("error.selfRevoke");
    const bogus = await h.post(
      userPage.action,
      "/u",
      { intent: "explode" },
      { userId: cityAdmin.id, params },
    );
    expect(bogus.status).toBe(400);
  });

  it("hides users of other subtrees", async () => {
    const other = await makeUser(t.db, tree.cityB);
    const res = await h.get(userPage.loader, "/u", {
      userId: cityAdmin.id,
      params: { userId: String(other.id) },
    });
    expect(res.status).toBe(403);
    const missing = await h.get(userPage.loader, "/u", { userId: cityAdmin.id, params: { userId: "0" } });
    expect(missing.status).toBe(404);
  });
});

describe("audit log", () => {
  it("shows each admin only their subtree, newest first", async () => {
    const city = await h.get(audit.loader, "/audit", { userId: cityAdmin.id });
    expect(city.status).toBe(200);
    const paths: string[] = await Promise.all(
      city.data.rows.map(
        async (r: { id: number }) =>
          (
            await t.db
              .selectFrom("audit_log")
              .select("org_path")
              .where("id", "=", r.id)
              .executeTakeFirstOrThrow()
          ).org_path,
      ),
    );
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.startsWith(tree.cityA.path))).toBe(true);
    const ids = city.data.rows.map((r: { id: number }) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const province = await h.get(audit.loader, "/audit", { userId: provinceAdmin.id });
    expect(province.data.rows.length).toBeGreaterThan(city.data.rows.length);
  });

  it("filters by action and refuses malformed filters", async () => {
    const res = await h.get(audit.loader, "/audit?action=org.create", { userId: provinceAdmin.id });
    expect(res.data.rows.length).toBeGreaterThan(0);
    expect(res.data.rows.every((r: { action: string }) => r.action === "org.create")).toBe(true);
    const bad = await h.get(audit.loader, "/audit?from=2024-13-45", { userId: provinceAdmin.id });
    expect(bad.status).toBe(400);
    expect((await h.get(audit.loader, "/audit", { userId: nominator.id })).status).toBe(403);
  });

  it("is append-only in the database itself", async () => {
    await expect(t.db.updateTable("audit_log").set({ action: "x" }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
  });
});
