import type { Kysely } from "kysely";
import { createCookie, type Cookie } from "@remix-run/node";
import type { Database } from "../../db/schema";
import type { Secrets } from "./secrets.server";
import { SESSION_LIFETIME_MS } from "../domain/sessions";

export interface AppServices {
  db: Kysely<Database>;
  secrets: Secrets;
  /** Signed; holds only the session's random token, the session itself is a database row (decision 012). */
  sessionCookie: Cookie;
  production: boolean;
}

/** What every loader and action receives: the process-wide services plus this request's facts. */
export interface AppContext extends AppServices {
  csrfToken: string;
  clientIp: string | null;
  /** This response's Content-Security-Policy nonce for Remix's inline scripts (absent in tests). */
  cspNonce?: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}

export const SESSION_COOKIE = "__laurel";

export function createServices(db: Kysely<Database>, secrets: Secrets, production: boolean): AppServices {
  const sessionCookie = createCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    maxAge: SESSION_LIFETIME_MS / 1000,
    secrets: [secrets.sessionSecret],
  });
  return { db, secrets, sessionCookie, production };
}
