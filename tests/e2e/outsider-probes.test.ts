import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type PreparedDatabase, type RunningServer } from "./support/server";
import { DEMO_PASSWORD } from "./support/browser";

// Issue #14's outside test, replayed against the production server with the demo loaded: what an
// attacker tried by hand, over plain HTTP, with the database read afterwards. (The form-field flood
// is in request-flood.test.ts, cookie replay after logout in sessions.test.ts.)
let server: RunningServer;
let dir: string;
let sqlite: Database.Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-probes-"));
  const database: PreparedDatabase = {
    url: `file:${path.join(dir, "laurel.db")}`,
    sessionSecret: crypto.randomBytes(32).toString("hex"),
    dataKey: crypto.randomBytes(32),
  };
  server = await startServer({ database });
  sqlite = new Database(path.join(dir, "laurel.db"), { readonly: true });
});

afterAll(async () => {
  sqlite?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A visitor with a cookie jar of its own, as curl with -b/-c would be. */
class Visitor {
  private cookies = new Map<string, string>();

  async request(
    pathname: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    };
    let body: string | undefined;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams({ _csrf: this.cookies.get("laurel_csrf") ?? "", ...init.form }).toString();
    }
    const res = await fetch(server.url + pathname, {
      method: init.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  /** Fetches the sign-in page (for the CSRF cookie) and signs in; the answer of the POST. */
  async signIn(username: string, password = DEMO_PASSWORD, redirectTo = "/"): Promise<Response> {
    await this.request("/login");
    return this.request("/login", { form: { username, password, redirectTo } });
  }
}

const count = (sql: string, ...args: unknown[]) => (sqlite.prepare(sql).get(...args) as { n: number }).n;

describe("an outsider's probes against the production server", () => {
  it("lands every redirect trick after sign-in on our own origin, never a 500", async () => {
    const tricks = [
      "/%09/evil.example",
      "/\t/evil.example",
      "//evil.example",
      "/\\evil.example",
      "/%5Cevil.example",
      "/.//evil.example",
      "https://evil.example/",
      "/\n/evil.example",
      "javascript:alert(1)",
    ];
    for (const trick of tricks) {
      const res = await new Visitor().signIn("xian_admin", DEMO_PASSWORD, trick);
      expect(res.status, trick).toBe(302);
      const location = res.headers.get("location")!;
      expect(new URL(location, server.url).origin, `${JSON.stringify(trick)} → ${location}`).toBe(server.url);
      expect(location.startsWith("//") || location.startsWith("/\\"), location).toBe(false);
    }
  });

  it("answers a category of the province's competition, posted to a city admin's own draft, with 404 and deletes nothing", async () => {
    const city = new Visitor();
    expect((await city.signIn("xian_admin")).status).toBe(302);
    const xian = sqlite.prepare("select id from orgs where name = ?").get("西安市总工会") as { id: number };
    const created = await city.request("/competitions/new", {
      form: {
        title: "西安市探测用竞赛",
        year: "2026",
        noticeDays: "5",
        noticeUnit: "working",
        orgId: String(xian.id),
      },
    });
    expect(created.status).toBe(302);
    const own = /^\/competitions\/(\d+)$/.exec(created.headers.get("location")!)![1];
    const foreign = sqlite
      .prepare(
        "select c.id from categories c join competitions k on k.id = c.competition_id join orgs o on o.id = k.org_id where o.name = ? order by c.id limit 1",
      )
      .get("陕西省总工会") as { id: number };
    expect(foreign).toBeDefined();

    const res = await city.request(`/competitions/${own}/categories/${foreign.id}`, {
      form: { intent: "delete" },
    });
    expect(res.status).toBe(404);
    expect(count("select count(*) as n from categories where id = ?", foreign.id)).toBe(1);
  });

  it("refuses a child org whose region code reaches beyond its parent's, and creates none", async () => {
    const city = new Visitor();
    await city.signIn("xian_admin");
    const xian = sqlite.prepare("select id from orgs where name = ?").get("西安市总工会") as { id: number };
    const before = count("select count(*) as n from orgs");
    const res = await city.request(`/orgs/${xian.id}/new`, {
      form: { name: "探测用区总工会", kind: "county", regionCode: "610000" },
    });
    expect(res.status).toBe(400);
    expect(count("select count(*) as n from orgs")).toBe(before);
    expect(count("select count(*) as n from orgs where region_code = '610324' and name like '%探测%'")).toBe(
      0,
    );
  });

  it("evaluates at most five of 40 parallel password guesses, and the right password then waits out the lock", async () => {
    const guesses = Array.from({ length: 40 }, (_, i) => new Visitor().signIn("admin", `wrong-guess-${i}`));
    const answers = await Promise.all(guesses);
    const statuses = answers.map((r) => r.status);
    const evaluated = statuses.filter((s) => s === 400).length;
    const locked = statuses.filter((s) => s === 429).length;
    console.info(
      `40 parallel guesses: ${evaluated} evaluated (400), ${locked} refused unevaluated (429), others ${JSON.stringify(statuses.filter((s) => s !== 400 && s !== 429))}`,
    );
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(evaluated + locked).toBe(40);
    const right = await new Visitor().signIn("admin");
    expect(right.status).toBe(429);
  });
});
