import { redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import { getSessionUser, type SessionUser } from "~/models/user.server";
import type { Actor } from "~/models/audit.server";
import { createSession, deleteSession, sessionIdOf, touchSession } from "~/models/session.server";
import { needsTouch } from "~/domain/sessions";
import { csrfCookieHeader, newCsrfToken } from "./csrf.server";

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

async function sessionToken(request: Request, context: AppLoadContext): Promise<string | undefined> {
  const token: unknown = await context.sessionCookie.parse(request.headers.get("cookie"));
  return typeof token === "string" && TOKEN.test(token) ? token : undefined;
}

/**
 * The signed-in user, or undefined. The session is a database row (decision 012): one that was
 * ended (logout, expiry, a password or role change) signs nobody in, whatever the cookie says.
 */
export async function getUser(request: Request, context: AppLoadContext): Promise<SessionUser | undefined> {
  const token = await sessionToken(request, context);
  if (!token) return undefined;
  const now = Date.now();
  const sessionId = sessionIdOf(token);
  const found = await getSessionUser(context.db, sessionId, now);
  if (!found) return undefined;
  // Best effort: a missed touch costs at most a minute of idle time, never the request.
  if (needsTouch(found.lastSeenAt, now))
    await touchSession(context.db, sessionId, now).catch(() => undefined);
  return found.user;
}

/** Signed in, or off to the login page with a way back. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(request, context);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

export function actorOf(user: SessionUser | undefined, context: AppLoadContext): Actor {
  return { userId: user?.id ?? null, label: user?.username ?? "anonymous", ip: context.clientIp };
}

/**
 * The response headers of a sign-in: a fresh session (a new id on every sign-in) and a fresh CSRF
 * token, so that a token planted or read before sign-in is worth nothing after it.
 */
export async function commitLogin(context: AppLoadContext, userId: number, epoch: number): Promise<Headers> {
  const token = await createSession(context.db, userId, epoch);
  const headers = new Headers();
  headers.append("Set-Cookie", await context.sessionCookie.serialize(token));
  headers.append(
    "Set-Cookie",
    csrfCookieHeader(newCsrfToken(context.secrets.sessionSecret), context.production),
  );
  return headers;
}

/** Ends the session on the server (a copied cookie stops working too), clears the cookie and rotates the CSRF token. */
export async function commitLogout(request: Request, context: AppLoadContext): Promise<Headers> {
  const token = await sessionToken(request, context);
  if (token) await deleteSession(context.db, token);
  const headers = new Headers();
  headers.append(
    "Set-Cookie",
    await context.sessionCookie.serialize("", { maxAge: undefined, expires: new Date(0) }),
  );
  headers.append(
    "Set-Cookie",
    csrfCookieHeader(newCsrfToken(context.secrets.sessionSecret), context.production),
  );
  return headers;
}

/** Any origin of ours would do: only whether a path stays on it matters. */
const OWN_ORIGIN = "http://laurel.invalid";

/**
 * Only local paths, so that a crafted link cannot send a user elsewhere after sign-in. A browser
 * drops tabs and newlines from a Location and reads a backslash as "/", so "/\t/evil.example" would
 * leave: no control character or backslash is taken, and what is left must resolve on our origin.
 * The answer is the path as parsed (dot segments resolved, the rest percent-encoded), so it is
 * what the browser will follow and always a valid header value.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  const local = url.pathname + url.search + url.hash;
  // "/.//evil.example" resolves to "//evil.example": another host for the browser.
  return url.origin === OWN_ORIGIN && !local.startsWith("//") ? local : fallback;
}
