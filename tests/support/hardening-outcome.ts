import type { AppLoadContext } from "@remix-run/node";
import type { Outcome } from "./remix";

/** What a visitor got, in the matrix's words: "ok", "login", or the refusal's status. */
export function classify(outcome: Outcome, method: "GET" | "POST"): string {
  const { status } = outcome;
  const location = outcome.headers.get("location") ?? "";
  if (status >= 300 && status < 400) return location.startsWith("/login") ? "login" : "ok";
  if (status < 300) return "ok";
  // A form answer (field errors) means the guard let the visitor through and the input was refused.
  if (method === "POST" && [400, 409, 413].includes(status) && formAnswer(outcome.data)) return "ok";
  return String(status);
}

function formAnswer(data: unknown): boolean {
  return !!data && typeof data === "object" && "errors" in data && !!(data as { errors: unknown }).errors;
}

/** Runs a loader or action call, turning an unexpected exception into the 500 the server would send. */
export async function attempt(
  call: () => Promise<Outcome>,
): Promise<Outcome | { status: 500; data: string; headers: Headers }> {
  try {
    return await call();
  } catch (error) {
    return {
      status: 500,
      data: String(error instanceof Error ? error.stack : error),
      headers: new Headers(),
    };
  }
}

/** Calls a loader or action with a request built by the test, settling it the way routeHarness does. */
export async function callRoute(
  handler: (args: {
    request: Request;
    params: Record<string, string | undefined>;
    context: AppLoadContext;
  }) => unknown,
  request: Request,
  params: Record<string, string>,
  context: AppLoadContext,
): Promise<Outcome | { status: 500; data: string; headers: Headers }> {
  return attempt(async () => {
    let value: unknown;
    try {
      value = await handler({ request, params, context });
    } catch (thrown) {
      if (thrown instanceof Error) throw thrown;
      value = thrown;
    }
    if (value instanceof Response) {
      const text = await value.text();
      let data: unknown = text;
      try {
        data = text ? JSON.parse(text) : null;
      } catch {
        /* a text body stays text */
      }
      return { status: value.status, data, headers: value.headers };
    }
    if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
      const d = value as { data: unknown; init: ResponseInit | null };
      return { status: d.init?.status ?? 200, data: d.data, headers: new Headers(d.init?.headers) };
    }
    return { status: 200, data: value, headers: new Headers() };
  });
}
