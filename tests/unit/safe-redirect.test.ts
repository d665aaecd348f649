import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/auth.server";

// Issue #14: after sign-in, redirectTo may only lead to a page of ours. A browser drops tabs and
// newlines from a Location, reads "\" as "/" and "//host" as another site.
describe("safeRedirect", () => {
  it.each([
    ["/", "/"],
    ["/orgs/1?x=2", "/orgs/1?x=2"],
    ["/audit?page=2#top", "/audit?page=2#top"],
    ["/registry?q=%E5%BC%A0", "/registry?q=%E5%BC%A0"],
    // Encoded characters stay encoded: a browser does not decode them before resolving.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
  ])("keeps the local path %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\t\t/evil.example",
    "\t//evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\r/evil.example",
    "/x\nSet-Cookie: a=b",
    "/\u0000/evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "/a/..//evil.example",
    "http://evil.example",
    "https://evil.example/",
    "http:evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    " /\t/evil.example",
    "evil.example",
    "",
  ])("refuses %j", (to) => {
    expect(safeRedirect(to)).toBe("/");
    expect(safeRedirect(to, "/home")).toBe("/home");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirect(undefined, "/home")).toBe("/home");
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(["/x"])).toBe("/");
  });

  it("answers a string a Location header can carry", () => {
    for (const to of ["/名单?q=张三", "/a b", "/x\u2028y"]) {
      const local = safeRedirect(to);
      expect(local).toMatch(/^\/[\x21-\x7e]*$/);
      expect(() => new Headers({ Location: local })).not.toThrow();
    }
  });
});
