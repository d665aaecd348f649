import { seedJudgingLoad, runJudgeClient } from "../../support/judging-load";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { demoDatabase } from "../lib/database";
import { benchSecrets, spawnLaurel } from "../lib/server";

const JUDGES = 50;
/** Each judge's first half warms the server up, the second half is measured. */
const NOMINATIONS = 800;
const CRITERIA = 8;
/**
 * A fresh server's rate climbs for its first seconds of load while V8 compiles the hot path
 * (sheets per second, second by second: 391, 476, 639, 685, 717, 736, 771, then ~800); a server
 * in service has long passed that. At least this long, whatever BENCH_WARMUP_SECONDS says.
 */
const MIN_WARMUP_SECONDS = 5;

/** How many worker processes the server says it runs (one when it names none). */
function workersOf(output: string): number {
  return Number(/\((\d+) worker processes\)/.exec(output)?.[1] ?? 1);
}

const judgingSubmit: Benchmark = {
  name: "judging-submit",
  summary: `${JUDGES} judges submitting ${CRITERIA}-criterion sheets over HTTP at once to the production server (npm start); every submitted sheet counted afterwards`,
  target: { metric: "sheets_per_s", value: 500, direction: "at least" },
  async run({ log, seconds, warmupSeconds }: BenchOptions) {
    const secrets = benchSecrets();
    const database = await demoDatabase(secrets.dataKey, log);
    try {
      log(`Seeding ${JUDGES} judges × ${NOMINATIONS} nominations …`);
      const { judges, categoryId } = await seedJudgingLoad(database.db, secrets, {
        judges: JUDGES,
        nominations: NOMINATIONS,
        criteria: CRITERIA,
      });
      const laurel = await spawnLaurel(database.url, secrets, log);
      try {
        const warmup = Math.max(warmupSeconds, MIN_WARMUP_SECONDS);
        const half = NOMINATIONS / 2;
        const warming = judges.map((j) => ({ ...j, nominations: j.nominations.slice(0, half) }));
        const measured = judges.map((j) => ({ ...j, nominations: j.nominations.slice(half) }));
        log(`Warming up for ${warmup} s: GET /healthz, then submitting …`);
        await runJudgeClient({ url: laurel.url, judges, seconds: warmup, criteria: CRITERIA, bare: true });
        const w = await runJudgeClient({
          url: laurel.url,
          judges: warming,
          seconds: warmup,
          criteria: CRITERIA,
        });
        log(`Baseline: ${JUDGES} loops on GET /healthz (bare Remix route) for ${seconds} s …`);
        const b = await runJudgeClient({ url: laurel.url, judges, seconds, criteria: CRITERIA, bare: true });
        log(`${JUDGES} judges submitting for ${seconds} s …`);
        const cpuBefore = laurel.cpuSeconds();
        const r = await runJudgeClient({ url: laurel.url, judges: measured, seconds, criteria: CRITERIA });
        const serverCpuMs = (laurel.cpuSeconds() - cpuBefore) * 1000;
        const counted = Number(
          (
            await database.db
              .selectFrom("score_sheets")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("category_id", "=", categoryId)
              .where("status", "=", "submitted")
              .executeTakeFirstOrThrow()
          ).n,
        );
        if (w.failed + r.failed > 0)
          throw new Error(`${w.failed + r.failed} submissions failed:\n${laurel.output()}`);
        return {
          dialect: database.dialect,
          workers: workersOf(laurel.output()),
          sheets_per_s: round(r.ok / r.seconds, 1),
          bare_rps: round(b.ok / b.seconds, 1),
          submit_over_bare: round(r.ok / r.seconds / (b.ok / b.seconds), 3),
          // Every sheet, the warm-up's too, must be in the database afterwards.
          submitted: w.ok + r.ok,
          counted,
          lost: w.ok + r.ok - counted,
          p50_ms: round(r.p50, 1),
          p99_ms: round(r.p99, 1),
          // CPU per sheet, the server's processes and the load client's: what the machine's speed does not blur.
          server_cpu_ms_per_sheet: round(serverCpuMs / r.ok, 2),
          client_cpu_ms_per_sheet: round(r.cpuMs / r.ok, 2),
        };
      } finally {
        await laurel.close();
      }
    } finally {
      await database.close();
    }
  },
};

export default judgingSubmit;
