import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { compareLoads } from "../lib/load";
import { benchSecrets, startLaurel, startPlainServer } from "../lib/server";
import { honorsDatabase } from "./honors-data";
import { fetchPage } from "./honors-page";

/** The same honor-roll page from the published-page cache, against plain node:http sending its bytes from memory. */
const honorsCache: Benchmark = {
  name: "honors-cache",
  summary: "honor-roll page from the published-page cache vs plain node:http sending the same bytes",
  target: { metric: "cache_over_plain", value: 0.25, direction: "at least" },
  async run({ log, ...load }: BenchOptions) {
    const data = await honorsDatabase(log);
    const laurel = await startLaurel(data.db, benchSecrets(), log).catch(async (error) => {
      await data.close();
      throw error;
    });
    try {
      const url = `${laurel.url}/honors/${data.competitionId}?category=${data.categoryId}`;
      await fetchPage(url);
      const page = await fetchPage(url);
      const plain = await startPlainServer(page.body, page.contentType);
      try {
        log(
          `GET the cached page (${page.body.length} bytes) and the same bytes from node:http: ${load.connections} connections …`,
        );
        const r = await compareLoads({ cached: url, plain: `${plain.url}/` }, load);
        return {
          cache_over_plain: round(r.cached.rps / r.plain.rps, 3),
          cached_rps: round(r.cached.rps, 1),
          cached_p99_ms: round(r.cached.p99, 1),
          plain_rps: round(r.plain.rps, 1),
          plain_p99_ms: round(r.plain.p99, 1),
          page_bytes: page.body.length,
        };
      } finally {
        await plain.close();
      }
    } finally {
      await laurel.close();
      await data.close();
    }
  },
};

export default honorsCache;
