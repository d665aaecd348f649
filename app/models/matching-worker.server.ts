/**
 * The matcher's thread (decision 007): it receives a MatchInput, runs the pure `suggestPairings`
 * and posts the result back, so the server's event loop keeps answering while a national-scale
 * run takes its seconds. Compiled on its own to build/matching-worker.js (decision 017); from the
 * sources, tsx loads it (see matching-thread.server.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { suggestPairings, type MatchInput, type MatchOptions } from "../domain/registry/matching";

const { input, options } = workerData as { input: MatchInput; options: MatchOptions };
try {
  parentPort!.postMessage({ ok: true, result: suggestPairings(input, options) });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: (error as Error).message });
}
