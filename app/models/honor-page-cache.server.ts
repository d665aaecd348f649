import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { frontPageStamp } from "./front-page-stamp.server";
import { rollVersion } from "./publication-refusals.server";

/**
 * The in-process cache of rendered public honor-roll pages (issue 5, item 6; decision 006). Entries are
 * stamped with the roll version (honor_roll_state), which every publication and revocation bumps:
 * this server drops its pages at once when it publishes, and every other server behind the same
 * database within VERSION_TTL_MS, when it next reads the version.
 *
 * One store per process, in this module: the HTTP server and the routes are compiled into one
 * bundle (scripts/app-entry.ts, decision 017), so the middleware and the routes share it.
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
/**
 * The store is bounded by the bytes it holds, not by its number of pages: a print page of a long
 * roll weighs a hundred times a small one. The least recently served page goes first.
 */
export const DEFAULT_PAGE_CACHE_BYTES = 64 * 1024 * 1024;
/** Per page, besides its body: key, headers, nonce, tag and the Map's own bookkeeping (an estimate). */
const PAGE_OVERHEAD_BYTES = 512;

export interface CachedPage {
  /** The roll version (honor pages) or the front-page stamp (home and notices) it was rendered at. */
  version: number | string;
  /** The body split where the visitor's CSRF token goes. */
  parts: Buffer[];
  headers: Record<string, string>;
  /** The CSP nonce the page was rendered with; the cached page keeps it. */
  nonce: string;
  /** A hash of what the page says, the same on every server that renders it (see contentTag). */
  tag: string;
}

interface Store {
  pages: Map<string, CachedPage>;
  bytes: number;
  maxBytes: number;
  version: number;
  readAt: number;
  frontStamp: string;
  frontReadAt: number;
  boardStamp: string;
  boardReadAt: number;
}

const store: Store = {
  pages: new Map(),
  bytes: 0,
  maxBytes: DEFAULT_PAGE_CACHE_BYTES,
  version: -1,
  readAt: 0,
  frontStamp: "",
  frontReadAt: 0,
  boardStamp: "",
  boardReadAt: 0,
};

/** The roll version, read from the database at most once per VERSION_TTL_MS. */
export async function currentRollVersion(db: Kysely<Database>, now = Date.now()): Promise<number> {
  if (now - store.readAt >= VERSION_TTL_MS) {
    const v = await rollVersion(db);
    if (v !== store.version) clear(store);
    store.version = v;
    store.readAt = now;
  }
  return store.version;
}

/**
 * The front-page stamp (front-page-stamp.server.ts), read at most once per VERSION_TTL_MS: the home
 * page and the notices are cached under it, so a change shows here at once after
 * invalidateFrontPages() and on every other server within a second.
 */
export async function currentFrontStamp(db: Kysely<Database>, now = Date.now()): Promise<string> {
  if (now - store.frontReadAt >= VERSION_TTL_MS) {
    store.frontStamp = await frontPageStamp(db);
    store.frontReadAt = now;
  }
  return store.frontStamp;
}

/**
 * The contest boards' stamp (decision 029): every open board with its standings_version and the
 * time it was opened, read at most once per VERSION_TTL_MS. The public board pages (/contests,
 * /contests/:id?period&scope, per language) are cached under it, so a verification, a correction
 * or any change that bumps standings_version shows within a second on every server, and opening or
 * closing a board at once on this one (invalidateBoardPages).
 */
export async function currentBoardStamp(db: Kysely<Database>, now = Date.now()): Promise<string> {
  if (now - store.boardReadAt >= VERSION_TTL_MS) {
    store.boardStamp = await boardStamp(db);
    store.boardReadAt = now;
  }
  return store.boardStamp;
}

async function boardStamp(db: Kysely<Database>): Promise<string> {
  const rows = await db
    .selectFrom("contests")
    .select(["competition_id", "standings_version", "board_opened_at"])
    .where("board_public", "=", 1)
    .orderBy("competition_id")
    .execute();
  return "b" + rows.map((r) => `${r.competition_id}:${r.standings_version}:${r.board_opened_at}`).join(",");
}

/** Makes the next board page read the stamp again; call after opening or closing a board commits. */
export function invalidateBoardPages(): void {
  store.boardReadAt = 0;
}

function clear(s: Store): void {
  s.pages.clear();
  s.bytes = 0;
}

const sizeOf = (key: string, page: CachedPage) =>
  PAGE_OVERHEAD_BYTES + Buffer.byteLength(key) + page.parts.reduce((sum, p) => sum + p.length, 0);

function remove(s: Store, key: string): void {
  const page = s.pages.get(key);
  if (!page) return;
  s.pages.delete(key);
  s.bytes -= sizeOf(key, page);
}

export function cachedPage(key: string, version: number | string): CachedPage | undefined {
  const { pages } = store;
  const page = pages.get(key);
  if (!page || page.version !== version) return undefined;
  // Map order is the eviction order: a page served moves to the back.
  pages.delete(key);
  pages.set(key, page);
  return page;
}

export function storePage(key: string, page: CachedPage): void {
  remove(store, key);
  const size = sizeOf(key, page);
  if (size > store.maxBytes) return;
  while (store.bytes + size > store.maxBytes) remove(store, store.pages.keys().next().value!);
  store.pages.set(key, page);
  store.bytes += size;
}

/** Sets the store's byte budget (LAUREL_PAGE_CACHE_MB), dropping the oldest pages beyond it. */
export function setPageCacheBudget(maxBytes: number): void {
  store.maxBytes = maxBytes;
  while (store.bytes > store.maxBytes) remove(store, store.pages.keys().next().value!);
}

/** Drops every cached page now; call after a publication or revocation commits. */
export function invalidateRollPages(): void {
  clear(store);
  store.readAt = 0;
  store.frontReadAt = 0;
  store.boardReadAt = 0;
}

/** Makes the next front page read its stamp again; call after a change that front pages show commits. */
export function invalidateFrontPages(): void {
  store.frontReadAt = 0;
}

export function cachedPageCount(): number {
  return store.pages.size;
}

export function cachedPageStats(): { pages: number; bytes: number; maxBytes: number } {
  return { pages: store.pages.size, bytes: store.bytes, maxBytes: store.maxBytes };
}
