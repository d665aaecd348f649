import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run laurel -- …` as an operator would, without npm's own noise. */
export function laurel(args: string[], env: Record<string, string>, input?: string): CliResult {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "bin/laurel.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, LANG: "C", LAUREL_LANG: "en", SESSION_SECRET: "s".repeat(40), LAUREL_DATA_KEY: "ab".repeat(32), ...env },
    input: input ?? "",
    encoding: "utf8",
    timeout: 60000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
