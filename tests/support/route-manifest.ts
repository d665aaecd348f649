import path from "node:path";
import { UNSAFE_flatRoutes } from "@remix-run/dev";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

export const APP_DIR = path.resolve(import.meta.dirname, "../../app");
/** Same as remix.config.js: the build's manifest and this one must agree. */
const IGNORED = ["**/.*", "**/*.test.*"];

export interface ManifestRoute {
  /** e.g. "routes/orgs.$orgId.edit"; "root" for app/root.tsx. */
  id: string;
  /** The URL pattern with its parents' segments, e.g. "/orgs/:orgId/edit". */
  pattern: string;
  /** Parameter names in the pattern ("*" for a splat). */
  params: string[];
  file: string;
}

export interface RouteModule {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
}

/** Every route of the build, from the same function the Remix compiler uses on app/routes. */
export function routeManifest(): ManifestRoute[] {
  const flat = UNSAFE_flatRoutes(APP_DIR, IGNORED);
  const patternOf = (id: string): string => {
    const r = flat[id];
    if (!r) return "";
    const parent = r.parentId && r.parentId !== "root" ? patternOf(r.parentId) : "";
    return r.path ? `${parent}/${r.path}` : parent;
  };
  const routes = Object.values(flat).map((r) => {
    const pattern = patternOf(r.id) || "/";
    const params = pattern
      .split("/")
      .flatMap((s) => (s.startsWith(":") ? [s.slice(1).replace(/\?$/, "")] : s === "*" ? ["*"] : []));
    return { id: r.id, pattern, params, file: r.file };
  });
  return [{ id: "root", pattern: "/", params: [], file: "root.tsx" }, ...routes].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
}

/** The route's module, imported the way the server build bundles it. */
export async function loadRouteModule(route: ManifestRoute): Promise<RouteModule> {
  return (await import(path.join(APP_DIR, route.file))) as RouteModule;
}

/** The concrete path of a pattern with its parameters filled in (values URL-encoded). */
export function fillPattern(route: ManifestRoute, params: Record<string, string>): string {
  return route.pattern
    .split("/")
    .map((s) => {
      if (s === "*") return params["*"] ?? "";
      if (!s.startsWith(":")) return s;
      const name = s.slice(1).replace(/\?$/, "");
      const value = params[name];
      if (value === undefined) throw new Error(`no value for :${name} in ${route.id}`);
      return encodeURIComponent(wellFormed(value));
    })
    .join("/");
}

/** A lone surrogate cannot be percent-encoded: it becomes U+FFFD, as a browser would send it. */
const wellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

/** Whether a route id lies in one of the listed areas (route-id prefixes). */
export const inAreas = (id: string, prefixes: readonly string[]) =>
  prefixes.some((p) => id === p || id.startsWith(p));
