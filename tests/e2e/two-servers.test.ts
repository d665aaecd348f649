import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, parseDatabaseUrl } from "../../db/client";
import { startServer, type PreparedDatabase, type RunningServer } from "./support/server";

// Issue #14, item 10: two servers behind one balancer. Started at once on an empty database with
// LAUREL_DEMO=1, both come up and the demo is loaded once; a page's ETag is the same from either,
// so a revalidation that lands on the other server is a 304. On SQLite, and on PostgreSQL when
// TEST_DATABASE_URL names a server.
const servers: RunningServer[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  for (const c of cleanups) await c();
});

const secrets = () => ({
  sessionSecret: crypto.randomBytes(32).toString("hex"),
  dataKey: crypto.randomBytes(32),
});

function sqliteDatabase(): { database: PreparedDatabase; env: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-two-"));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return { database: { url: `file:${path.join(dir, "laurel.db")}`, ...secrets() }, env: {} };
}

async function postgresDatabase(
  url: string,
): Promise<{ database: PreparedDatabase; env: Record<string, string> }> {
  const schema = `two_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop schema ${schema} cascade`);
    await c.end();
  });
  return { database: { url, ...secrets() }, env: { PGOPTIONS: `-c search_path=${schema}` } };
}

async function demoCounts(database: PreparedDatabase, env: Record<string, string>) {
  const target = parseDatabaseUrl(database.url);
  const schema = /search_path=(\w+)/.exec(env.PGOPTIONS ?? "")?.[1];
  const db = createDatabase(target.dialect === "postgres" ? { ...target, schema } : target);
  try {
    const admins = await db.selectFrom("users").select("id").where("username", "=", "admin").execute();
    const provinces = await db.selectFrom("orgs").select("id").where("name", "=", "陕西省总工会").execute();
    return { admins: admins.length, provinces: provinces.length };
  } finally {
    await db.destroy();
  }
}

async function bothStartOnEmpty(prepared: { database: PreparedDatabase; env: Record<string, string> }) {
  const started = await Promise.allSettled(
    [0, 1].map(() => startServer({ database: prepared.database, env: prepared.env })),
  );
  for (const s of started) if (s.status === "fulfilled") servers.push(s.value);
  const failures = started.flatMap((s) => (s.status === "rejected" ? [String(s.reason).slice(0, 2000)] : []));
  expect(failures).toEqual([]);
  expect(await demoCounts(prepared.database, prepared.env)).toEqual({ admins: 1, provinces: 1 });
  return started.map((s) => (s as PromiseFulfilledResult<RunningServer>).value);
}

/** A visitor's CSRF cookie from one server: signed with the shared secret, the other accepts it. */
async function visitorCookie(server: RunningServer): Promise<string> {
  const res = await fetch(`${server.url}/honors`);
  await res.arrayBuffer();
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function sameEtagFromEither([a, b]: RunningServer[]) {
  const cookie = await visitorCookie(a);
  const index = await fetch(`${a.url}/honors`, { headers: { cookie } });
  const roll = /href="(\/honors\/\d+)"/.exec(await index.text())?.[1];
  expect(roll).toBeTruthy();
  for (const page of ["/honors", roll!, `${roll}/print`]) {
    const fromA = await fetch(a.url + page, { headers: { cookie } });
    await fromA.arrayBuffer();
    const etag = fromA.headers.get("etag");
    expect(etag, page).toBeTruthy();
    // B has not rendered this page yet (nothing cached): it renders, finds the same tag, answers 304.
    const revalidated = await fetch(b.url + page, { headers: { cookie, "if-none-match": etag! } });
    expect(revalidated.status, page).toBe(304);
    expect(await revalidated.text()).toBe("");
    const fromB = await fetch(b.url + page, { headers: { cookie } });
    await fromB.arrayBuffer();
    expect(fromB.headers.get("etag"), page).toBe(etag);
    // Now from B's memory: still a 304.
    expect((await fetch(b.url + page, { headers: { cookie, "if-none-match": etag! } })).status, page).toBe(
      304,
    );
  }
}

describe("two servers on one SQLite database", () => {
  let pair: RunningServer[];
  it("start at once on an empty database and load the demo exactly once", async () => {
    pair = await bothStartOnEmpty(sqliteDatabase());
  }, 240_000);

  it("give a page the same ETag, and a 304 for the other's", async () => {
    await sameEtagFromEither(pair);
  });
});

describe.runIf(/^postgres/.test(process.env.TEST_DATABASE_URL ?? ""))(
  "two servers on one PostgreSQL database",
  () => {
    let pair: RunningServer[];
    it("start at once on an empty database and load the demo exactly once", async () => {
      pair = await bothStartOnEmpty(await postgresDatabase(process.env.TEST_DATABASE_URL!));
    }, 240_000);

    it("give a page the same ETag, and a 304 for the other's", async () => {
      await sameEtagFromEither(pair);
    });
  },
);
