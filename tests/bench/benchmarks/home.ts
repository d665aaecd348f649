import { round, type Benchmark, type BenchOptions, type MetricValue } from "../lib/benchmark";
import { demoDatabase } from "../lib/database";
import { compareLoads, type LoadResult } from "../lib/load";
import { benchSecrets, startLaurel, startPlainServer } from "../lib/server";

/** One GET that must succeed before the load starts, so a broken page never gets measured. */
async function fetchOk(url: string): Promise<{ body: Buffer; contentType: string }> {
  const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200)
    throw new Error(`GET ${url} answered ${res.status}: ${body.toString().slice(0, 300)}`);
  return { body, contentType: res.headers.get("content-type") ?? "application/octet-stream" };
}

function figures(prefix: string, r: LoadResult): Record<string, number> {
  return {
    [`${prefix}_rps`]: round(r.rps, 1),
    [`${prefix}_p50_ms`]: round(r.p50, 1),
    [`${prefix}_p99_ms`]: round(r.p99, 1),
  };
}

/**
 * The home page (root loader + two counts) against the bare Remix route /healthz on the same
 * production app, and that route against a plain node:http server sending the home page's bytes.
 */
const home: Benchmark = {
  name: "home",
  summary: "home page vs bare Remix route (/healthz) vs plain node:http, production app in-process",
  // A rendered page (root loader, session, React) against a route that renders nothing. Measured
  // 0.23–0.34 until the route-matching patch (patches/) made the bare route 1.6× faster and the
  // home page 1.2×: 0.157–0.19 then, on the same 2-core box. With the bare route faster again
  // (1,450–1,950 requests/s), 0.13–0.157 from the same app code, before and after the session that
  // added worker processes. A guard against regressions, not a goal.
  target: { metric: "home_over_bare", value: 0.12, direction: "at least" },
  async run({ log, ...load }: BenchOptions) {
    const secrets = benchSecrets();
    const database = await demoDatabase(secrets.dataKey, log);
    const laurel = await startLaurel(database.db, secrets, log).catch(async (error) => {
      await database.close();
      throw error;
    });
    try {
      const health = await fetchOk(`${laurel.url}/healthz`);
      if (health.body.toString() !== "ok") throw new Error(`/healthz answered "${health.body}", not "ok"`);
      const page = await fetchOk(`${laurel.url}/`);

      const plainServer = await startPlainServer(page.body, page.contentType);
      let r: Record<"bare" | "home" | "plain", LoadResult>;
      try {
        log(
          `GET /healthz (bare route), GET / (home page, ${page.body.length} bytes), and the same bytes from plain node:http: ` +
            `${load.connections} connections, ${load.warmupSeconds} s warm-up, ${load.seconds} s each in ${load.rounds} rounds …`,
        );
        r = await compareLoads(
          { bare: `${laurel.url}/healthz`, home: `${laurel.url}/`, plain: `${plainServer.url}/` },
          load,
        );
      } finally {
        await plainServer.close();
      }

      const metrics: Record<string, MetricValue> = {
        dialect: database.dialect,
        home_over_bare: round(r.home.rps / r.bare.rps, 3),
        bare_over_plain: round(r.bare.rps / r.plain.rps, 3),
        ...figures("bare", r.bare),
        ...figures("home", r.home),
        ...figures("plain", r.plain),
        home_bytes: page.body.length,
      };
      return metrics;
    } finally {
      await laurel.close();
      await database.close();
    }
  },
};

export default home;
