import type { Kysely } from "kysely";
import { createCookieSessionStorage, type SessionStorage } from "@remix-run/node";
import type { Database } from "../../db/schema";
import type { Secrets } from "./secrets.server";

export interface SessionData {
  userId: number;
  epoch: number;
  sid: string;
}

export interface AppServices {
  db: Kysely<Database>;
  secrets: Secrets;
  sessions: SessionStorage<SessionData>;
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
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function createServices(db: Kysely<Database>, secrets: Secrets, production: boolean): AppServices {
  const sessions = createCookieSessionStorage<SessionData>({
    cookie: {
      name: SESSION_COOKIE,
      httpOnly: true,
      sameSite: "lax",
      secure: production,
      path: "/",
      maxAge: SESSION_MAX_AGE_SECONDS,
      secrets: [secrets.sessionSecret],
    },
  });
  return { db, secrets, sessions, production };
}
