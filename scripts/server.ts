import crypto from "node:crypto";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { AppServices } from "../app/utils/context.server";
import { CSRF_COOKIE, isValidCsrfToken, newCsrfToken } from "../app/utils/csrf.server";
import { readCookie } from "../app/utils/cookies.server";
import { publishedPageCache } from "./honors-cache";
import { DEFAULT_PAGE_CACHE_BYTES, setPageCacheBudget } from "../app/models/honor-page-cache.server";
import { MAX_SHEET_REQUEST_BYTES } from "../app/domain/nominations/upload-limits";
import { MAX_QUERY_PARAMS } from "../app/utils/form-body.server";
import { trustProxySetting } from "./trust-proxy";

const MAX_BODY_BYTES = 25 * 1024 * 1024;

/**
 * Scripts run only from our origin or with this response's nonce (Remix's inline hydration
 * scripts carry it, see entry.server.tsx). Inline style attributes stay allowed: the server-drawn
 * SVG charts use them, and styles cannot run code.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** 16 random bytes per response, drawn from a pool refilled 256 responses at a time (one system call, not one each). */
const NONCE_BYTES = 16;
let noncePool = Buffer.alloc(0);
function nextNonce(): string {
  if (noncePool.length < NONCE_BYTES) noncePool = crypto.randomBytes(NONCE_BYTES * 256);
  const nonce = noncePool.subarray(0, NONCE_BYTES).toString("base64");
  noncePool = noncePool.subarray(NONCE_BYTES);
  return nonce;
}

/** A year of HTTPS only, once a browser has seen us over HTTPS (it ignores the header over plain HTTP). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000";

function securityHeaders(production: boolean) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = nextNonce();
    res.locals.cspNonce = nonce;
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    // Not in development, where the server runs on plain http://localhost.
    if (production) res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    next();
  };
}

/**
 * A query string of more parameters than any link of ours carries is refused before any loader
 * parses it, as forms with too many fields are (issue #14).
 */
function queryLimit(req: Request, res: Response, next: NextFunction) {
  const url = req.originalUrl;
  let params = 1;
  for (let i = url.indexOf("?"); i !== -1 && i < url.length; i++)
    if (url.charCodeAt(i) === 38 /* & */ && ++params > MAX_QUERY_PARAMS) break;
  if (params > MAX_QUERY_PARAMS) {
    res
      .status(414)
      .type("text/plain; charset=utf-8")
      .send("414 网址中的参数过多 / Too many query parameters");
    return;
  }
  next();
}

/** Gives every visitor a signed CSRF token cookie; forms echo it back (see csrf.server.ts). */
function csrfCookie(secret: string, secure: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const existing = readCookie(req.headers.cookie ?? null, CSRF_COOKIE);
    if (isValidCsrfToken(secret, existing)) {
      res.locals.csrfToken = existing;
    } else {
      const token = newCsrfToken(secret);
      res.cookie(CSRF_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/" });
      res.locals.csrfToken = token;
    }
    next();
  };
}

/** The nominations sheet upload (decision 009) may carry a sheet of MAX_SHEET_BYTES; its route checks the rest. */
const SHEET_UPLOAD_PATH = /^\/competitions\/[^/]+\/nominations\/import(\/upload)?\/?$/;

function bodyLimit(req: Request, res: Response, next: NextFunction) {
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > (SHEET_UPLOAD_PATH.test(req.path) ? MAX_SHEET_REQUEST_BYTES : MAX_BODY_BYTES)) {
    res.status(413).type("text/plain; charset=utf-8").send("413 提交的内容过大 / Request too large");
    return;
  }
  next();
}

/** LAUREL_PAGE_CACHE_MB: the published-page cache's budget per process; 0 turns it off. */
function pageCacheBytes(setting = process.env.LAUREL_PAGE_CACHE_MB): number {
  if (setting === undefined || setting === "") return DEFAULT_PAGE_CACHE_BYTES;
  const mb = Number(setting);
  if (!Number.isFinite(mb) || mb < 0)
    throw new Error(`LAUREL_PAGE_CACHE_MB must be a number of megabytes, 0 or more (got "${setting}")`);
  return Math.floor(mb * 1024 * 1024);
}

export interface ServerOptions {
  build: ServerBuild;
  services: AppServices;
  /** The browser's files (the build's public/ in production, scripts/app-entry.ts). */
  publicDir?: string;
}

/** The production HTTP app: static files, security headers, CSRF cookie, then Remix. */
export function createHttpApp({ build, services, publicDir = path.resolve("public") }: ServerOptions) {
  setPageCacheBudget(pageCacheBytes());
  const app = express();
  app.disable("x-powered-by");
  const trust = trustProxySetting(process.env.TRUST_PROXY);
  if (trust !== undefined) app.set("trust proxy", trust);
  app.use(compression());
  app.use(securityHeaders(services.production));
  app.use(queryLimit);
  app.use(
    "/build",
    express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y", index: false }),
  );
  // Page URLs have no file extension: only paths with one are looked up on disk.
  const files = express.static(publicDir, { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? files(req, res, next) : next()));
  app.use(csrfCookie(services.secrets.sessionSecret, services.production));
  app.use(publishedPageCache(services.db, contentSecurityPolicy));
  app.use(bodyLimit);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: services.production ? "production" : "development",
      getLoadContext: (req, res) => ({
        ...services,
        csrfToken: res.locals.csrfToken,
        clientIp: req.ip ?? null,
        cspNonce: res.locals.cspNonce,
      }),
    }),
  );
  // Last resort, e.g. a URL that cannot be decoded: a plain 400, never a stack trace.
  app.use(
    (err: { status?: number; statusCode?: number }, _req: Request, res: Response, _next: NextFunction) => {
      const status = err.status ?? err.statusCode ?? 500;
      const id = crypto.randomBytes(4).toString("hex");
      if (status >= 500) console.error(`[${id}]`, err);
      res
        .status(status)
        .type("text/plain; charset=utf-8")
        .send(
          status >= 500
            ? `500 服务器内部错误 / Internal server error (${id})`
            : `${status} 请求无效 / Bad request`,
        );
    },
  );
  return app;
}
