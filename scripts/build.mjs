/**
 * `npm run build` (docs/decisions/017). First the Remix build: build/index.js (the routes and the
 * HTTP app, see scripts/app-entry.ts) and build/public/build/ (the browser's bundles), beside
 * which public/ is copied (favicons). Then esbuild
 * compiles the programs that load it: build/server.js (`npm start`), build/laurel.js (the CLI)
 * and build/matching-worker.js (the matcher's thread), our code bundled and every package of
 * node_modules left to Node, with source maps so that a stack trace names the TypeScript source.
 *
 * Remix is called here rather than through its command line. Remix compiles with its own esbuild
 * (0.17), whose service process pings this one every second and which Remix never disposes, so
 * its command line ends with process.exit(): when that cuts off a ping in flight, the service
 * prints a Go "fatal error: all goroutines are asleep - deadlock!" trace on our terminal. Here
 * every esbuild service this process started is ended with a signal, which it obeys silently,
 * and the process then ends by itself.
 */
import childProcess from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { cli } from "@remix-run/dev";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The programs compiled beside the Remix build, by output name. */
export const PROGRAMS = {
  server: "scripts/start.ts",
  laurel: "bin/laurel.ts",
  "matching-worker": "app/models/matching-worker.server.ts",
};

/** The esbuild services started by this process (Remix's esbuild 0.17 has no stop()). */
const services = [];
const spawn = childProcess.spawn;
childProcess.spawn = (...args) => {
  const child = spawn(...args);
  if (String(args[1]).includes("--service")) services.push(child);
  return child;
};

async function build() {
  process.chdir(ROOT);
  // Remix empties only its assets' folder: start clean, so nothing stale is shipped.
  fs.rmSync("build", { recursive: true, force: true });
  await cli.run(["build"]);
  // public/build/ is where older versions built the browser's bundles: never copied.
  fs.cpSync("public", "build/public", {
    recursive: true,
    filter: (from) => from !== path.join("public", "build"),
  });
  await esbuild.build({
    entryPoints: PROGRAMS,
    outdir: "build",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    // A command's modules (and the packages they import) load when it runs, not at every start.
    splitting: true,
    // Flat: a chunk finds the worker and the seed files beside it, as the entries do.
    chunkNames: "[name]-[hash]",
    packages: "external",
    // The Remix build beside build/server.js, loaded at run time (scripts/start.ts).
    external: ["./index.js"],
    logLevel: "warning",
  });
  // The demo seed reads its reference data beside its module: in a build, beside the bundle.
  for (const file of fs.readdirSync("seed").filter((f) => f.endsWith(".csv")))
    fs.copyFileSync(path.join("seed", file), path.join("build", file));
}

try {
  await build();
} catch (error) {
  // esbuild has printed its errors already; Remix's arrive here.
  if (!(error && typeof error === "object" && "errors" in error)) console.error(error);
  process.exitCode = 1;
} finally {
  await esbuild.stop();
  for (const service of services) service.kill();
}
