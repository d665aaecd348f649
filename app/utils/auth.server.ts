import crypto from "node:crypto";
import { redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import type { Role } from "../../db/schema";
import { hasRole, hasRoleAt, scopesOf } from "~/domain/permissions";
import { getSessionUser, type SessionUser } from "~/models/user.server";
import type { Actor } from "~/models/audit.server";
import { forbidden } from "./http.server";

/** The signed-in user, or undefined. A session from an older epoch (password or roles changed) is void. */
export async function getUser(request: Request, context: AppLoadContext): Promise<SessionUser | undefined> {
  const session = await context.sessions.getSession(request.headers.get("cookie"));
  const userId = session.get("userId");
  if (typeof userId !== "number") return undefined;
  const user = await getSessionUser(context.db, userId);
  if (!user || user.epoch !== session.get("epoch")) return undefined;
  return user;
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

/** Holds `role` at the org of `orgPath` or above it; otherwise 403. */
export function requireRoleAt(user: SessionUser, role: Role, orgPath: string): void {
  if (!hasRoleAt(user.grants, role, orgPath)) throw forbidden();
}

/** Holds `role` somewhere; returns the subtree paths where it holds it. */
export function requireRoleSomewhere(user: SessionUser, role: Role): string[] {
  if (!hasRole(user.grants, role)) throw forbidden();
  return scopesOf(user.grants, role);
}

export function actorOf(user: SessionUser | undefined, context: AppLoadContext): Actor {
  return { userId: user?.id ?? null, label: user?.username ?? "anonymous", ip: context.clientIp };
}

/** A fresh session for `userId`: a new session id on every sign-in. */
export async function commitLogin(context: AppLoadContext, userId: number, epoch: number): Promise<string> {
  const session = await context.sessions.getSession();
  session.set("userId", userId);
  session.set("epoch", epoch);
  session.set("sid", crypto.randomBytes(16).toString("base64url"));
  return context.sessions.commitSession(session);
}

export async function commitLogout(request: Request, context: AppLoadContext): Promise<string> {
  const session = await context.sessions.getSession(request.headers.get("cookie"));
  return context.sessions.destroySession(session);
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
