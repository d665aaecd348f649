/**
 * npm run bench [NAME…] [--json] [--list]
 *
 * Runs the named benchmarks (all when none is named), each on data it builds itself, and prints a
 * table; with --json, stdout carries exactly one JSON document
 * {NAME: {metric: value, …, target: value, ok: bool}} and everything for people goes to stderr.
 * Exit status: 0 when every target is met, 1 when one is missed or a benchmark fails, 2 on bad usage.
 * Environment: BENCH_SECONDS (measured seconds of load per URL, 8), BENCH_ROUNDS (interleaved rounds
 * they are split into, 2), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (10), DATABASE_URL (a postgres URL to benchmark PostgreSQL instead of a temp SQLite),
 * BENCH_CPU_PROFILE_DIR (a folder where a server the benchmark runs as its own process writes V8 CPU profiles when it stops).
 */
import { parseArgs } from "node:util";
import { BENCHMARKS } from "./benchmarks/index";
import {
  describeTarget,
  meetsTarget,
  type Benchmark,
  type BenchOptions,
  type MetricValue,
} from "./lib/benchmark";

const USAGE = `usage: npm run bench [-- [NAME…] [--json] [--list]]
  NAME     one of: ${Object.keys(BENCHMARKS).join(", ")} (default: all)
  --json   print one JSON document on stdout, progress on stderr
  --list   list the benchmarks and their targets
env: BENCH_SECONDS (8), BENCH_ROUNDS (2), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (10), DATABASE_URL (postgres://… to use PostgreSQL),
     BENCH_CPU_PROFILE_DIR (CPU profiles of a spawned server)`;

class UsageError extends Error {}

function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
  return value;
}

type Outcome = Record<string, MetricValue | boolean>;

function formatValue(value: MetricValue | boolean): string {
  if (typeof value === "boolean") return value ? "yes" : "NO";
  return String(value);
}

function table(rows: [string, string][], indent = "  "): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`).join("\n");
}

async function runOne(bench: Benchmark, options: BenchOptions): Promise<{ outcome: Outcome; text: string }> {
  const heading = `${bench.name} — ${bench.summary}`;
  try {
    const started = Date.now();
    const metrics = await bench.run(options);
    const ok = meetsTarget(bench.target, metrics);
    const rows: [string, string][] = Object.entries(metrics).map(([k, v]) => [k, formatValue(v)]);
    rows.push(["target", describeTarget(bench.target)], ["ok", formatValue(ok)]);
    const seconds = Math.round((Date.now() - started) / 1000);
    return {
      outcome: { ...metrics, target: bench.target.value, ok },
      text: `${heading} (${seconds} s)\n${table(rows)}`,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: { error: message, target: bench.target.value, ok: false },
      text: `${heading}\n  FAILED: ${message}`,
    };
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean" }, list: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const unknown = positionals.filter((n) => !(n in BENCHMARKS));
  if (unknown.length) throw new UsageError(`no benchmark named ${unknown.join(", ")}`);
  const names = positionals.length ? [...new Set(positionals)] : Object.keys(BENCHMARKS);

  // Benchmarks measure the production app: React and Remix pick their builds from NODE_ENV when
  // first imported, which is why benchmarks are imported only from here on.
  process.env.NODE_ENV = "production";
  const json = values.json === true;
  // With --json, stdout is the document's alone, whatever the app or a library prints.
  const say = json
    ? (line: string) => process.stderr.write(`${line}\n`)
    : (line: string) => process.stdout.write(`${line}\n`);
  if (json) console.log = console.info = console.warn = console.error;

  if (values.list) {
    for (const name of names) {
      const bench = await BENCHMARKS[name]();
      say(`${name.padEnd(12)} ${bench.summary}\n${"".padEnd(12)} target: ${describeTarget(bench.target)}`);
    }
    return 0;
  }

  const options: BenchOptions = {
    seconds: intFromEnv("BENCH_SECONDS", 8, 1),
    rounds: intFromEnv("BENCH_ROUNDS", 2, 1),
    warmupSeconds: intFromEnv("BENCH_WARMUP_SECONDS", 2, 0),
    connections: intFromEnv("BENCH_CONNECTIONS", 10, 1),
    log: (line) => process.stderr.write(`  · ${line}\n`),
  };
  say(
    `Benchmarks: ${names.join(", ")} — ${options.connections} connections, ${options.warmupSeconds} s warm-up + ${options.seconds} s of load per URL in ${options.rounds} rounds, node ${process.version}\n`,
  );

  const results: Record<string, Outcome> = {};
  for (const name of names) {
    const bench = await BENCHMARKS[name]();
    const { outcome, text } = await runOne(bench, options);
    results[name] = outcome;
    say(`${text}\n`);
  }

  const summary: [string, string][] = names.map((name) => {
    const r = results[name];
    return [name, r.ok ? "ok" : r.error ? "FAILED" : "target missed"];
  });
  say(`Summary\n${table(summary)}`);
  if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  return names.every((name) => results[name].ok) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  },
);
