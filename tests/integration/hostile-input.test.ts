import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_COOKIE } from "~/utils/csrf.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import {
  bodyKind,
  dbSnapshot,
  encodeBody,
  hasMessage,
  hostileForm,
  hostileString,
  rawContentType,
} from "../support/hardening-fuzz";
import { callRoute } from "../support/hardening-outcome";
import { makeWorld, type World } from "../support/hardening-world";
import { routeHarness } from "../support/remix";
import {
  fillPattern,
  inAreas,
  loadRouteModule,
  routeManifest,
  type ManifestRoute,
  type RouteModule,
} from "../support/route-manifest";
import { AUTHORIZATION_TABLE, defaultParams } from "./authorization-table";

/** Runs per route and visitor; the total over the file is asserted below (issue #9 asks ≥ 2,000). */
const ACTION_RUNS = 50;
const PARAM_RUNS = 20;
const HEADER_RUNS = 300;
const QUERY_RUNS = 6;
/** The areas that joined last (judging to aid): half the runs each, which keeps the file near a minute and a half. */
const LIGHT_AREAS = [
  "routes/judging",
  "routes/competitions.$competitionId.categories.$categoryId_.",
  "routes/competitions.$competitionId.nominations.import",
  "routes/competitions.$competitionId.notice",
  "routes/competitions.$competitionId.publication",
  "routes/notices",
  "routes/honors",
  "routes/calendar",
  "routes/registry",
  "routes/aid",
  "routes/stats",
];
const runsFor = (route: ManifestRoute, runs: number) =>
  inAreas(route.id, LIGHT_AREAS) ? Math.ceil(runs / 2) : runs;
/** The query-string names the app's pages read (searches, filters, pages, formats), and random ones. */
const QUERY_KEYS = [
  "q",
  "page",
  "year",
  "region",
  "category",
  "format",
  "method",
  "city",
  "level",
  "state",
  "kind",
  "tier",
  "org",
  "status",
  "action",
  "actor",
  "from",
  "to",
  "saved",
  "filed",
  "redirectTo",
];
const ORIGIN = "http://laurel.test";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let w: World;
let adminSession: string;
let judgeSession: string;
let rootSession: string;
let generated = 0;
let accepted = 0;
const routes = routeManifest();
const modules = new Map<string, RouteModule>();

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  w = await makeWorld(t.db, h.context.secrets.dataKey);
  adminSession = await h.sessionCookie(w.users.adminOrganizer);
  judgeSession = await h.sessionCookie(w.users.judgeAssigned);
  rootSession = await h.sessionCookie(w.users.rootAdmin);
  for (const r of routes) modules.set(r.id, await loadRouteModule(r));
});
afterAll(async () => {
  await t.destroy();
});

/** What an HTTP parser lets through in a header value: tab, printable ASCII and Latin-1. */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, "").trim();

/** The route's parameters as the authorization table fills them: records the signed-in visitor may act on. */
function paramsOf(route: ManifestRoute) {
  const all = { ...defaultParams(w), ...AUTHORIZATION_TABLE[route.id]?.params?.(w) };
  return Object.fromEntries(route.params.map((p) => [p, all[p]]));
}

/** Sends the request and checks the answer: no 500; a refusal has a message and wrote nothing. */
async function expectCalm(
  route: ManifestRoute,
  method: "GET" | "POST",
  request: Request,
  params: Record<string, string>,
) {
  generated++;
  const mod = modules.get(route.id)!;
  const before = await dbSnapshot(t.db);
  const out = await callRoute((method === "GET" ? mod.loader : mod.action)!, request, params, h.context);
  const where = `${method} ${route.id} ${request.url.slice(0, 200)}`;
  expect(out.status, `${where}\n${String(out.data).slice(0, 2000)}`).toBeLessThan(500);
  if (out.status >= 400) {
    expect(hasMessage(out.data), `${where}: ${out.status} without a message`).toBe(true);
    expect(await dbSnapshot(t.db), `${where}: a refused request changed the database`).toEqual(before);
  } else accepted++;
}

/** Routes only a root admin gets past the guard of (decisions 006, 007). */
const ROOT_ONLY = ["routes/calendar", "routes/registry.match"];

/** Who gets past the route's guard: the judge on the judging desk, a root admin where only one may, else the organizer's admin. */
function sessionFor(route: ManifestRoute) {
  if (route.id.startsWith("routes/judging")) return judgeSession;
  return ROOT_ONLY.includes(route.id) ? rootSession : adminSession;
}

describe("hostile forms on every action", () => {
  const actionRoutes = routes.filter((r) => r.id !== "root");
  for (const route of actionRoutes) {
    for (const visitor of ["admin", "anonymous"] as const) {
      it(`${route.id} as ${visitor}`, async () => {
        if (!modules.get(route.id)!.action) return;
        const params = paramsOf(route);
        const path = fillPattern(route, params);
        await fc.assert(
          fc.asyncProperty(
            hostileForm,
            bodyKind,
            fc.uint8Array({ maxLength: 300 }),
            rawContentType,
            fc.boolean(),
            async (fields, kind, raw, rawType, withCsrf) => {
              const { body, type } = encodeBody(kind, fields, withCsrf ? h.csrfToken : null, raw, rawType);
              const cookies = [
                `${CSRF_COOKIE}=${h.csrfToken}`,
                ...(visitor === "admin" ? [sessionFor(route)] : []),
              ];
              const headers: Record<string, string> = {
                cookie: cookies.join("; "),
                host: "laurel.test",
                origin: ORIGIN,
              };
              if (type !== undefined) headers["content-type"] = type;
              await expectCalm(
                route,
                "POST",
                new Request(ORIGIN + path, { method: "POST", body, headers }),
                params,
              );
            },
          ),
          { numRuns: runsFor(route, ACTION_RUNS) },
        );
      });
    }
  }
});

describe("hostile URL parameters on every page", () => {
  for (const route of routes.filter((r) => r.params.length > 0)) {
    it(route.id, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostileString, { minLength: route.params.length, maxLength: route.params.length }),
          fc.boolean(),
          async (values, asAdmin) => {
            const params = Object.fromEntries(route.params.map((p, i) => [p, values[i]]));
            const headers = {
              cookie: [`${CSRF_COOKIE}=${h.csrfToken}`, ...(asAdmin ? [sessionFor(route)] : [])].join("; "),
              host: "laurel.test",
            };
            await expectCalm(
              route,
              "GET",
              new Request(ORIGIN + fillPattern(route, params), { headers }),
              params,
            );
          },
        ),
        { numRuns: runsFor(route, PARAM_RUNS) },
      );
    });
  }
});

describe("hostile query strings on every page", () => {
  for (const route of routes.filter((r) => r.id !== "root")) {
    it(route.id, async () => {
      if (!modules.get(route.id)!.loader) return;
      const key = fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) },
        { weight: 1, arbitrary: fc.string() },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(key, hostileString), { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          async (pairs, signedIn) => {
            const params = paramsOf(route);
            const query = new URLSearchParams(pairs.map(([k, v]) => [k, v.slice(0, 2000)]));
            const headers = {
              cookie: [`${CSRF_COOKIE}=${h.csrfToken}`, ...(signedIn ? [sessionFor(route)] : [])].join("; "),
              host: "laurel.test",
            };
            await expectCalm(
              route,
              "GET",
              new Request(`${ORIGIN}${fillPattern(route, params)}?${query}`, { headers }),
              params,
            );
          },
        ),
        { numRuns: runsFor(route, QUERY_RUNS) },
      );
    });
  }
});

describe("hostile headers", () => {
  it("answers garbage Cookie, Accept-Language, Origin and Content-Type headers calmly", async () => {
    const withLoader = routes.filter((r) => modules.get(r.id)!.loader);
    const withAction = routes.filter((r) => modules.get(r.id)!.action);
    const header = fc.oneof(
      hostileString,
      fc.string({ unit: "binary-ascii" }),
      fc.constantFrom("zh-CN,zh;q=0.9", "en;q=abc", "*", ";;;,,,", "q=1"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          cookie: header,
          language: header,
          origin: header,
          type: header,
          keepSession: fc.boolean(),
          post: fc.boolean(),
          pick: fc.nat(),
        }),
        async ({ cookie, language, origin, type, keepSession, post, pick }) => {
          const list = post ? withAction : withLoader;
          const route = list[pick % list.length];
          const params = paramsOf(route);
          const cookies = [
            headerSafe(cookie),
            ...(keepSession ? [`${CSRF_COOKIE}=${h.csrfToken}`, adminSession] : []),
          ].join("; ");
          const headers = {
            cookie: cookies,
            "accept-language": headerSafe(language),
            origin: headerSafe(origin),
            "content-type": headerSafe(type),
            host: "laurel.test",
          };
          const init: RequestInit = post
            ? { method: "POST", headers, body: `_csrf=${encodeURIComponent(h.csrfToken)}&intent=save` }
            : { headers };
          await expectCalm(
            route,
            post ? "POST" : "GET",
            new Request(ORIGIN + fillPattern(route, params), init),
            params,
          );
        },
      ),
      { numRuns: HEADER_RUNS },
    );
  });
});

describe("NUL characters", () => {
  // Found by this fuzzer on PostgreSQL, which refuses NUL in text: the query failed with a 500.
  it("refuses a NUL in any form field with a 400 before it reaches a query, on every action", async () => {
    for (const route of routes.filter((r) => modules.get(r.id)!.action && r.id !== "routes/$")) {
      const params = paramsOf(route);
      const body = new URLSearchParams({
        _csrf: h.csrfToken,
        username: "a\u0000b",
        password: "x",
        name: "工\u0000会",
        intent: "save",
      });
      const headers = {
        cookie: `${CSRF_COOKIE}=${h.csrfToken}; ${sessionFor(route)}`,
        host: "laurel.test",
        origin: ORIGIN,
        "content-type": "application/x-www-form-urlencoded",
      };
      await expectCalm(
        route,
        "POST",
        new Request(ORIGIN + fillPattern(route, params), { method: "POST", body, headers }),
        params,
      );
    }
  });
});

describe("NUL characters in query strings", () => {
  // Found when the judging to aid areas joined the fuzzers: on PostgreSQL a NUL in a search (honor
  // roll, registry lists, audit log) failed the query with a 500.
  it("answers a NUL in any query parameter a page reads without a 500, on every page", async () => {
    for (const route of routes.filter((r) => modules.get(r.id)!.loader && r.id !== "root")) {
      const params = paramsOf(route);
      const headers = { cookie: `${CSRF_COOKIE}=${h.csrfToken}; ${sessionFor(route)}`, host: "laurel.test" };
      for (const key of QUERY_KEYS) {
        const query = new URLSearchParams({ [key]: "张\u0000三" });
        await expectCalm(
          route,
          "GET",
          new Request(`${ORIGIN}${fillPattern(route, params)}?${query}`, { headers }),
          params,
        );
      }
    }
  });
});

describe("the count", () => {
  it("sent at least 2,000 generated requests over this file", () => {
    // Sheets add theirs in hostile-sheets.test.ts.
    expect(generated).toBeGreaterThanOrEqual(2000);
    expect(accepted).toBeLessThan(generated);
  });
});
