import crypto from "node:crypto";
import { readCookie } from "./cookies.server";
import { errorResponse } from "./http.server";

export const CSRF_COOKIE = "laurel_csrf";
export const CSRF_FIELD = "_csrf";

function sign(secret: string, nonce: string): string {
  return crypto.createHmac("sha256", secret).update(`csrf:${nonce}`).digest("base64url");
}

export function newCsrfToken(secret: string): string {
  const nonce = crypto.randomBytes(18).toString("base64url");
  return `${nonce}.${sign(secret, nonce)}`;
}

/** The Set-Cookie value that hands a visitor `token`; the same attributes as the server's first one. */
export function csrfCookieHeader(token: string, secure: boolean): string {
  return `${CSRF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function isValidCsrfToken(secret: string, token: string | undefined | null): token is string {
  if (!token) return false;
  const [nonce, mac, extra] = token.split(".");
  if (!nonce || !mac || extra !== undefined) return false;
  const expected = Buffer.from(sign(secret, nonce));
  const given = Buffer.from(mac);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const url = new URL(request.url);
  if (origin && origin !== "null") {
    try {
      return new URL(origin).host === (request.headers.get("host") ?? url.host);
    } catch {
      return false;
    }
  }
  const site = request.headers.get("sec-fetch-site");
  return !site || site === "same-origin" || site === "none";
}

/**
 * Every mutation passes here: the request comes from our own origin and carries, in the form,
 * the signed token that sits in the visitor's cookie (double submit).
 */
export function verifyCsrf(request: Request, formToken: unknown, secret: string): void {
  const cookieToken = readCookie(request.headers.get("cookie"), CSRF_COOKIE);
  const ok =
    sameOrigin(request) &&
    typeof formToken === "string" &&
    isValidCsrfToken(secret, cookieToken) &&
    cookieToken.length === formToken.length &&
    crypto.timingSafeEqual(Buffer.from(cookieToken), Buffer.from(formToken));
  if (!ok) throw errorResponse(403, "error.403.csrf");
}
