/**
 * Whether the build in build/ is missing or older than the sources, and building it then: `npm
 * start` and `npm run laurel` ask before every run (scripts/run.mjs), the end-to-end tests and the
 * benchmarks before they start a server. The check reads file times only (a few milliseconds).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCES = ["app", "db", "seed", "scripts", "bin", "remix.config.js"];
const OUTPUTS = ["index.js", "server.js", "laurel.js", "matching-worker.js"];

function newestMtime(full) {
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(full, entry)));
  return newest;
}

/** The oldest output's time, 0 when one is missing. */
function builtAt(root) {
  let oldest = Infinity;
  for (const file of OUTPUTS) {
    try {
      oldest = Math.min(oldest, fs.statSync(path.join(root, "build", file)).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest;
}

export function isStale(root = ROOT) {
  const built = builtAt(root);
  return built === 0 || SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

/**
 * Runs `npm run build`'s script in a process of its own when the build is stale; false when that
 * failed. `output` receives the build's messages: a command's stdout is its answer, so the CLI
 * sends them to stderr.
 */
export function buildIfStale({ root = ROOT, output = "stdout" } = {}) {
  if (!isStale(root)) return true;
  const to = output === "stderr" ? 2 : "inherit";
  console[output === "stderr" ? "error" : "log"]("Building Laurel …");
  const run = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs")], {
    cwd: root,
    stdio: ["ignore", to, "inherit"],
  });
  if (run.status === 0) return true;
  console.error(
    "The build failed. If the build tools are missing (an install without devDependencies), run npm install.",
  );
  return false;
}
