import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { createServices } from "../../../app/utils/context.server";
import type { Secrets } from "../../../app/utils/secrets.server";
import { buildIfStale, isStale } from "../../../scripts/build-state.mjs";
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

type AppBuild = typeof import("../../../scripts/app-entry");

/**
 * The production build (the routes and the HTTP app, scripts/app-entry.ts), built first when
 * missing or older than the sources, as `npm start` does. Its output goes to stderr: with
 * --json, stdout carries the results alone.
 */
export async function serverBuild(log: (line: string) => void): Promise<AppBuild> {
  if (isStale(ROOT)) log("Building Laurel …");
  if (!buildIfStale({ root: ROOT, output: "stderr" })) throw new Error("The build failed");
  // The query string defeats the module cache should a long-lived process build twice.
  return (await import(`${pathToFileURL(BUILD).href}?t=${fs.statSync(BUILD).mtimeMs}`)) as AppBuild;
}

/** Secrets held in memory only (nothing lands in data/); one set per benchmark, for its database and server alike. */
export function benchSecrets(): Secrets {
  return {
    sessionSecret: crypto.randomBytes(32).toString("hex"),
    dataKey: crypto.randomBytes(32),
    generated: [],
  };
}

/** The production HTTP app (compiled in build/index.js, production mode) over `db`, in this process. */
export async function startLaurel(
  db: Kysely<Database>,
  secrets: Secrets,
  log: (line: string) => void,
): Promise<Listening> {
  const { createApp } = await serverBuild(log);
  return listen(createApp(createServices(db, secrets, true)));
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
