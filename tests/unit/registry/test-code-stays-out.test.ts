import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

// Issue #15: instance generators and MIP references are test code, and highs is a devDependency
// that a production install does not have: the app, the CLI and the server may not import them.
describe("test-only code stays out of what ships", () => {
  it("no file under app/, bin/ or db/ imports from tests/ or the highs solver", () => {
    const offenders = ["app", "bin", "db"]
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((f) =>
        /from\s+["'](?:[./]*tests\/|highs["'])|instance-generator/.test(fs.readFileSync(f, "utf8")),
      )
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
