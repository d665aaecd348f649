import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const AUTOCANNON = createRequire(import.meta.url).resolve("autocannon");

export interface LoadOptions {
  connections: number;
  /** Measured seconds per URL, in all (split across the rounds). */
  seconds: number;
  /** Seconds of load thrown away before measuring, per URL. */
  warmupSeconds: number;
  /** Interleaved rounds (see compareLoads). */
  rounds: number;
}

export interface LoadResult {
  /** Requests per second over the measured time. */
  rps: number;
  /** Latency percentiles in milliseconds; the request-weighted mean of the rounds' when more than one. */
  p50: number;
  p99: number;
  requests: number;
}

interface AutocannonJson {
  duration: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/**
 * One autocannon run in a child process — so that the server under test keeps this process's
 * event loop (and a core) to itself. Throws unless every answer was a 2xx.
 */
function autocannon(url: string, connections: number, seconds: number): Promise<AutocannonJson> {
  if (new URL(url).hostname !== "127.0.0.1") throw new Error(`Benchmarks load 127.0.0.1 only, not ${url}`);
  const args = [
    AUTOCANNON,
    "--connections",
    String(connections),
    "--duration",
    String(seconds),
    "--json",
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    // Bounded: a run that hangs is killed well after its duration.
    const timer = setTimeout(() => child.kill("SIGKILL"), (seconds + 30) * 1000);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`autocannon ${url} exited (${code ?? signal}): ${err.trim()}`));
      let r: AutocannonJson;
      try {
        r = JSON.parse(out.trim().split("\n").pop()!) as AutocannonJson;
      } catch {
        return reject(new Error(`autocannon ${url} printed no JSON: ${out.trim()} ${err.trim()}`));
      }
      if (r.errors || r.timeouts || r.non2xx || !r.requests.total) {
        const what = `${r.requests.total} answers, ${r.non2xx} of them not 2xx, ${r.errors} errors, ${r.timeouts} timeouts`;
        return reject(new Error(`${url} under load: ${what}`));
      }
      resolve(r);
    });
  });
}

/**
 * Loads each URL in turn and returns their figures, by name. With several rounds the URLs take
 * turns (a b c, a b c, …), each round `seconds / rounds` long, so that a neighbour's burst on a
 * shared machine lands on all of them rather than on whichever ran at that moment; that keeps
 * their ratios honest. Each URL gets its warm-up run once, before the first round.
 */
export async function compareLoads<K extends string>(
  urls: Record<K, string>,
  options: LoadOptions,
): Promise<Record<K, LoadResult>> {
  const names = Object.keys(urls) as K[];
  const perRound = Math.max(1, Math.round(options.seconds / options.rounds));
  if (options.warmupSeconds > 0)
    for (const name of names) await autocannon(urls[name], options.connections, options.warmupSeconds);
  const runs = new Map<K, AutocannonJson[]>(names.map((n) => [n, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const name of names)
      runs.get(name)!.push(await autocannon(urls[name], options.connections, perRound));
  }
  return Object.fromEntries(names.map((name) => [name, combine(runs.get(name)!)])) as Record<K, LoadResult>;
}

/** A single LoadResult from several runs of the same URL. */
function combine(runs: AutocannonJson[]): LoadResult {
  const requests = runs.reduce((sum, r) => sum + r.requests.total, 0);
  const seconds = runs.reduce((sum, r) => sum + r.duration, 0);
  const weighted = (pick: (r: AutocannonJson) => number) =>
    runs.reduce((sum, r) => sum + pick(r) * r.requests.total, 0) / requests;
  return {
    rps: requests / seconds,
    p50: weighted((r) => r.latency.p50),
    p99: weighted((r) => r.latency.p99),
    requests,
  };
}
