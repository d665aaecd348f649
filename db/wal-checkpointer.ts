import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type SQLite from "better-sqlite3";

/** How often the background connection copies the write-ahead log back into the database file. */
const INTERVAL_MS = 250;
/** SQLite's own default, restored should the background thread stop. */
const AUTOCHECKPOINT_PAGES = 1000;

// Plain CommonJS, evaluated in the thread: it runs the same under tsx, vitest and a bundle.
const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const timer = setInterval(() => db.pragma("wal_checkpoint(PASSIVE)"), workerData.intervalMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the event loop. SQLite runs one inside the COMMIT that fills the log
 * past 1000 pages, fsync included, and every request waits while it does: under a stream of small
 * writes (judges submitting sheets) that was a tenth of the commits' time and the slowest answers.
 * Here the connection that serves never checkpoints; a thread with its own connection does, in
 * PASSIVE mode (never waiting for readers or writers). Should that thread fail, the serving
 * connection checkpoints by itself again. Returns the function that stops the thread.
 */
export function checkpointInBackground(sqlite: SQLite.Database, file: string): () => void {
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: {
      file,
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      intervalMs: INTERVAL_MS,
    },
  });
  worker.unref();
  let stopped = false;
  const fallBack = (why: string) => {
    if (stopped || !sqlite.open) return;
    stopped = true;
    console.error(`The background WAL checkpoint stopped (${why}); the server checkpoints by itself again.`);
    sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.once("error", (error) => fallBack(error.message));
  worker.once("exit", (code) => fallBack(`exit code ${code}`));
  sqlite.pragma("wal_autocheckpoint = 0");
  return () => {
    stopped = true;
    worker.postMessage("stop");
  };
}
