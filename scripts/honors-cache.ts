import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { negotiateLocale } from "../app/i18n";
import { normalizedPageUrl } from "../app/domain/honors/page-key";
import { SESSION_COOKIE } from "../app/utils/context.server";
import { readCookie } from "../app/utils/cookies.server";
import {
  CACHEABLE_HEADER,
  cachedPage,
  currentBoardStamp,
  currentFrontStamp,
  currentRollVersion,
  PUBLIC_CACHE_CONTROL,
  storePage,
  type CachedPage,
} from "../app/models/honor-page-cache.server";
const KEPT_HEADERS = ["content-type", "content-language", "vary"];

const hash = (text: string) => crypto.createHash("sha1").update(text).digest("base64url").slice(0, 12);

/** The home page and the notices, cached under the front-page stamp; the honor pages under the roll version. */
const FRONT_PAGE = /^\/(notices(\/[^/]*)?\/?)?$/;

/** The public contest boards, cached under the boards' stamp (decision 029); the honors index links to them. */
const BOARD_PAGE = /^\/contests(\/[^/]*)?\/?$/;
const HONORS_INDEX = /^\/honors\/?$/;

const isCandidate = (req: Request) =>
  (req.method === "GET" || req.method === "HEAD") &&
  (/^\/honors(\/|$)/.test(req.path) || FRONT_PAGE.test(req.path) || BOARD_PAGE.test(req.path)) &&
  !/\.[a-z0-9]+$/i.test(req.path) &&
  !readCookie(req.headers.cookie ?? null, SESSION_COOKIE);

/** Splits `body` where `needle` appears. */
function split(body: Buffer, needle: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(needle, from); at >= 0; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/**
 * What the page says, hashed without the two things that differ per response: the visitor's CSRF
 * token (the gaps between parts) and the CSP nonce. Every server rendering the same roll in the same
 * language gets the same tag, so a revalidation behind a balancer is a 304 wherever it lands.
 */
function contentTag(parts: Buffer[], nonce: string, headers: Record<string, string>): string {
  const h = crypto.createHash("sha1").update(JSON.stringify(headers));
  for (const part of parts) {
    h.update("\0token\0");
    for (const piece of nonce ? split(part, Buffer.from(nonce)) : [part]) h.update(piece).update("\0nonce\0");
  }
  return h.digest("base64url").slice(0, 22);
}

/**
 * Weak: the bytes differ from server to server in the nonce, the meaning does not. The visitor's
 * token is part of the tag, as it is part of the body.
 */
const etagFor = (page: CachedPage, csrfToken: string) => `W/"${page.tag}-${hash(csrfToken)}"`;

const matches = (req: Request, etag: string) =>
  !!req.headers["if-none-match"]?.split(/\s*,\s*/).includes(etag);

function notModified(res: Response, etag: string) {
  // The browser keeps the body and the policy it came with; a new nonce here would block its scripts.
  for (const h of ["Content-Security-Policy", "Content-Type", "Content-Length"]) res.removeHeader(h);
  res.setHeader("ETag", etag);
  res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
  res.statusCode = 304;
}

function send(
  req: Request,
  res: Response,
  page: CachedPage,
  csrfToken: string,
  contentSecurityPolicy: (nonce: string) => string,
) {
  const etag = etagFor(page, csrfToken);
  if (matches(req, etag)) return void (notModified(res, etag), res.end());
  res.setHeader("ETag", etag);
  res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(page.nonce));
  for (const [k, v] of Object.entries(page.headers)) res.setHeader(k, v);
  const token = Buffer.from(csrfToken);
  const body = Buffer.concat(page.parts.flatMap((p, i) => (i === 0 ? [p] : [token, p])));
  res.status(200).setHeader("Content-Length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}

type Chunk = string | Buffer | Uint8Array;
const toBuffer = (chunk: Chunk, encoding: unknown) =>
  typeof chunk === "string"
    ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
    : Buffer.from(chunk);

/**
 * Remembers the page Remix renders for this request when its route marked it cacheable. Such a
 * page is held back until it is whole: its ETag is the hash of its content, and a visitor who
 * already has that content (from this server or another) gets a 304 instead.
 */
function capture(req: Request, res: Response, key: string, version: number | string) {
  const chunks: Buffer[] = [];
  let cacheable: boolean | undefined;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  const decide = () => {
    if (cacheable === undefined) {
      cacheable = res.statusCode === 200 && !!res.getHeader(CACHEABLE_HEADER);
      res.removeHeader(CACHEABLE_HEADER);
    }
    return cacheable;
  };
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusCode = status;
    if (!decide()) return writeHead(status, ...rest);
    const given = rest.find((r) => r && typeof r === "object") as Record<string, string> | undefined;
    for (const [k, v] of Object.entries(given ?? {})) res.setHeader(k, v);
    return res;
  }) as Response["writeHead"];
  res.write = ((chunk: Chunk, ...rest: unknown[]) => {
    if (!decide()) return write(chunk, ...rest);
    if (chunk) chunks.push(toBuffer(chunk, rest[0]));
    return true;
  }) as Response["write"];
  res.end = ((chunk?: Chunk | (() => void), ...rest: unknown[]) => {
    if (!decide()) return end(chunk, ...rest);
    if (chunk && typeof chunk !== "function") chunks.push(toBuffer(chunk, rest[0]));
    const csrfToken = String(res.locals.csrfToken);
    const headers = Object.fromEntries(
      KEPT_HEADERS.flatMap((h) => (res.getHeader(h) ? [[h, String(res.getHeader(h))]] : [])),
    );
    const nonce = String(res.locals.cspNonce ?? "");
    const body = Buffer.concat(chunks);
    const parts = split(body, Buffer.from(csrfToken));
    const page: CachedPage = { version, parts, headers, nonce, tag: contentTag(parts, nonce, headers) };
    storePage(key, page);
    const etag = etagFor(page, csrfToken);
    if (matches(req, etag)) {
      notModified(res, etag);
      writeHead(304);
      return end();
    }
    res.setHeader("ETag", etag);
    res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
    writeHead(200);
    return end(body);
  }) as Response["end"];
}

/** The stamp a page is cached under: the honors index shows a link to the boards when one is open. */
async function versionOf(db: Kysely<Database>, path: string): Promise<number | string> {
  if (FRONT_PAGE.test(path)) return currentFrontStamp(db);
  if (BOARD_PAGE.test(path)) return currentBoardStamp(db);
  const roll = await currentRollVersion(db);
  return HONORS_INDEX.test(path) ? `${roll} ${await currentBoardStamp(db)}` : roll;
}

/**
 * Serves published honor-roll pages, the home page and the notices to anonymous visitors from memory, with an ETag drawn from the
 * content (304 when it matches). A page is kept as Remix rendered it, with the visitor's CSRF token
 * put back in on every answer and the nonce it was rendered with kept in its
 * Content-Security-Policy. Its URL is first cut down to the parameters the page reads
 * (normalizedPageUrl), for the render too, so unknown parameters neither add pages nor show in
 * one. Signed-in visitors (whose header differs) always get a fresh render.
 */
export function publishedPageCache(db: Kysely<Database>, contentSecurityPolicy: (nonce: string) => string) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!isCandidate(req)) return next();
    try {
      const q = req.originalUrl.indexOf("?");
      const url =
        q < 0
          ? normalizedPageUrl(req.originalUrl, "")
          : normalizedPageUrl(req.originalUrl.slice(0, q), req.originalUrl.slice(q));
      if (url !== req.originalUrl) req.url = req.originalUrl = url;
      const version = await versionOf(db, req.path);
      const locale = negotiateLocale(req.headers.cookie ?? null, req.headers["accept-language"] ?? null);
      const key = `${locale} ${url}`;
      const page = cachedPage(key, version);
      if (page) return send(req, res, page, String(res.locals.csrfToken), contentSecurityPolicy);
      if (req.method === "GET") capture(req, res, key, version);
      next();
    } catch (error) {
      next(error);
    }
  };
}
