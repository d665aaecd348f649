import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DOMAIN_DOC = path.join(ROOT, "docs/domain.md");

// Issue #15 item 4: the project is explained by its own docs (docs/domain.md, docs/decisions/),
// never by the brief it was first built from, which a user's clone does not have. The patterns are
// spelled in pieces so that this file does not match itself.
const BRIEF_NAME = new RegExp(`\\b${["DES", "IGN"].join("")}\\b`);
const SECTION_SIGN = /\u00a7\s*\d/;
const SHARED_FOLDER = new RegExp(["\\.\\.", "shared"].join("/"));

const SCANNED = ["app", "db", "seed", "bin", "scripts", "tests", "docs", ".ci", "README.md"];
const SKIPPED_DIRS = new Set(["node_modules", "build", "data", ".cache"]);

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() && SKIPPED_DIRS.has(e.name) ? [] : files(path.join(entry, e.name))));
}

/** Text files only: a file with a NUL byte is binary and cites nothing. */
function texts(): { file: string; text: string }[] {
  return SCANNED.flatMap(files).flatMap((file) => {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    return text.includes("\u0000") ? [] : [{ file, text }];
  });
}

const offenders = (pattern: RegExp) =>
  texts()
    .filter(({ text }) => pattern.test(text))
    .map(({ file }) => file);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1])));
}

describe("the project's own docs", () => {
  it("nothing cites the brief by name", () => {
    expect(offenders(BRIEF_NAME)).toEqual([]);
  });

  it("nothing cites a numbered section of the brief", () => {
    expect(offenders(SECTION_SIGN)).toEqual([]);
  });

  it("nothing reaches for a folder outside the project", () => {
    expect(offenders(SHARED_FOLDER)).toEqual([]);
  });

  it("every citation of docs/domain.md names a heading it has", () => {
    const anchors = anchorsOf(fs.readFileSync(DOMAIN_DOC, "utf8"));
    const broken = texts().flatMap(({ file, text }) =>
      [...text.matchAll(/domain\.md#([\p{L}\p{N}_-]+)/gu)]
        .filter((m) => !anchors.has(m[1]))
        .map((m) => `${file}: #${m[1]}`),
    );
    expect(broken).toEqual([]);
  });

  it("every decision cited by path exists", () => {
    const decisions = new Set(fs.readdirSync(path.join(ROOT, "docs/decisions")).map((f) => f.slice(0, 3)));
    const broken = texts().flatMap(({ file, text }) =>
      [...text.matchAll(/docs\/decisions\/(\d{3})/g)]
        .filter((m) => !decisions.has(m[1]))
        .map((m) => `${file}: ${m[0]}`),
    );
    expect(broken).toEqual([]);
  });

  it("the glossary explains the terms union offices use", () => {
    const doc = fs.readFileSync(DOMAIN_DOC, "utf8");
    const terms = [
      "推荐",
      "差额推荐",
      "资格审查",
      "回避",
      "公示",
      "递补",
      "文号",
      "一票否决",
      "结对",
      "深度贫困县",
    ];
    expect(terms.filter((t) => !doc.includes(`| ${t}`))).toEqual([]);
  });
});
