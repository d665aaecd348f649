import { seedJudgingLoad, runJudgeClient } from "../../support/judging-load";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { demoDatabase } from "../lib/database";
import { benchSecrets, spawnLaurel } from "../lib/server";

const JUDGES = 50;
const NOMINATIONS = 400;
const CRITERIA = 8;

/** How many worker processes the server says it runs (one when it names none). */
function workersOf(output: string): number {
  return Number(/\((\d+) worker processes\)/.exec(output)?.[1] ?? 1);
}

const judgingSubmit: Benchmark = {
  name: "judging-submit",
  summary: `${JUDGES} judges submitting ${CRITERIA}-criterion sheets over HTTP at once to the production server (npm start); every submitted sheet counted afterwards`,
  target: { metric: "sheets_per_s", value: 500, direction: "at least" },
  async run({ log, seconds }: BenchOptions) {
    const secrets = benchSecrets();
    const database = await demoDatabase(secrets.dataKey, log);
    try {
      log(`Seeding ${JUDGES} judges × ${NOMINATIONS} nominations …`);
      const { judges, categoryId } = await seedJudgingLoad(database.db, secrets, { judges: JUDGES, nominations: NOMINATIONS, criteria: CRITERIA });
      const laurel = await spawnLaurel(database.url, secrets, log);
      try {
        log(`Baseline: ${JUDGES} loops on GET /healthz (bare Remix route) for ${seconds} s …`);
        const b = await runJudgeClient({ url: laurel.url, judges, seconds, criteria: CRITERIA, bare: true });
        log(`${JUDGES} judges submitting for ${seconds} s …`);
        const cpuBefore = laurel.cpuSeconds();
        const r = await runJudgeClient({ url: laurel.url, judges, seconds, criteria: CRITERIA });
        const serverCpuMs = (laurel.cpuSeconds() - cpuBefore) * 1000;
        const counted = Number((await database.db.selectFrom("score_sheets").select((eb) => eb.fn.countAll().as("n")).where("category_id", "=", categoryId).where("status", "=", "submitted").executeTakeFirstOrThrow()).n);
        if (r.failed > 0) throw new Error(`${r.failed} submissions failed:\n${laurel.output()}`);
        return {
          dialect: database.dialect,
          workers: workersOf(laurel.output()),
          sheets_per_s: round(r.ok / r.seconds, 1),
          bare_rps: round(b.ok / b.seconds, 1),
          submit_over_bare: round(r.ok / r.seconds / (b.ok / b.seconds), 3),
          submitted: r.ok,
          counted,
          lost: r.ok - counted,
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
