import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "./support/server";

// Issue #14: one anonymous form of tens of thousands of fields used to stall the whole server
// (every request, /healthz included) while it was parsed. The production server, one process,
// must refuse it with 413 and keep answering /healthz within HEALTH_BUDGET_MS meanwhile.
const HEALTH_BUDGET_MS = 500;
/** Long enough to measure the old stall, short enough that a regression fails rather than hangs. */
const FLOOD_TIMEOUT_MS = 45_000;
const BOUNDARY = "----laurelflood";

let server: RunningServer;
/** An anonymous visitor's CSRF cookie and token, as any GET hands out: the flood carries them. */
let csrf: { cookie: string; token: string };

beforeAll(async () => {
  server = await startServer();
  const res = await fetch(`${server.url}/login`);
  const token = /laurel_csrf=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1];
  csrf = { cookie: `laurel_csrf=${token}`, token };
});

afterAll(async () => {
  await server?.stop();
});

/** `fields` distinct empty fields, the CSRF token first. */
function urlencoded(fields: number): string {
  return [`_csrf=${csrf.token}`, ...Array.from({ length: fields - 1 }, (_, i) => `f${i}=`)].join("&");
}

function multipart(fields: number): string {
  const part = (name: string, value = "") =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return (
    part("_csrf", csrf.token) +
    Array.from({ length: fields - 1 }, (_, i) => part(`f${i}`)).join("") +
    `--${BOUNDARY}--\r\n`
  );
}

const CONTENT_TYPE = {
  urlencoded: "application/x-www-form-urlencoded",
  multipart: `multipart/form-data; boundary=${BOUNDARY}`,
};

interface FloodOutcome {
  status: number;
  body: string;
  /** Until the flood was answered. */
  answeredMs: number;
  slowestHealthMs: number;
  healthChecks: number;
}

async function timedHealth(): Promise<number> {
  const started = performance.now();
  try {
    const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(FLOOD_TIMEOUT_MS) });
    expect(await res.text()).toBe("ok");
  } catch {
    // Timed out: the stall lasted at least FLOOD_TIMEOUT_MS.
  }
  return performance.now() - started;
}

/** Posts the flood and, until it is answered (and for at least half a second), times /healthz. */
async function flood(
  path: string,
  kind: keyof typeof CONTENT_TYPE,
  fields: number,
  headers: Record<string, string> = {},
): Promise<FloodOutcome> {
  const body = kind === "urlencoded" ? urlencoded(fields) : multipart(fields);
  const started = performance.now();
  let answered = false;
  let answeredMs = 0;
  const post = fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": CONTENT_TYPE[kind], Cookie: csrf.cookie, ...headers },
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(FLOOD_TIMEOUT_MS),
  })
    .then(async (res) => ({ status: res.status, body: await res.text() }))
    .catch(() => ({ status: 0, body: "" }))
    .finally(() => {
      answered = true;
      answeredMs = Math.round(performance.now() - started);
    });
  // Let the flood reach the server before the first health check.
  await new Promise((r) => setTimeout(r, 50));
  const timings: number[] = [];
  while (!answered || performance.now() - started < 500) {
    timings.push(await timedHealth());
    await new Promise((r) => setTimeout(r, 25));
  }
  const { status, body: text } = await post;
  const outcome = {
    status,
    body: text,
    answeredMs,
    slowestHealthMs: Math.round(Math.max(...timings)),
    healthChecks: timings.length,
  };
  console.log(
    `flood ${path} ${kind} ${fields} fields (${body.length} bytes): ${JSON.stringify({ ...outcome, body: undefined })}`,
  );
  return outcome;
}

describe("a form with too many fields", () => {
  it.each([
    ["/login", "urlencoded", 40_000],
    ["/login", "multipart", 40_000],
    ["/lang", "urlencoded", 200_000],
    ["/lang", "multipart", 200_000],
  ] as const)(
    "POST %s %s with %i fields: 413, and /healthz answers meanwhile",
    async (path, kind, fields) => {
      const outcome = await flood(path, kind, fields);
      expect(outcome.status).toBe(413);
      expect(outcome.slowestHealthMs).toBeLessThan(HEALTH_BUDGET_MS);
    },
  );

  it("says why, in the reader's language", async () => {
    expect((await flood("/login", "urlencoded", 5_000)).body).toContain("表单最多只能包含 1000 个字段");
    expect((await flood("/login", "urlencoded", 5_000, { "Accept-Language": "en" })).body).toContain(
      "A form may have at most 1000 fields",
    );
  });

  it("still takes an ordinary sign-in form afterwards", async () => {
    const body = `_csrf=${csrf.token}&username=nobody&password=wrong-password`;
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": CONTENT_TYPE.urlencoded, Cookie: csrf.cookie },
      body,
      redirect: "manual",
    });
    // An unknown user: the form was read, checked and answered as a failed sign-in.
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("用户名或密码");
  });
});

describe("a query string with too many parameters", () => {
  it("is refused with 414 before any page reads it", async () => {
    const started = performance.now();
    const res = await fetch(
      `${server.url}/registry/helpers?${Array.from({ length: 1_500 }, (_, i) => `f${i}=`).join("&")}`,
      { redirect: "manual" },
    );
    expect(res.status).toBe(414);
    expect(performance.now() - started).toBeLessThan(HEALTH_BUDGET_MS);
  });

  it("lets an ordinary one through", async () => {
    const res = await fetch(`${server.url}/healthz?a=1&b=2`);
    expect(res.status).toBe(200);
  });
});
