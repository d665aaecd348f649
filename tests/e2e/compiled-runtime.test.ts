import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suggestPairings, type MatchInput } from "~/domain/registry/matching";
import { childPids, freePort, ROOT } from "./support/server";

// Issue #15 item 3 (decision 017): production and the CLI run compiled JavaScript from build/.
// A newcomer's clone is copied to a temp folder with node_modules linked package by package, tsx
// left out: `npm start` there must build, serve without tsx, and print no esbuild goroutine trace.
const GO_TRACE = /all goroutines are asleep|fatal error:|goroutine \d+ \[/;

let clone: string;
let server: ChildProcess;
let log = "";
let errors = "";

/** The tracked and new files of the work tree, as a clone would have them. */
function copyTree(to: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  for (const file of files.split("\0").filter(Boolean)) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(from, path.join(to, file));
  }
}

/** node_modules as links to the installed packages, without tsx (a dev tool the runtime must not need). */
function linkModules(to: string): void {
  const installed = fs.realpathSync(path.join(ROOT, "node_modules"));
  for (const dir of ["", ".bin"]) {
    fs.mkdirSync(path.join(to, "node_modules", dir), { recursive: true });
    for (const name of fs.readdirSync(path.join(installed, dir))) {
      if (name === "tsx" || (dir === "" && name === ".bin")) continue;
      fs.symlinkSync(path.join(installed, dir, name), path.join(to, "node_modules", dir, name));
    }
  }
}

/** Every process under `pid`, with its command line. */
function processTree(pid: number): { pid: number; cmd: string }[] {
  return childPids(pid).flatMap((child) => {
    let cmd = "";
    try {
      cmd = fs.readFileSync(`/proc/${child}/cmdline`, "utf8").replaceAll("\0", " ");
    } catch {
      // gone meanwhile
    }
    return [{ pid: child, cmd }, ...processTree(child)];
  });
}

const running = () => server.exitCode === null && server.signalCode === null;

async function answers(url: string, deadline: number): Promise<void> {
  for (;;) {
    if (!running()) throw new Error(`npm start exited (${server.exitCode ?? server.signalCode}):\n${log}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`npm start did not answer:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  clone = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-clone-"));
  copyTree(clone);
  linkModules(clone);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1" };
  for (const key of ["NODE_ENV", "DATABASE_URL", "SESSION_SECRET", "LAUREL_DATA_KEY", "NODE_OPTIONS"])
    delete env[key];
  // Its own process group, so that the stop below is a terminal's Ctrl-C.
  server = spawn("npm", ["start"], { cwd: clone, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => {
    log += chunk.toString();
    errors += chunk.toString();
  });
  await answers(`http://127.0.0.1:${port}/`, Date.now() + 240_000);
}, 300_000);

afterAll(async () => {
  if (server && running()) {
    process.kill(-server.pid!, "SIGKILL");
    await new Promise((r) => server.once("exit", r));
  }
  if (clone) fs.rmSync(clone, { recursive: true, force: true });
});

describe("a fresh clone's npm start", () => {
  it("builds the compiled server and serves it, with no esbuild service left running", () => {
    for (const file of ["index.js", "server.js", "laurel.js", "matching-worker.js"])
      expect(fs.existsSync(path.join(clone, "build", file)), file).toBe(true);
    expect(log).toContain("Laurel is serving");
    const tree = processTree(server.pid!);
    expect(tree.filter((p) => /esbuild|tsx/.test(p.cmd))).toEqual([]);
    expect(errors).not.toMatch(GO_TRACE);
  });

  it("runs the compiled CLI without building again", () => {
    const r = spawnSync("npm", ["run", "-s", "laurel", "--", "--help"], { cwd: clone, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: npm run laurel -- <command>");
  });

  it("stops on Ctrl-C without a goroutine trace", async () => {
    process.kill(-server.pid!, "SIGINT");
    await new Promise((r) => (running() ? server.once("exit", r) : r(null)));
    expect(errors).not.toMatch(GO_TRACE);
  });
});

describe("the compiled matcher thread", () => {
  it("answers as the inline matcher does, from build/matching-worker.js", async () => {
    const input: MatchInput = { counties: [], helpers: [], pairings: [] };
    const worker = new Worker(path.join(clone, "build/matching-worker.js"), {
      workerData: { input, options: {} },
    });
    const message = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    expect(message).toEqual({ ok: true, result: suggestPairings(input, {}) });
  });
});
