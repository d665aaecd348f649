import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportCsv, neutralizeCell, parseCsv } from "~/domain/csv";

const ROOT = path.resolve(import.meta.dirname, "../..");
const THE_WRITER = path.join(ROOT, "app/domain/csv.ts");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : /\.(ts|tsx|mjs)$/.test(e.name) ? [full] : [];
  });
}

const code = ["app", "bin", "scripts", "db"]
  .flatMap((d) => sources(path.join(ROOT, d)))
  .filter((f) => f !== THE_WRITER);
const rel = (files: string[]) => files.map((f) => path.relative(ROOT, f));

describe("the export CSV writer", () => {
  it("neutralizes every cell that a spreadsheet would run, numbers and plain text pass", () => {
    const text = exportCsv([["=1+1", "+1", "-1", "@A1", "\t=x", "\r=x", "东村", 42, -3, true, null]], {
      bom: false,
    });
    expect(parseCsv(text)).toEqual([
      ["'=1+1", "'+1", "'-1", "'@A1", "'\t=x", "'\r=x", "东村", "42", "-3", "true", ""],
    ]);
    expect(neutralizeCell("'=x")).toBe("'=x");
    expect(exportCsv([["a"]]).startsWith("\ufeff")).toBe(true);
  });

  // Issue #14: a footer written by hand skipped the neutralizer. Every export goes through exportCsv.
  it("is the only one: no export builds CSV text itself", () => {
    const handMade = code.filter((f) => {
      // An XLSX drop-down list's formula ("a,b,c") is comma-joined too, and is no CSV.
      const src = fs
        .readFileSync(f, "utf8")
        .split("\n")
        .filter((line) => !/\bformulae:/.test(line))
        .join("\n");
      return (
        /\btoCsv\(|\bcsvCell\(/.test(src) || (/csv/i.test(src) && /\.join\(\s*["'`],["'`]\s*\)/.test(src))
      );
    });
    expect(rel(handMade)).toEqual([]);
    const writers = code.filter((f) =>
      /text\/csv; charset|format === "csv"/.test(fs.readFileSync(f, "utf8")),
    );
    expect(writers.length).toBeGreaterThanOrEqual(4);
    expect(rel(writers.filter((f) => !/\bexportCsv\(/.test(fs.readFileSync(f, "utf8"))))).toEqual([]);
  });
});
