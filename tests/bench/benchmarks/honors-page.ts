import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { compareLoads } from "../lib/load";
import { benchSecrets, startLaurel } from "../lib/server";
import { listRollCategories, listRollEntries } from "../../../app/models/honor-roll.server";
import { honorsDatabase } from "./honors-data";

export async function fetchPage(url: string): Promise<{ body: Buffer; contentType: string }> {
  const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200)
    throw new Error(`GET ${url} answered ${res.status}: ${body.toString().slice(0, 300)}`);
  return { body, contentType: res.headers.get("content-type") ?? "text/html" };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** The queries behind the page without the cache, timed in-process: what a cache miss costs the database. */
async function loaderTimes(
  db: Parameters<typeof listRollEntries>[0],
  competitionId: number,
  categoryId: number,
) {
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const start = performance.now();
    await Promise.all([
      listRollCategories(db, competitionId),
      listRollEntries(db, { categoryId, page: 1 + (i % 10) }),
    ]);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/**
 * A published honor-roll page of 50 entries from a database of 1,000,000 honorees, the way the
 * public gets it (production app, page cache in place), against the bare Remix route /healthz.
 */
const honorsPage: Benchmark = {
  name: "honors-page",
  summary: "honor-roll page (50 entries, 1,000,000 honorees in the database) vs bare Remix route (/healthz)",
  target: { metric: "page_over_bare", value: 0.7, direction: "at least" },
  async run({ log, ...load }: BenchOptions) {
    const data = await honorsDatabase(log);
    const laurel = await startLaurel(data.db, benchSecrets(), log).catch(async (error) => {
      await data.close();
      throw error;
    });
    try {
      const path = `/honors/${data.competitionId}?category=${data.categoryId}`;
      const page = await fetchPage(laurel.url + path);
      log(`GET ${path} (${page.body.length} bytes) and GET /healthz: ${load.connections} connections …`);
      const r = await compareLoads({ bare: `${laurel.url}/healthz`, page: laurel.url + path }, load);
      const loader = await loaderTimes(data.db, data.competitionId, data.categoryId);
      return {
        honorees: data.total,
        page_over_bare: round(r.page.rps / r.bare.rps, 3),
        page_rps: round(r.page.rps, 1),
        page_p50_ms: round(r.page.p50, 1),
        page_p99_ms: round(r.page.p99, 1),
        bare_rps: round(r.bare.rps, 1),
        bare_p99_ms: round(r.bare.p99, 1),
        uncached_queries_p50_ms: round(percentile(loader, 0.5), 2),
        uncached_queries_p99_ms: round(percentile(loader, 0.99), 2),
        page_bytes: page.body.length,
      };
    } finally {
      await laurel.close();
      await data.close();
    }
  },
};

export default honorsPage;
