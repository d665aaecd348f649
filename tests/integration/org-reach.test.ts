import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOrg, makeTree, makeUser } from "../support/factories";
import { dbSnapshot } from "../support/hardening-fuzz";
import { routeHarness } from "../support/remix";
import { runLaurel } from "../support/cli";
import * as newOrg from "~/routes/orgs.$orgId.new";
import * as editOrg from "~/routes/orgs.$orgId.edit";
import * as userPage from "~/routes/users.$userId";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { getOrgByName } from "~/models/org.server";
import { grantRole } from "~/models/user.server";
import { translate } from "~/i18n";

/**
 * Issue #14 item 5: a city admin widened its own reach by creating a child org with the province's
 * region code (610000), and re-activated a user whose roles reach outside its subtree.
 */
let t: TestDatabase;
let tree: Awaited<ReturnType<typeof makeTree>>;
let provinceAdmin: { id: number };
let cityAdmin: { id: number };
let h: ReturnType<typeof routeHarness>;

beforeAll(async () => {
  t = await createTestDatabase();
  tree = await makeTree(t.db);
  provinceAdmin = await makeUser(t.db, tree.province, ["admin"]);
  cityAdmin = await makeUser(t.db, tree.cityA, ["admin"]);
  h = routeHarness(t.db);
});
afterAll(() => t.destroy());

const createChild = (parentId: number, form: Record<string, string>, userId = cityAdmin.id) =>
  h.post(newOrg.action, `/orgs/${parentId}/new`, form, { userId, params: { orgId: String(parentId) } });

describe("a child org's region code lies inside its parent's", () => {
  it.each([
    ["the province's code", "610000", "org.regionOutsideParent"],
    ["another city's", "610300", "org.regionOutsideParent"],
    ["a county of another city", "610324", "org.regionOutsideParent"],
  ])("refuses %s under city A (610100), writing nothing", async (_label, code, key) => {
    const before = await dbSnapshot(t.db);
    const out = await createChild(tree.cityA.id, {
      name: `越权工会${code}`,
      kind: "county",
      regionCode: code,
    });
    expect(out.status).toBe(400);
    expect(out.data.errors.regionCode.key).toBe(key);
    expect(await dbSnapshot(t.db)).toEqual(before);
  });

  it("says so in Chinese and in English", () => {
    expect(translate("zh-CN", "org.regionOutsideParent", { parent: "610100" })).toContain("610100");
    expect(translate("en", "org.regionOutsideParent", { parent: "610100" })).toContain("610100");
  });

  it("accepts a county of its own city, the city's own code, and no code for a grassroots union", async () => {
    for (const [name, kind, regionCode] of [
      ["甲市新县总工会", "county", "610126"],
      ["甲市同级工会", "county", "610100"],
      ["甲市某厂工会", "grassroots", ""],
    ]) {
      const out = await createChild(tree.cityA.id, { name, kind, regionCode });
      expect(out.status, name).toBe(302);
    }
    expect((await getOrgByName(t.db, "甲市新县总工会"))?.region_code).toBe("610126");
  });

  it("refuses a city union without a code below a city (its name would stand for a city's counties)", async () => {
    const out = await createChild(tree.cityA.id, { name: "乙市总工会二", kind: "city", regionCode: "" });
    expect(out.status).toBe(400);
    expect(out.data.errors.regionCode.key).toBe("org.regionRequired");
  });

  it("refuses a code below a parent without one (a parent that reaches no county by code)", async () => {
    const plant = await makeOrg(t.db, tree.cityA, { name: "无代码工会" });
    const out = await createChild(plant.id, { name: "无代码工会下级", kind: "county", regionCode: "610124" });
    expect(out.status).toBe(400);
    expect(out.data.errors.regionCode.key).toBe("org.regionParentHasNone");
  });

  it("refuses an edit that moves a city's code away from its counties, or an org out of its new parent's code", async () => {
    const params = { orgId: String(tree.cityA.id) };
    const before = await dbSnapshot(t.db);
    const moved = await h.post(
      editOrg.action,
      `/orgs/${tree.cityA.id}/edit`,
      { name: tree.cityA.name, kind: "city", regionCode: "610300", parentId: String(tree.province.id) },
      { userId: provinceAdmin.id, params },
    );
    expect(moved.status).toBe(400);
    expect(moved.data.errors.regionCode.key).toBe("org.regionStrandsChild");
    const county = { orgId: String(tree.county.id) };
    const under = await h.post(
      editOrg.action,
      `/orgs/${tree.county.id}/edit`,
      { name: tree.county.name, kind: "county", regionCode: "610124", parentId: String(tree.cityB.id) },
      { userId: provinceAdmin.id, params: county },
    );
    expect(under.status).toBe(400);
    expect(under.data.errors.regionCode.key).toBe("org.regionOutsideParent");
    expect(await dbSnapshot(t.db)).toEqual(before);
  });

  it("refuses the same rows in the org import (CLI `orgs import`), importing the good ones", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-reach-"));
    const csv = path.join(dir, "orgs.csv");
    fs.writeFileSync(
      csv,
      `name,kind,parent,region_code\n导入越权县,county,${tree.cityA.name},610000\n导入本市县,county,${tree.cityA.name},610127\n`,
    );
    const r = await runLaurel(["orgs", "import", csv], t.env);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(
      "row 2\tregion_code\tThe division code must lie inside the parent organization's (610100).",
    );
    expect(r.stderr).toContain("1 row imported, 1 refused.");
    expect(await getOrgByName(t.db, "导入越权县")).toBeUndefined();
    expect((await getOrgByName(t.db, "导入本市县"))?.region_code).toBe("610127");
  });
});

describe("a user is managed only by an admin whose subtrees hold all of the user's roles", () => {
  it("refuses city A's admin a user of city A who also holds a role in city B, and changes nothing", async () => {
    const user = await makeUser(t.db, tree.county, ["nominator"]);
    await t.db.transaction().execute((trx) => grantRole(trx, SYSTEM_ACTOR, user.id, tree.cityB, "judge"));
    const params = { userId: String(user.id) };
    expect((await h.get(userPage.loader, `/users/${user.id}`, { userId: cityAdmin.id, params })).status).toBe(
      403,
    );
    const forms: Record<string, string>[] = [
      { intent: "deactivate" },
      { intent: "activate" },
      { intent: "grant", role: "judge", orgId: String(tree.county.id) },
    ];
    for (const form of forms) {
      const before = await dbSnapshot(t.db);
      const out = await h.post(userPage.action, `/users/${user.id}`, form, { userId: cityAdmin.id, params });
      expect(out.status, form.intent).toBe(403);
      expect(out.data.messageKey).toBe("users.outsideReach");
      expect(await dbSnapshot(t.db)).toEqual(before);
    }
    // The province's admin holds both: it manages the user.
    expect(
      (
        await h.post(
          userPage.action,
          `/users/${user.id}`,
          { intent: "deactivate" },
          { userId: provinceAdmin.id, params },
        )
      ).status,
    ).toBe(302);
  });

  it("still lets city A's admin manage a user whose roles all lie in city A", async () => {
    const user = await makeUser(t.db, tree.county, ["nominator"]);
    const out = await h.post(
      userPage.action,
      `/users/${user.id}`,
      { intent: "deactivate" },
      { userId: cityAdmin.id, params: { userId: String(user.id) } },
    );
    expect(out.status).toBe(302);
  });
});
