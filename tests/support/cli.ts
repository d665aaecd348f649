import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** What every CLI run sees besides the test's own settings, in a process or in this one. */
const CLI_ENV = { LAUREL_LANG: "en", SESSION_SECRET: "s".repeat(40), LAUREL_DATA_KEY: "ab".repeat(32) };

/** Runs `npm run laurel -- …` as an operator would, without npm's own noise. */
export function laurel(args: string[], env: Record<string, string>, input?: string): CliResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "bin/laurel.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, LANG: "C", ...CLI_ENV, ...env },
    input: input ?? "",
    encoding: "utf8",
    timeout: 60000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let running = false;

/**
 * The same command line as `laurel`, run inside the test process: the command, its output and
 * exit status are those of a real run, without paying a fresh Node and TypeScript loader per call
 * (≈ 2 s of CPU each). `laurel` keeps the real process for what only a process shows (the entry
 * point, stdin, kill -9). One run at a time: it borrows process.env, stdout and stderr.
 */
export async function runLaurel(args: string[], env: Record<string, string>): Promise<CliResult> {
  if (running) throw new Error("runLaurel: one command at a time");
  running = true;
  const settings = { ...CLI_ENV, ...env };
  const saved = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  const out: string[] = [];
  const err: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const capture = (into: string[]) =>
    ((chunk: string | Uint8Array) => (
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")),
      true
    )) as typeof process.stdout.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  try {
    const { runCli } = await import("../../bin/cli-main");
    const status = await runCli(args);
    return { status, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    running = false;
  }
}
