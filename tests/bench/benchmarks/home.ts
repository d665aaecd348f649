import { round, type Benchmark, type BenchOptions, type MetricValue } from "../lib/benchmark";
import { demoDatabase } from "../lib/database";
import { compareLoads, type LoadResult } from "../lib/load";
import { openDemoNotice } from "../lib/demo-notice";
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
 * The home page (root loader + two counts) and a public notice (公示) against the bare Remix route
 * /healthz on the same production app, and that route against a plain node:http server sending
 * the home page's bytes. Both pages come from the published-page cache (decision 021).
 */
const home: Benchmark = {
  name: "home",
  summary:
    "home page and a notice vs bare Remix route (/healthz) vs plain node:http, production app in-process",
  // Rendered on every request, the home page ran at 0.13–0.24 of the bare route (issue #16:
  // 0.16). Served from the page cache for anonymous visitors it needs no loader, no React and no
  // query beyond the once-a-second stamp, so it should keep pace with a route that renders nothing.
  target: { metric: "home_over_bare", value: 0.8, direction: "at least" },
  async run({ log, ...load }: BenchOptions) {
    const secrets = benchSecrets();
    const database = await demoDatabase(secrets.dataKey, log);
    const noticeId = await openDemoNotice(database.db).catch(async (error) => {
      await database.close();
      throw error;
    });
    const laurel = await startLaurel(database.db, secrets, log).catch(async (error) => {
      await database.close();
      throw error;
    });
    try {
      const health = await fetchOk(`${laurel.url}/healthz`);
      if (health.body.toString() !== "ok") throw new Error(`/healthz answered "${health.body}", not "ok"`);
      const page = await fetchOk(`${laurel.url}/`);
      const notice = await fetchOk(`${laurel.url}/notices/${noticeId}`);

      const plainServer = await startPlainServer(page.body, page.contentType);
      let r: Record<"bare" | "home" | "notice" | "plain", LoadResult>;
      try {
        log(
          `GET /healthz (bare route), GET / (home page, ${page.body.length} bytes), GET /notices/${noticeId} ` +
            `(${notice.body.length} bytes), and the home page's bytes from plain node:http: ` +
            `${load.connections} connections, ${load.warmupSeconds} s warm-up, ${load.seconds} s each in ${load.rounds} rounds …`,
        );
        r = await compareLoads(
          {
            bare: `${laurel.url}/healthz`,
            home: `${laurel.url}/`,
            notice: `${laurel.url}/notices/${noticeId}`,
            plain: `${plainServer.url}/`,
          },
          load,
        );
      } finally {
        await plainServer.close();
      }

      const metrics: Record<string, MetricValue> = {
        dialect: database.dialect,
        home_over_bare: round(r.home.rps / r.bare.rps, 3),
        notice_over_bare: round(r.notice.rps / r.bare.rps, 3),
        bare_over_plain: round(r.bare.rps / r.plain.rps, 3),
        ...figures("bare", r.bare),
        ...figures("home", r.home),
        ...figures("notice", r.notice),
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
