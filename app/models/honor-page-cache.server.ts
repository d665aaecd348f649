import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { rollVersion } from "./publication-refusals.server";

/**
 * The in-process cache of rendered public honor-roll pages (DESIGN issue 5, item 6). Entries are
 * stamped with the roll version (honor_roll_state), which every publication and revocation bumps:
 * this server drops its pages at once when it publishes, and every other server behind the same
 * database within VERSION_TTL_MS, when it next reads the version.
 *
 * One store per process, kept on globalThis: the HTTP server (scripts/) and the Remix build are
 * separate module instances of this file.
 */
export const VERSION_TTL_MS = 1000;

/** Routes mark a page cacheable with this header; the server's cache takes it off before sending. */
export const CACHEABLE_HEADER = "x-laurel-cache";
/** The body carries the visitor's CSRF token: browsers may keep it, shared caches may not. */
export const PUBLIC_CACHE_CONTROL = "private, max-age=0, must-revalidate";

/** The `headers` of a published public page: revalidated every time, and marked for the page cache. */
export function publishedPageHeaders(): Record<string, string> {
  return { "Cache-Control": PUBLIC_CACHE_CONTROL, [CACHEABLE_HEADER]: "1" };
}
const MAX_ENTRIES = 2000;

export interface CachedPage {
  version: number;
  /** The body split where the visitor's CSRF token goes. */
  parts: Buffer[];
  headers: Record<string, string>;
  /** The CSP nonce the page was rendered with; the cached page keeps it. */
  nonce: string;
}

interface Store {
  pages: Map<string, CachedPage>;
  version: number;
  readAt: number;
}

const KEY = Symbol.for("laurel.honorPageCache");

function store(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  return (g[KEY] ??= { pages: new Map(), version: -1, readAt: 0 });
}

/** The roll version, read from the database at most once per VERSION_TTL_MS. */
export async function currentRollVersion(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const s = store();
  if (now - s.readAt >= VERSION_TTL_MS) {
    const v = await rollVersion(db);
    if (v !== s.version) s.pages.clear();
    s.version = v;
    s.readAt = now;
  }
  return s.version;
}

export function cachedPage(key: string, version: number): CachedPage | undefined {
  const page = store().pages.get(key);
  return page && page.version === version ? page : undefined;
}

export function storePage(key: string, page: CachedPage): void {
  const { pages } = store();
  if (pages.size >= MAX_ENTRIES) pages.delete(pages.keys().next().value!);
  pages.set(key, page);
}

/** Drops every cached page now; call after a publication or revocation commits. */
export function invalidateRollPages(): void {
  const s = store();
  s.pages.clear();
  s.readAt = 0;
}

export function cachedPageCount(): number {
  return store().pages.size;
}
