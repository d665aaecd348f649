import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import {
  suggestPairings,
  type MatchInput,
  type MatchOptions,
  type MatchResult,
} from "~/domain/registry/matching";

/** Instances smaller than this (helpers × counties) run inline: a thread costs more than they do. */
const INLINE_BELOW = 50_000;
const WORKER_FILE = "app/models/matching-worker.server.ts";

/**
 * The worker's source file, found by walking up from this module: the same code runs from
 * app/models (tests, CLI) and from the server bundle in build/.
 */
function workerPath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, WORKER_FILE);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  const fromCwd = path.resolve(WORKER_FILE);
  if (fs.existsSync(fromCwd)) return fromCwd;
  throw new Error(`matching worker not found (${WORKER_FILE})`);
}

/**
 * The thread's first lines: register tsx's loader, then import the worker's TypeScript source.
 * (`execArgv: ["--import", "tsx"]` is not honoured by worker threads on Node 20.)
 */
function bootstrap(): string {
  // The ESM entry: tsx's CommonJS one registers a path that does not exist when imported.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  const worker = pathToFileURL(workerPath()).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
}

/** Runs the matcher on a worker thread when the instance is large, inline otherwise. */
export function runMatcher(
  input: MatchInput,
  options: MatchOptions = {},
  { thread }: { thread?: boolean } = {},
): Promise<MatchResult> {
  const size = input.helpers.length * input.counties.length;
  if (thread === false || (thread === undefined && size < INLINE_BELOW))
    return Promise.resolve(suggestPairings(input, options));
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap(), { eval: true, workerData: { input, options } });
    worker.once("message", (msg: { ok: true; result: MatchResult } | { ok: false; message: string }) => {
      if (msg.ok) resolve(msg.result);
      else reject(new Error(msg.message));
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`matching worker exited with code ${code}`));
    });
  });
}
