import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { negotiateLocale } from "../app/i18n";
import { SESSION_COOKIE } from "../app/utils/context.server";
import { readCookie } from "../app/utils/cookies.server";
import { CACHEABLE_HEADER, cachedPage, currentRollVersion, PUBLIC_CACHE_CONTROL, storePage, type CachedPage } from "../app/models/honor-page-cache.server";
const KEPT_HEADERS = ["content-type", "content-language", "vary"];
/** Pages of another server or an earlier run differ in their nonce: never the same tag. */
const BOOT = crypto.randomBytes(4).toString("hex");

const hash = (text: string) => crypto.createHash("sha1").update(text).digest("base64url").slice(0, 12);

const isCandidate = (req: Request) =>
  (req.method === "GET" || req.method === "HEAD") && /^\/honors(\/|$)/.test(req.path) && !/\.[a-z0-9]+$/i.test(req.path) && !readCookie(req.headers.cookie ?? null, SESSION_COOKIE);

/** The page depends on its URL, locale and the roll version; the body also carries the visitor's CSRF token. */
const etagFor = (key: string, version: number, csrfToken: string) => `"${BOOT}-${version}-${hash(key)}-${hash(csrfToken)}"`;

function notModified(req: Request, res: Response, etag: string): boolean {
  if (!req.headers["if-none-match"]?.split(/\s*,\s*/).includes(etag)) return false;
  // The browser keeps the body and the policy it came with; a new nonce here would block its scripts.
  res.removeHeader("Content-Security-Policy");
  res.setHeader("ETag", etag);
  res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
  res.status(304).end();
  return true;
}

function send(req: Request, res: Response, page: CachedPage, etag: string, csrfToken: string, contentSecurityPolicy: (nonce: string) => string) {
  res.setHeader("ETag", etag);
  res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(page.nonce));
  for (const [k, v] of Object.entries(page.headers)) res.setHeader(k, v);
  const token = Buffer.from(csrfToken);
  const body = Buffer.concat(page.parts.flatMap((p, i) => (i === 0 ? [p] : [token, p])));
  res.status(200).setHeader("Content-Length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** Splits the rendered body where this request's CSRF token appears. */
function split(body: Buffer, token: string): Buffer[] {
  const parts: Buffer[] = [];
  const needle = Buffer.from(token);
  let from = 0;
  for (let at = body.indexOf(needle, from); at >= 0; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/** Tags and remembers the page Remix renders for this request, when its route marked it cacheable. */
function capture(res: Response, key: string, version: number, etag: string) {
  const chunks: Buffer[] = [];
  let cacheable = false;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    cacheable = status === 200 && !!res.getHeader(CACHEABLE_HEADER);
    res.removeHeader(CACHEABLE_HEADER);
    if (cacheable) {
      res.setHeader("ETag", etag);
      res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
    }
    return writeHead(status, ...rest);
  }) as Response["writeHead"];
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
    return write(chunk, ...rest);
  }) as Response["write"];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
    const result = end(chunk, ...rest);
    if (cacheable) {
      const headers = Object.fromEntries(KEPT_HEADERS.flatMap((h) => (res.getHeader(h) ? [[h, String(res.getHeader(h))]] : [])));
      storePage(key, { version, parts: split(Buffer.concat(chunks), String(res.locals.csrfToken)), headers, nonce: String(res.locals.cspNonce ?? "") });
    }
    return result;
  }) as Response["end"];
}

/**
 * Serves published honor-roll pages to anonymous visitors from memory, with an ETag (304 when it
 * matches). A page is kept as Remix rendered it, with the visitor's CSRF token put back in on
 * every answer and the nonce it was rendered with kept in its Content-Security-Policy. Signed-in
 * visitors (whose header differs) always get a fresh render.
 */
export function publishedPageCache(db: Kysely<Database>, contentSecurityPolicy: (nonce: string) => string) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!isCandidate(req)) return next();
    try {
      const version = await currentRollVersion(db);
      const locale = negotiateLocale(req.headers.cookie ?? null, req.headers["accept-language"] ?? null);
      const key = `${locale} ${req.originalUrl}`;
      const csrfToken = String(res.locals.csrfToken);
      const etag = etagFor(key, version, csrfToken);
      const page = cachedPage(key, version);
      if (page && notModified(req, res, etag)) return;
      if (page) return send(req, res, page, etag, csrfToken, contentSecurityPolicy);
      if (req.method === "GET") capture(res, key, version, etag);
      next();
    } catch (error) {
      next(error);
    }
  };
}
