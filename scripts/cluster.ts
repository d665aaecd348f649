import cluster from "node:cluster";
import { ConfigError } from "../app/utils/secrets.server";

const MAX_WORKERS = 64;
/** More unexpected exits than this within a minute means a worker cannot run: the server stops. */
const MAX_CRASHES_PER_MINUTE = 5;

/**
 * LAUREL_WORKERS, one by default: more workers serve reads faster, but on SQLite a long import in
 * one blocks and then fails writes in the others, where one process would queue them (decision 011).
 */
export function workerCount(env: NodeJS.ProcessEnv): number {
  const raw = env.LAUREL_WORKERS;
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_WORKERS)
    throw new ConfigError(`LAUREL_WORKERS must be a whole number from 1 to ${MAX_WORKERS} (got "${raw}")`);
  return n;
}

/**
 * Forks `count` workers running `script` (the compiled server) (they share one listening port, handed out by
 * Node's cluster module) and resolves with the address once every one of them listens. A worker
 * that dies later is replaced; one that dies before it serves, or workers that keep dying, stop
 * the whole server with an error, as a single process would. SIGTERM and SIGINT stop the workers
 * first, then this process.
 */
export function startWorkers(count: number, script: string): Promise<{ address: string; port: number }> {
  // Source maps as in this process (npm start turns them on, node build/server.js alone does not).
  const execArgv = process.sourceMapsEnabled
    ? [...process.execArgv, "--enable-source-maps"]
    : process.execArgv;
  cluster.setupPrimary({ exec: script, args: [], execArgv });
  let stopping = false;
  let listening = 0;
  const crashes: number[] = [];
  const stopAll = (code: number) => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    if (alive.length === 0) process.exit(code);
    let left = alive.length;
    for (const w of alive) {
      w!.once("exit", () => --left === 0 && process.exit(code));
      w!.process.kill("SIGTERM");
    }
  };
  process.once("SIGTERM", () => stopAll(0));
  process.once("SIGINT", () => stopAll(0));
  return new Promise((resolve, reject) => {
    cluster.on("listening", (_worker, address) => {
      if (++listening === count) resolve(address);
    });
    cluster.on("exit", (worker, code, signal) => {
      if (stopping) return;
      const how = signal ?? `code ${code}`;
      if (listening < count) {
        reject(new Error(`A worker exited (${how}) before it was serving`));
        stopAll(1);
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes[0] < now - 60_000) crashes.shift();
      if (crashes.length > MAX_CRASHES_PER_MINUTE) {
        console.error(`Workers exited ${crashes.length} times within a minute; stopping.`);
        stopAll(1);
        return;
      }
      console.error(`Worker ${worker.process.pid} exited (${how}); starting another.`);
      cluster.fork();
    });
    for (let i = 0; i < count; i++) cluster.fork();
  });
}
