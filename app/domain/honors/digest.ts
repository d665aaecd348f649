import { createHash } from "node:crypto";

/**
 * The published list in its canonical form, and its SHA-256 digest: a printed copy of the
 * decision can be checked against the digest shown on the public page and in the exports.
 * Only what the decision publishes goes in, so the digest never depends on database ids.
 */
export interface CanonicalEntry {
  position: number;
  name: string;
  gender: string | null;
  workplace: string | null;
  post: string | null;
  org: string;
}

export interface CanonicalCategory {
  name: string;
  kind: "individual" | "collective";
  entries: CanonicalEntry[];
}

export interface CanonicalList {
  competition: string;
  year: number;
  doc_number: string;
  published_on: string;
  publishing_org: string;
  categories: CanonicalCategory[];
}

/** Keys sorted at every level, no whitespace, NFC text: the same list always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object")
    return JSON.stringify(typeof value === "string" ? value.normalize("NFC") : value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** Categories in their given order, entries by position: order is part of the decision. */
export function canonicalList(list: CanonicalList): string {
  const sorted = {
    ...list,
    categories: list.categories.map((c) => ({
      ...c,
      entries: [...c.entries].sort((a, b) => a.position - b.position),
    })),
  };
  return canonicalJson(sorted);
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function listDigest(list: CanonicalList): string {
  return sha256Hex(canonicalList(list));
}
