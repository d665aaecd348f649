import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve(import.meta.dirname, "../../../app");
const THE_COMPONENT = path.join(APP, "components/table-region.tsx");

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsxFiles(full) : e.name.endsWith(".tsx") ? [full] : [];
  });
}

// A wide table scrolls inside its wrapper; only TableRegion makes that wrapper keyboard-focusable
// and named (WCAG 2.1.1). A bare wrapper written again would strand keyboard users.
describe("table wrappers", () => {
  it("are all TableRegion: no component or page writes the scrolling div itself", () => {
    const bare = tsxFiles(APP).filter(
      (f) => f !== THE_COMPONENT && /className="table-wrap"/.test(fs.readFileSync(f, "utf8")),
    );
    expect(bare.map((f) => path.relative(APP, f))).toEqual([]);
  });
});
