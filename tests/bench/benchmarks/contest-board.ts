import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { demoDatabase } from "../lib/database";
import { compareLoads } from "../lib/load";
import { benchSecrets, startLaurel } from "../lib/server";
import { addBoardContest, BOARD_SIZE } from "./contest-board-data";

async function fetchOk(url: string): Promise<number> {
  const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return body.byteLength;
}

/**
 * The public board of a 500-unit group (decision 029) against the bare Remix route /healthz on the
 * same production app. The board is computed once per standings_version and then served from the
 * published-page cache, as the honor rolls are.
 */
const contestBoard: Benchmark = {
  name: "contest-board",
  summary: `public board of a ${BOARD_SIZE.units}-unit group vs bare Remix route (/healthz), production app in-process`,
  target: { metric: "board_over_bare", value: 0.5, direction: "at least" },
  async run({ log, ...load }: BenchOptions) {
    const secrets = benchSecrets();
    const database = await demoDatabase(secrets.dataKey, log);
    const laurel = await (async () => {
      const competition = await database.db
        .selectFrom("competitions")
        .select(["id", "org_id"])
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("contests")
                .select("competition_id")
                .whereRef("contests.competition_id", "=", "competitions.id"),
            ),
          ),
        )
        .orderBy("id")
        .executeTakeFirstOrThrow();
      log(
        `Adding a contest of ${BOARD_SIZE.units} units × ${BOARD_SIZE.periods} periods to competition ${competition.id} …`,
      );
      await addBoardContest(database.db, competition.id, competition.org_id);
      return { id: competition.id, server: await startLaurel(database.db, secrets, log) };
    })().catch(async (error) => {
      await database.close();
      throw error;
    });
    try {
      const board = `${laurel.server.url}/contests/${laurel.id}`;
      const started = performance.now();
      const bytes = await fetchOk(board);
      const firstMs = performance.now() - started;
      await fetchOk(`${laurel.server.url}/healthz`);
      log(`GET /healthz and GET /contests/${laurel.id} (${bytes} bytes): ${load.connections} connections …`);
      const r = await compareLoads({ bare: `${laurel.server.url}/healthz`, board }, load);
      return {
        dialect: database.dialect,
        board_over_bare: round(r.board.rps / r.bare.rps, 3),
        board_rps: round(r.board.rps, 1),
        board_p99_ms: round(r.board.p99, 1),
        bare_rps: round(r.bare.rps, 1),
        bare_p99_ms: round(r.bare.p99, 1),
        first_render_ms: round(firstMs, 1),
        board_bytes: bytes,
      };
    } finally {
      await laurel.server.close();
      await database.close();
    }
  },
};

export default contestBoard;
