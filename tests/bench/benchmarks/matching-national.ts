import { round, type Benchmark } from "../lib/benchmark";
import { generateInstance, type InstanceSpec } from "../../support/instance-generator";
import { runMatcher } from "~/models/matching-thread.server";

/**
 * National scale (832 counties of which 334 deep, 30,000 workers, 5,000 units, 12 skills, 300
 * cities), run on the worker thread the server uses, and a scarce variant (1,500 workers, 300
 * units) where most gaps close across cities at real cost. Memory is the process's resident set,
 * sampled every 10 ms while the thread works. The target is the worse gap to the proven bound
 * (docs/domain.md#matching: within 0.5%); the issue also asks < 5 s and < 300 MB, reported alongside.
 */
const SPEC: InstanceSpec = {
  counties: 832,
  deep: 334,
  workers: 30_000,
  units: 5_000,
  skills: 12,
  cities: 300,
  seed: 2020,
};
const VARIANTS: Record<string, InstanceSpec> = {
  full: SPEC,
  scarce: { ...SPEC, workers: 1_500, units: 300 },
};

async function measure(spec: InstanceSpec) {
  const instance = generateInstance(spec);
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  try {
    const result = await runMatcher(instance, {}, { thread: true });
    return { result, ms: performance.now() - started, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

const matchingNational: Benchmark = {
  name: "matching-national",
  summary:
    "matcher at national scale (832 counties; 35,000 helpers, and a scarce variant) on its worker thread: gap to proven bound, time, memory",
  target: { metric: "worst_gap_pct", value: 0.5, direction: "at most" },
  async run({ log }) {
    const metrics: Record<string, number | string> = {};
    let worstGap = 0;
    let slowest = 0;
    let peak = 0;
    for (const [name, spec] of Object.entries(VARIANTS)) {
      const { result, ms, peakMb } = await measure(spec);
      log(
        `${name}: cost ${result.cost}, lower bound ${result.lower_bound}, unfilled ${result.unfilled}, ${result.suggestions.length} suggestions, ${ms.toFixed(0)} ms, peak RSS ${peakMb.toFixed(0)} MB`,
      );
      Object.assign(metrics, {
        [`${name}_gap_pct`]: round(result.gap * 100, 4),
        [`${name}_ms`]: round(ms, 0),
        [`${name}_peak_rss_mb`]: round(peakMb, 1),
        [`${name}_cost`]: result.cost,
        [`${name}_lower_bound`]: result.lower_bound,
        [`${name}_optimal`]: String(result.optimal),
        [`${name}_unfilled`]: result.unfilled,
        [`${name}_suggestions`]: result.suggestions.length,
      });
      worstGap = Math.max(worstGap, result.gap * 100);
      slowest = Math.max(slowest, ms);
      peak = Math.max(peak, peakMb);
    }
    return {
      worst_gap_pct: round(worstGap, 4),
      slowest_ms: round(slowest, 0),
      peak_rss_mb: round(peak, 1),
      ...metrics,
    };
  },
};

export default matchingNational;
