import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(import.meta.dirname, "../../app");
const THE_MODULE = path.join(APP, "utils/authorize.server.ts");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const offenders = (pattern: RegExp, except: string[] = []) =>
  sourceFiles(APP)
    .filter((f) => !except.includes(f) && pattern.test(fs.readFileSync(f, "utf8")))
    .map((f) => path.relative(APP, f));

// Issue #14: "may this user do X to this object" is answered in one place (app/domain/policy.ts,
// thrown by app/utils/authorize.server.ts). A route or model that refuses by itself, or a guard
// module beside it, is how a check got forgotten before; these keep the next one from coming back.
describe("authorization in one place", () => {
  it("no route or model throws a bare 403: refusals come from the policy", () => {
    expect(offenders(/\bforbidden\(\)/)).toEqual([]);
  });

  it("no *-guard.server module exists or is imported", () => {
    expect(fs.readdirSync(path.join(APP, "utils")).filter((f) => f.endsWith("-guard.server.ts"))).toEqual([]);
    expect(offenders(/-guard\.server["']/)).toEqual([]);
  });

  it("no role check beside the policy: requireRoleAt / requireRoleSomewhere are gone", () => {
    expect(offenders(/\brequireRole(At|Somewhere)\b/)).toEqual([]);
  });

  it("the policy's refusals are thrown by the authorization module only", () => {
    expect(offenders(/\bdecide\(/, [THE_MODULE, path.join(APP, "domain/policy.ts")])).toEqual([]);
  });
});
