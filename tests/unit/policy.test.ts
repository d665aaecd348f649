import { describe, expect, it } from "vitest";
import { decide } from "~/domain/policy";
import type { Grant } from "~/domain/permissions";

const g = (role: Grant["role"], orgPath: string): Grant => ({ role, orgId: 0, orgPath, orgName: "" });
const cityAdmin = [g("admin", "/1/2/")];

describe("the policy", () => {
  it("answers each area's question for a city admin", () => {
    expect(decide(cityAdmin, "competition:manage", { orgPath: "/1/2/" }).ok).toBe(true);
    expect(decide(cityAdmin, "competition:manage", { orgPath: "/1/" })).toEqual({
      ok: false,
      status: 403,
      messageKey: "error.403",
    });
    expect(decide(cityAdmin, "competition:read", { orgPath: "/1/2/4/" }).ok).toBe(true);
    expect(decide(cityAdmin, "org:manage", { path: "/1/2/" }).ok).toBe(true);
    expect(decide(cityAdmin, "org:edit", { path: "/1/2/" }).ok).toBe(false);
    expect(decide(cityAdmin, "org:edit", { path: "/1/2/4/" }).ok).toBe(true);
    expect(decide(cityAdmin, "aid:manage", { orgPath: null }).ok).toBe(false);
    expect(decide(cityAdmin, "admin:somewhere", null).ok).toBe(true);
  });

  it("refuses a user with a role outside the admin's subtrees with its own message", () => {
    expect(decide(cityAdmin, "user:manage", { orgPath: "/1/2/4/", rolePaths: ["/1/2/4/"] }).ok).toBe(true);
    expect(decide(cityAdmin, "user:manage", { orgPath: "/1/2/4/", rolePaths: ["/1/3/"] })).toEqual({
      ok: false,
      status: 403,
      messageKey: "users.outsideReach",
    });
    expect(decide(cityAdmin, "user:manage", { orgPath: null, rolePaths: [] })).toEqual({
      ok: false,
      status: 403,
      messageKey: "error.403",
    });
  });

  it("lets the nominator of the org read and edit a nomination, and the organizer's admins read it", () => {
    const n = { organizerPath: "/1/2/", orgPath: "/1/2/4/" };
    expect(decide([g("nominator", "/1/2/4/")], "nomination:edit", n).ok).toBe(true);
    expect(decide(cityAdmin, "nomination:edit", n).ok).toBe(false);
    expect(decide(cityAdmin, "nomination:read", n).ok).toBe(true);
    expect(decide([g("nominator", "/1/2/5/")], "nomination:read", n).ok).toBe(false);
  });

  it("answers the actions the routes asked inline before (#14 item 4b)", () => {
    const nominator = [g("nominator", "/1/2/4/")];
    const province = [g("admin", "/1/")];
    expect(decide(nominator, "nomination:create", { organizerPath: "/1/2/", orgPath: "/1/2/4/" }).ok).toBe(
      true,
    );
    expect(decide(nominator, "nomination:create", { organizerPath: "/1/2/", orgPath: null }).ok).toBe(false);
    expect(decide(nominator, "nomination:create", { organizerPath: "/1/3/", orgPath: "/1/2/4/" }).ok).toBe(
      false,
    );
    expect(decide(nominator, "nomination:list", { organizerPath: "/1/2/" }).ok).toBe(true);
    expect(decide(cityAdmin, "nomination:list", { organizerPath: "/1/2/" }).ok).toBe(true);
    expect(decide(cityAdmin, "nomination:list", { organizerPath: "/1/" }).ok).toBe(false);
    expect(decide([g("judge", "/1/")], "judging:score", null).ok).toBe(true);
    expect(decide(cityAdmin, "judging:score", null).ok).toBe(false);
    expect(decide(province, "calendar:manage", { orgPath: "/1/" }).ok).toBe(true);
    expect(decide(cityAdmin, "calendar:manage", { orgPath: "/1/2/" }).ok).toBe(false);
    expect(decide(cityAdmin, "calendar:manage", { orgPath: null }).ok).toBe(false);
    expect(decide(province, "mail:operate", { orgPath: "/1/" }).ok).toBe(true);
    expect(decide(cityAdmin, "mail:operate", { orgPath: "/1/2/" }).ok).toBe(false);
    expect(decide(cityAdmin, "registry:manage", null).ok).toBe(true);
    expect(decide(cityAdmin, "registry:match", { wholeRegistry: false }).ok).toBe(false);
    expect(decide(province, "registry:match", { wholeRegistry: true }).ok).toBe(true);
    expect(decide(nominator, "audit:read", null).ok).toBe(false);
    expect(decide(nominator, "competition:create", null).ok).toBe(false);
    expect(decide(cityAdmin, "role:revoke", { orgPath: "/1/2/4/" }).ok).toBe(true);
    expect(decide(cityAdmin, "role:revoke", { orgPath: "/1/" }).ok).toBe(false);
    expect(decide(cityAdmin, "user:activate", { self: true }).ok).toBe(false);
  });
});
