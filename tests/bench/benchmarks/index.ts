import type { Benchmark } from "../lib/benchmark";

/**
 * Every benchmark, in the order `npm run bench` runs them. Each is imported only when selected:
 * importing one pulls in the app, and the runner must set NODE_ENV before that happens.
 */
export const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  home: async () => (await import("./home")).default,
  // nominations (issue 3)
  // judging (issue 4)
  // honors (issue 5)
  // registry (issue 6)
  // activities (issue 7)
};
