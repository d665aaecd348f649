import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { attempt, classify } from "../support/hardening-outcome";
import { makeWorld, VISITORS, type Visitor, type World } from "../support/hardening-world";
import { routeHarness } from "../support/remix";
import {
  fillPattern,
  loadRouteModule,
  routeManifest,
  type ManifestRoute,
  type RouteModule,
} from "../support/route-manifest";
import { dbSnapshot } from "../support/hardening-fuzz";
import {
  AUTHORIZATION_TABLE,
  CHILD_FIELDS,
  defaultParams,
  FOREIGN_CHILD_TABLE,
  type Check,
  type ForeignChild,
  type Outcomes,
} from "./authorization-table";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let w: World;
const manifest = routeManifest();

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  w = await makeWorld(t.db, h.context.secrets.dataKey);
});
afterAll(() => t.destroy());

const userOf = (v: Visitor) => (v === "anonymous" ? undefined : w.users[v]);

function paramsFor(route: ManifestRoute, ...fills: (((w: World) => Record<string, string>) | undefined)[]) {
  const all = { ...defaultParams(w), ...Object.assign({}, ...fills.map((f) => f?.(w) ?? {})) } as Record<
    string,
    string
  >;
  return Object.fromEntries(route.params.map((p) => [p, all[p]]));
}

async function getCell(route: ManifestRoute, mod: RouteModule, visitor: Visitor): Promise<string> {
  const params = paramsFor(route, AUTHORIZATION_TABLE[route.id].params);
  const out = await attempt(() =>
    h.get(mod.loader!, fillPattern(route, params), { userId: userOf(visitor), params }),
  );
  return classify(out, "GET");
}

async function postCell(
  route: ManifestRoute,
  mod: RouteModule,
  check: Check,
  visitor: Visitor,
): Promise<string> {
  const params = paramsFor(route, AUTHORIZATION_TABLE[route.id].params, check.params);
  const out = await attempt(() =>
    h.post(mod.action!, fillPattern(route, params), check.form?.(w) ?? {}, {
      userId: userOf(visitor),
      params,
    }),
  );
  return classify(out, "POST");
}

/** Visitors refused first, so that an allowed POST's effect cannot change what a refused one sees. */
const refusedFirst = (expect: Outcomes) =>
  [...VISITORS].sort((a, b) => Number(expect[a] === "ok") - Number(expect[b] === "ok"));

describe("the authorization matrix", () => {
  it("has an entry for every route of the manifest, with a GET for each loader and intents for each action", async () => {
    const problems: string[] = [];
    for (const route of manifest) {
      const rule = AUTHORIZATION_TABLE[route.id];
      if (!rule) {
        problems.push(`${route.id}: missing from tests/integration/authorization-table.ts`);
        continue;
      }
      const mod = await loadRouteModule(route);
      if (!!mod.loader !== !!rule.get)
        problems.push(
          `${route.id}: loader ${mod.loader ? "exported but no GET row" : "absent but a GET row"}`,
        );
      if (!!mod.action !== !!rule.post)
        problems.push(
          `${route.id}: action ${mod.action ? "exported but no POST intents" : "absent but POST intents"}`,
        );
    }
    for (const id of Object.keys(AUTHORIZATION_TABLE))
      if (!manifest.some((r) => r.id === id)) problems.push(`${id}: in the table but not a route`);
    expect(problems).toEqual([]);
  });

  it("gives every visitor exactly what the table says, for every GET and every POST intent", async () => {
    const differences: string[] = [];
    const record = (where: string, visitor: Visitor, expected: string, got: string) => {
      if (expected !== got) differences.push(`${where} as ${visitor}: expected ${expected}, got ${got}`);
    };
    const withRules = manifest.filter((r) => AUTHORIZATION_TABLE[r.id]);
    for (const route of withRules) {
      const get = AUTHORIZATION_TABLE[route.id].get;
      const mod = await loadRouteModule(route);
      if (get && mod.loader)
        for (const v of VISITORS) record(`GET ${route.id}`, v, String(get[v]), await getCell(route, mod, v));
    }
    // Every GET first: the POSTs below may (for allowed visitors) change scratch records.
    for (const route of withRules) {
      const mod = await loadRouteModule(route);
      for (const [intent, check] of Object.entries(AUTHORIZATION_TABLE[route.id].post ?? {})) {
        if (!mod.action) continue;
        for (const v of refusedFirst(check.expect))
          record(
            `POST ${route.id} [${intent}]`,
            v,
            String(check.expect[v]),
            await postCell(route, mod, check, v),
          );
      }
    }
    expect(differences).toEqual([]);
  });

  it("answers 404 to a visitor the page lets in when its ids name nothing", async () => {
    const differences: string[] = [];
    for (const route of manifest.filter((r) => r.params.some((p) => p.endsWith("Id")))) {
      const get = AUTHORIZATION_TABLE[route.id]?.get;
      const mod = await loadRouteModule(route);
      if (!get || !mod.loader) continue;
      const unknown = () =>
        Object.fromEntries(route.params.filter((p) => p.endsWith("Id")).map((p) => [p, "2147483647"]));
      const params = paramsFor(route, AUTHORIZATION_TABLE[route.id].params, unknown);
      for (const v of VISITORS.filter((v) => get[v] === "ok")) {
        const got = classify(
          await attempt(() => h.get(mod.loader!, fillPattern(route, params), { userId: userOf(v), params })),
          "GET",
        );
        if (got !== "404")
          differences.push(`GET ${route.id} with unknown ids as ${v}: expected 404, got ${got}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it("lists a foreign-child row for every route with two ids and every intent posting a child id", () => {
    const missing: string[] = [];
    for (const route of manifest) {
      const rows = FOREIGN_CHILD_TABLE[route.id] ?? {};
      const rule = AUTHORIZATION_TABLE[route.id];
      if (route.params.filter((p) => p.endsWith("Id")).length >= 2 && rule?.get && !rows.get)
        missing.push(`GET ${route.id}`);
      for (const [intent, check] of Object.entries(rule?.post ?? {})) {
        const fields = Object.keys(check.form?.(w) ?? {});
        if (fields.some((f) => (CHILD_FIELDS as readonly string[]).includes(f)) && !rows[intent])
          missing.push(`POST ${route.id} [${intent}]`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("answers 404 (or the form's refusal) and changes nothing when a child id belongs to another parent", async () => {
    const differences: string[] = [];
    for (const [id, rows] of Object.entries(FOREIGN_CHILD_TABLE)) {
      const route = manifest.find((r) => r.id === id)!;
      const mod = await loadRouteModule(route);
      for (const [label, row] of Object.entries(rows)) {
        const before = await dbSnapshot(t.db);
        const got = await foreignCell(route, mod, row);
        const changed = JSON.stringify(await dbSnapshot(t.db)) !== JSON.stringify(before);
        const expected = String(row.expect ?? 404);
        if (got !== expected || changed)
          differences.push(
            `${row.method} ${id} [${label}] as ${row.visitor}: expected ${expected} unchanged, got ${got}${changed ? " and a change" : ""}`,
          );
      }
    }
    expect(differences).toEqual([]);
  });
});

/** The status a foreign-child request got: the bare status, since a form answer (400) is a refusal here too. */
async function foreignCell(route: ManifestRoute, mod: RouteModule, row: ForeignChild): Promise<string> {
  const params = paramsFor(route, AUTHORIZATION_TABLE[route.id].params, row.params);
  const user = { userId: w.users[row.visitor], params };
  const out = await attempt(() =>
    row.method === "GET"
      ? h.get(mod.loader!, fillPattern(route, params), user)
      : h.post(mod.action!, fillPattern(route, params), row.form?.(w) ?? {}, user),
  );
  return out.status >= 300 && out.status < 400
    ? `redirect ${out.headers.get("location")}`
    : String(out.status);
}
