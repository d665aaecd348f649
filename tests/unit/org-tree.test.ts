import { describe, expect, it } from "vitest";
import { buildTree, childPath, depthOf, isWithin } from "~/domain/org-tree";
import { canEditOrg, hasRoleAt, scopesOf, type Grant } from "~/domain/permissions";

const org = (id: number, parent: number | null, path: string) => ({
  id,
  name: `o${id}`,
  kind: "city",
  region_code: null,
  parent_id: parent,
  path,
});

describe("org paths", () => {
  it("nests paths", () => {
    expect(childPath(null, 1)).toBe("/1/");
    expect(childPath("/1/", 12)).toBe("/1/12/");
    expect(depthOf("/1/12/30/")).toBe(2);
  });
  it("does not confuse /1/ with /12/", () => {
    expect(isWithin("/12/3/", "/1/")).toBe(false);
    expect(isWithin("/1/3/", "/1/")).toBe(true);
    expect(isWithin("/1/", "/1/")).toBe(true);
  });
  it("builds the tree in id order per level", () => {
    const tree = buildTree([
      org(3, 1, "/1/3/"),
      org(1, null, "/1/"),
      org(10, 1, "/1/10/"),
      org(4, 3, "/1/3/4/"),
    ]);
    expect(tree.map((n) => n.org.id)).toEqual([1]);
    expect(tree[0].children.map((n) => n.org.id)).toEqual([3, 10]);
    expect(tree[0].children[0].children.map((n) => n.org.id)).toEqual([4]);
  });
});

describe("permissions", () => {
  const grants: Grant[] = [
    { role: "admin", orgId: 2, orgPath: "/1/2/", orgName: "西安" },
    { role: "admin", orgId: 5, orgPath: "/1/2/5/", orgName: "县" },
    { role: "judge", orgId: 1, orgPath: "/1/", orgName: "省" },
  ];
  it("holds a role in the subtree only", () => {
    expect(hasRoleAt(grants, "admin", "/1/2/7/")).toBe(true);
    expect(hasRoleAt(grants, "admin", "/1/")).toBe(false);
    expect(hasRoleAt(grants, "admin", "/1/3/")).toBe(false);
    expect(hasRoleAt(grants, "nominator", "/1/2/")).toBe(false);
    expect(hasRoleAt(grants, "judge", "/1/3/")).toBe(true);
  });
  it("collapses nested scopes", () => {
    expect(scopesOf(grants, "admin")).toEqual(["/1/2/"]);
  });
  it("lets only a higher admin edit an org", () => {
    expect(canEditOrg(grants, "/1/2/")).toBe(false);
    expect(canEditOrg(grants, "/1/2/5/")).toBe(true);
    expect(canEditOrg(grants, "/1/3/")).toBe(false);
  });
});
