import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { buildIfStale } from "../../../scripts/build-state.mjs";

/** The repository root: the server runs from here, as `npm start` would. */
export const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface RunningServer {
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  /** Everything the server printed so far (stdout and stderr), for failure messages. */
  output: () => string;
  /** The server's process (the primary, when it runs worker processes). */
  pid: number;
  stop: () => Promise<void>;
}

/** A database the test prepared, with the secrets it was written with. */
export interface PreparedDatabase {
  /** Its DATABASE_URL: `file:…` or a postgres URL. */
  url: string;
  sessionSecret: string;
  dataKey: Buffer;
}

/** The processes `pid` started (a server's workers), from /proc; Linux only, none elsewhere. */
export function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** A port nobody listens on right now: the kernel picks one, we close and hand it over. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/**
 * Starts the real server, compiled (`build/server.js`, built first when stale, as `npm start`
 * does: migrate, demo data into the empty database, serve)
 * on a fresh SQLite file in a temp folder, with its secrets given so nothing lands in data/ — or
 * on `database`, which the test prepared (and removes). `env` adds to the server's environment,
 * `nodeArgs` to Node's command line (a benchmark's CPU profiling).
 * Resolves once it answers HTTP.
 */
export async function startServer({
  timeoutMs = 90_000,
  database,
  env = {},
  nodeArgs = [],
}: {
  timeoutMs?: number;
  database?: PreparedDatabase;
  env?: Record<string, string>;
  nodeArgs?: string[];
} = {}): Promise<RunningServer> {
  const dir = database ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-db-"));
  const db = database ?? {
    url: `file:${path.join(dir!, "laurel.db")}`,
    sessionSecret: crypto.randomBytes(32).toString("hex"),
    dataKey: crypto.randomBytes(32),
  };
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  if (!buildIfStale({ root: ROOT, output: "stderr" })) throw new Error("The build failed");
  const child = spawn(process.execPath, [...nodeArgs, "build/server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LAUREL_DEMO: "1",
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: db.sessionSecret,
      LAUREL_DATA_KEY: db.dataKey.toString("hex"),
      // No reminder scan mid-journey: it would drop notifications into inboxes whose counts the
      // tests read. The job itself is tested in tests/integration/reminder-job.test.ts.
      LAUREL_REMINDER_MINUTES: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const done = exited(child);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await done;
      clearTimeout(timer);
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`The server exited (${child.exitCode ?? child.signalCode}) before answering:\n${log}`);
    }
    try {
      const res = await fetch(`${url}/`, { redirect: "manual", signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, output: () => log, pid: child.pid!, stop };
}
