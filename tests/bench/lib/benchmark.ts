/** What one benchmark is, and what it hands back to the runner (tests/bench/run.ts). */

export type MetricValue = number | string;

export interface BenchOptions {
  /** Measured seconds of load per URL (BENCH_SECONDS, default 8). */
  seconds: number;
  /** Interleaved rounds those seconds are split into (BENCH_ROUNDS, default 2; see lib/load.ts). */
  rounds: number;
  /** Seconds of load per URL before measuring, thrown away (BENCH_WARMUP_SECONDS, default 2). */
  warmupSeconds: number;
  /** Concurrent connections of each load run (BENCH_CONNECTIONS, default 10). */
  connections: number;
  /** Progress for people: goes to stderr, so that `--json` keeps stdout to the one document. */
  log: (line: string) => void;
}

/** The target is met when `metrics[metric]` is at least (or at most) `value`. */
export interface Target {
  metric: string;
  value: number;
  direction: "at least" | "at most";
}

export interface Benchmark {
  name: string;
  /** One line for `--list` and the table's heading. */
  summary: string;
  target: Target;
  /** Builds its own data, measures, cleans up; returns flat metrics (absolute figures and ratios). */
  run(options: BenchOptions): Promise<Record<string, MetricValue>>;
}

export function meetsTarget(target: Target, metrics: Record<string, MetricValue>): boolean {
  const value = metrics[target.metric];
  if (typeof value !== "number" || !Number.isFinite(value)) return false;
  return target.direction === "at least" ? value >= target.value : value <= target.value;
}

export function describeTarget(target: Target): string {
  return `${target.metric} ${target.direction === "at least" ? "≥" : "≤"} ${target.value}`;
}

/** Rounds to `digits` decimals, for figures whose noise makes more digits meaningless. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
