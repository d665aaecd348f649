import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import type { Kysely } from "kysely";
import type { ServerBuild } from "@remix-run/node";
import type { Database } from "../../../db/schema";
import { createServices } from "../../../app/utils/context.server";
import type { Secrets } from "../../../app/utils/secrets.server";
import { createHttpApp } from "../../../scripts/server";
import { childPids, startServer } from "../../e2e/support/server";

/** The repository root: `npm run bench` runs from here, and so do remix build and the build's paths. */
export const ROOT = path.resolve(import.meta.dirname, "../../..");
const BUILD = path.join(ROOT, "build/index.js");

export interface Listening {
  /** e.g. http://127.0.0.1:43121 — benchmarks never leave the loopback address. */
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1, on a port the kernel picks. */
export function listen(handler: http.RequestListener): Promise<Listening> {
  const server = http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The production server build, built first when missing or older than the sources (as `npm start` does). */
export async function serverBuild(log: (line: string) => void): Promise<ServerBuild> {
  const built = fs.existsSync(BUILD) ? fs.statSync(BUILD).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(ROOT, "app")),
    newestMtime(path.join(ROOT, "db")),
    newestMtime(path.join(ROOT, "seed")),
    fs.statSync(path.join(ROOT, "remix.config.js")).mtimeMs,
  );
  if (built < sources) {
    log("Building Laurel (remix build) …");
    // Its output goes to stderr: with --json, stdout carries the results alone.
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
      cwd: ROOT,
      stdio: ["ignore", 2, 2],
      env: { ...process.env, NODE_ENV: "production" },
    });
  }
  // The query string defeats the module cache should a long-lived process build twice.
  return (await import(`${pathToFileURL(BUILD).href}?t=${fs.statSync(BUILD).mtimeMs}`)) as ServerBuild;
}

/** Secrets held in memory only (nothing lands in data/); one set per benchmark, for its database and server alike. */
export function benchSecrets(): Secrets {
  return {
    sessionSecret: crypto.randomBytes(32).toString("hex"),
    dataKey: crypto.randomBytes(32),
    generated: [],
  };
}

/** The production HTTP app (scripts/server.ts, production mode) over `db`, in this process. */
export async function startLaurel(
  db: Kysely<Database>,
  secrets: Secrets,
  log: (line: string) => void,
): Promise<Listening> {
  const build = await serverBuild(log);
  const app = createHttpApp({
    build,
    services: createServices(db, secrets, true),
    publicDir: path.join(ROOT, "public"),
  });
  return listen(app);
}

/** A plain node:http server answering every request with the same bytes from memory. */
export function startPlainServer(body: Buffer, contentType: string): Promise<Listening> {
  return listen((_req, res) => {
    res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
    res.end(body);
  });
}

export interface SpawnedLaurel extends Listening {
  /** CPU seconds used so far by the server's processes (the primary and its workers), from /proc. */
  cpuSeconds(): number;
  /** What the server printed. */
  output(): string;
}

/** utime + stime of `pid` and of its child processes, in seconds; Linux only. */
function processTreeCpuSeconds(pid: number): number {
  const ticks = (p: number) => {
    try {
      // Fields after the command (which may hold spaces) start at its closing parenthesis.
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  };
  return [pid, ...childPids(pid)].reduce((sum, p) => sum + ticks(p), 0) / 100;
}

/**
 * The production server as `NODE_ENV=production npm start` runs it — with its default number of
 * worker processes unless LAUREL_WORKERS says otherwise — over `databaseUrl` (started as the e2e
 * tests start it). Resolves once it answers.
 */
export async function spawnLaurel(
  databaseUrl: string,
  secrets: Secrets,
  log: (line: string) => void,
): Promise<SpawnedLaurel> {
  await serverBuild(log);
  // BENCH_CPU_PROFILE_DIR: each server process writes a V8 .cpuprofile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE_DIR)}`]
    : [];
  const server = await startServer({
    database: { url: databaseUrl, sessionSecret: secrets.sessionSecret, dataKey: secrets.dataKey },
    nodeArgs: profile,
  });
  log(server.output().split("\n")[0]);
  return {
    url: server.url,
    output: server.output,
    close: server.stop,
    cpuSeconds: () => processTreeCpuSeconds(server.pid),
  };
}
