import { describe, expect, it } from "vitest";
import { regionRefusal } from "~/domain/org-region";
import { managesUser, type Grant } from "~/domain/permissions";

const org = (region_code: string | null, parent_id: number | null = 1) => ({
  name: "上级",
  kind: "city",
  region_code,
  parent_id,
});

describe("regionRefusal", () => {
  it("keeps a child's code inside its parent's, at the same or a deeper level", () => {
    expect(regionRefusal(org("610300"), { kind: "county", regionCode: "610324" })).toBeNull();
    expect(regionRefusal(org("610300"), { kind: "county", regionCode: "610300" })).toBeNull();
    expect(regionRefusal(org("610300"), { kind: "county", regionCode: "610000" })?.key).toBe(
      "org.regionOutsideParent",
    );
    expect(regionRefusal(org("610300"), { kind: "county", regionCode: "610124" })?.key).toBe(
      "org.regionOutsideParent",
    );
    expect(regionRefusal(org("610324"), { kind: "grassroots", regionCode: "610325" })?.key).toBe(
      "org.regionOutsideParent",
    );
  });

  it("lets anything below a root or no parent, and nothing coded below a parent without a code", () => {
    expect(regionRefusal(null, { kind: "provincial", regionCode: "610000" })).toBeNull();
    expect(regionRefusal(org(null, null), { kind: "city", regionCode: "620100" })).toBeNull();
    expect(regionRefusal(org(null), { kind: "county", regionCode: "610124" })?.key).toBe(
      "org.regionParentHasNone",
    );
    expect(regionRefusal(org(null), { kind: "grassroots", regionCode: null })).toBeNull();
  });

  it("wants a code of a city union below a non-root (its name would stand for a city)", () => {
    expect(regionRefusal(org("610100"), { kind: "city", regionCode: null })?.key).toBe("org.regionRequired");
    expect(regionRefusal(org("610000", null), { kind: "city", regionCode: null })).toBeNull();
  });
});

describe("managesUser", () => {
  const admin = (orgPath: string): Grant => ({ role: "admin", orgId: 0, orgPath, orgName: "" });
  it("needs the home org and every role inside the admin's subtrees", () => {
    expect(managesUser([admin("/1/2/")], { orgPath: "/1/2/4/", rolePaths: ["/1/2/4/"] })).toBe(true);
    expect(managesUser([admin("/1/2/")], { orgPath: "/1/2/4/", rolePaths: ["/1/2/4/", "/1/3/"] })).toBe(
      false,
    );
    expect(managesUser([admin("/1/2/"), admin("/1/3/")], { orgPath: "/1/2/4/", rolePaths: ["/1/3/"] })).toBe(
      true,
    );
    expect(managesUser([admin("/1/")], { orgPath: "/1/2/4/", rolePaths: ["/1/"] })).toBe(true);
  });
});
