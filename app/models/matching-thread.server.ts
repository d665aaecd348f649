import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import {
  suggestPairings,
  type MatchInput,
  type MatchOptions,
  type MatchResult,
} from "~/domain/registry/matching";

/** Instances smaller than this (helpers × counties) run inline: a thread costs more than they do. */
const INLINE_BELOW = 50_000;

/**
 * The thread for `workerData`. Compiled (this module is part of a bundle in build/, decision 017),
 * the thread runs build/matching-worker.js beside it. From the TypeScript sources (tests, tsx
 * scripts), it registers tsx's loader and then imports the worker's source beside this file
 * (`execArgv: ["--import", "tsx"]` is not honoured by worker threads on Node 20).
 */
function startThread(workerData: { input: MatchInput; options: MatchOptions }): Worker {
  if (import.meta.url.endsWith(".js"))
    return new Worker(new URL("./matching-worker.js", import.meta.url), { workerData });
  // tsx's ESM entry: its CommonJS one registers a path that does not exist when imported.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  const worker = new URL("./matching-worker.server.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(code, { eval: true, workerData });
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
    const worker = startThread({ input, options });
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
