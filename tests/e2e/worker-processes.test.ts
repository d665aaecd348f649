import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { loadDemo } from "../../seed/load";
import { runJudgeClient, seedJudgingLoad, type JudgeSession } from "../support/judging-load";
import { childPids, startServer, type RunningServer } from "./support/server";

// LAUREL_WORKERS=2 on one SQLite file: both processes write at once, a dead worker is replaced,
// SIGTERM stops them all. Linux only (it finds the workers under /proc), as CI is.
const JUDGES = 10;
const NOMINATIONS = 30;
const CRITERIA = 3;

let dir: string;
let file: string;
let server: RunningServer;
let judges: JudgeSession[];
let categoryId: number;

const workerPids = () => childPids(server.pid);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function submittedSheets(): Promise<number> {
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    const row = await db
      .selectFrom("score_sheets")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("category_id", "=", categoryId)
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-workers-"));
  file = path.join(dir, "laurel.db");
  const secrets = {
    sessionSecret: crypto.randomBytes(32).toString("hex"),
    dataKey: crypto.randomBytes(32),
    generated: [],
  };
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    await loadDemo(db, secrets.dataKey);
    ({ judges, categoryId } = await seedJudgingLoad(db, secrets, {
      judges: JUDGES,
      nominations: NOMINATIONS,
      criteria: CRITERIA,
    }));
  } finally {
    await db.destroy();
  }
  server = await startServer({ database: { url: `file:${file}`, ...secrets }, env: { LAUREL_WORKERS: "2" } });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the server with two worker processes", () => {
  it("serves from two processes, and every sheet judges submit to both at once is kept", async () => {
    // The first worker answers as soon as it listens; the primary says so once both do.
    await expect.poll(() => server.output(), { timeout: 30_000 }).toContain("(2 worker processes)");
    expect(workerPids()).toHaveLength(2);
    const r = await runJudgeClient({ url: server.url, judges, criteria: CRITERIA, seconds: 60 });
    expect(r.failed, server.output()).toBe(0);
    expect(r.ok).toBe(JUDGES * NOMINATIONS);
    expect(await submittedSheets()).toBe(JUDGES * NOMINATIONS);
  });

  it("replaces a worker that dies, and keeps serving", async () => {
    const [victim, survivor] = workerPids();
    process.kill(victim, "SIGKILL");
    await expect.poll(() => workerPids().filter((p) => p !== victim).length, { timeout: 30_000 }).toBe(2);
    expect(workerPids()).toContain(survivor);
    await expect
      .poll(() => server.output())
      .toContain(`Worker ${victim} exited (SIGKILL); starting another.`);
    await expect
      .poll(
        () =>
          fetch(`${server.url}/healthz`).then(
            (res) => res.status,
            () => 0,
          ),
        { timeout: 30_000 },
      )
      .toBe(200);
  });

  it("stops every worker on SIGTERM", async () => {
    const workers = workerPids();
    await server.stop();
    await expect.poll(() => workers.filter(alive).length, { timeout: 10_000 }).toBe(0);
  });
});
