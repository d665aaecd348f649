import { UNSAFE_flatRoutes } from "@remix-run/dev";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { APP_DIR, fillPattern, routeManifest } from "../support/route-manifest";

/**
 * patches/@remix-run+router+*.patch caches the ranked route branches and skips a branch whose
 * whole-path pattern cannot match. These checks hold the patched matcher to what the unpatched
 * one answers: every page's URL, however written, still reaches its route.
 */
const flat = UNSAFE_flatRoutes(APP_DIR, ["**/.*", "**/*.test.*"]);
type Node = AgnosticRouteObject & { id: string; children?: Node[] };

function tree(parentId: string): Node[] {
  return Object.values(flat)
    .filter((r) => (r.parentId ?? "root") === parentId)
    .map((r) => ({ id: r.id, path: r.path, index: r.index, children: tree(r.id) }) as Node);
}
const routes: Node[] = [{ id: "root", path: "", children: tree("root") }];
const pages = routeManifest().filter(
  (r) => r.id !== "root" && !Object.values(flat).some((c) => c.parentId === r.id && c.index),
);

const deepest = (path: string) => matchRoutes(routes, path)?.at(-1);
const sample = (r: (typeof pages)[number]) =>
  fillPattern(r, Object.fromEntries(r.params.map((p) => [p, p === "*" ? "a/b.txt" : "12"])));

describe("route matching with the patched router", () => {
  it("reaches every page from its own URL, with a trailing slash and in other letter case", () => {
    expect(pages.length).toBeGreaterThan(50);
    for (const r of pages) {
      const path = sample(r);
      for (const variant of [path, `${path}/`, path.toUpperCase()]) {
        expect(deepest(variant)?.route.id, `${r.id} from ${variant}`).toBe(r.id);
      }
      expect(deepest(path)?.params).toEqual(
        expect.objectContaining(Object.fromEntries(r.params.filter((p) => p !== "*").map((p) => [p, "12"]))),
      );
    }
  });

  it("gives the same answer the second time (the cached branches) and for an unknown URL none or the splat", () => {
    for (const r of pages) expect(deepest(sample(r))?.route.id).toBe(r.id);
    const unknown = deepest("/no-such-page/at/all");
    expect(unknown === undefined || unknown.route.path === "*").toBe(true);
  });

  it("decodes percent-encoded parameters as before", () => {
    const honoree = pages.find((r) => r.params.length === 1 && r.params[0] !== "*")!;
    const path = fillPattern(honoree, { [honoree.params[0]]: "张 三" });
    expect(deepest(path)?.params[honoree.params[0]]).toBe("张 三");
  });
});
