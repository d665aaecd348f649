import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import type { Database } from "../../db/schema";
import { createServices } from "../../app/utils/context.server";
import { CSRF_COOKIE, newCsrfToken } from "../../app/utils/csrf.server";
import { createSession } from "../../app/models/session.server";
import type { Secrets } from "../../app/utils/secrets.server";

const secrets: Secrets = {
  sessionSecret: crypto.randomBytes(32).toString("hex"),
  dataKey: crypto.randomBytes(32),
  generated: [],
};
const ORIGIN = "http://laurel.test";

/** Calls route loaders and actions the way the server does, with a visitor's cookies. */
export function routeHarness(db: Kysely<Database>) {
  const services = createServices(db, secrets, false);
  const csrfToken = newCsrfToken(secrets.sessionSecret);
  const context: AppLoadContext = { ...services, csrfToken, clientIp: "127.0.0.1" };

  /** A signed-in session for `userId` (a row in `sessions`, as a sign-in makes one); its Cookie header part. */
  async function sessionCookie(userId: number): Promise<string> {
    const row = await db
      .selectFrom("users")
      .select("session_epoch")
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    const token = await createSession(db, userId, row.session_epoch);
    return (await services.sessionCookie.serialize(token)).split(";")[0];
  }

  async function headersFor(userId?: number, extra: Record<string, string> = {}, session?: string) {
    const cookies = [`${CSRF_COOKIE}=${csrfToken}`];
    if (session) cookies.push(session);
    else if (userId) cookies.push(await sessionCookie(userId));
    return { cookie: cookies.join("; "), host: "laurel.test", ...extra };
  }

  return {
    context,
    csrfToken,
    sessionCookie,
    async get(
      loader: (args: LoaderFunctionArgs) => unknown,
      path: string,
      {
        userId,
        params = {},
        session,
      }: { userId?: number; params?: Record<string, string>; session?: string } = {},
    ) {
      const request = new Request(ORIGIN + path, { headers: await headersFor(userId, {}, session) });
      return settle(() => loader({ request, params, context }));
    },
    async post(
      action: (args: ActionFunctionArgs) => unknown,
      path: string,
      form: Record<string, string | string[]>,
      {
        userId,
        params = {},
        csrf = csrfToken,
        origin = ORIGIN,
        ip,
        session,
      }: {
        userId?: number;
        params?: Record<string, string>;
        csrf?: string;
        origin?: string;
        ip?: string;
        session?: string;
      } = {},
    ) {
      const body = new URLSearchParams();
      body.set("_csrf", csrf);
      for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
      const request = new Request(ORIGIN + path, {
        method: "POST",
        body,
        headers: await headersFor(userId, { origin }, session),
      });
      return settle(() => action({ request, params, context: ip ? { ...context, clientIp: ip } : context }));
    },
  };
}

export interface Outcome {
  status: number;
  data: any;
  headers: Headers;
}

/** A loader's or action's result — returned or thrown — as status, data and headers. */
async function settle(fn: () => unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await fn();
  } catch (thrown) {
    value = thrown;
    if (thrown instanceof Error) throw thrown;
  }
  if (value instanceof Response) {
    const text = await value.text();
    return { status: value.status, data: text ? safeJson(text) : null, headers: value.headers };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const d = value as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, data: d.data, headers: new Headers(d.init?.headers) };
  }
  return { status: 200, data: value, headers: new Headers() };
}

function safeJson(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
