import type { Benchmark } from "../lib/benchmark";

/**
 * Every benchmark, in the order `npm run bench` runs them. Each is imported only when selected:
 * importing one pulls in the app, and the runner must set NODE_ENV before that happens.
 */
export const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  home: async () => (await import("./home")).default,
  // nominations (issue 3)
  "nominations-import": async () => (await import("./nominations-import")).default,
  // judging (issue 4)
  "judging-rank": async () => (await import("./judging-rank")).default,
  "judging-submit": async () => (await import("./judging-submit")).default,
  // honors (issue 5)
  "honors-page": async () => (await import("./honors-page")).default,
  "honors-cache": async () => (await import("./honors-cache")).default,
  "honors-search": async () => (await import("./honors-search")).default,
  // registry (issue 6)
  "matching-shaanxi": async () => (await import("./matching-shaanxi")).default,
  "matching-national": async () => (await import("./matching-national")).default,
  // activities (issue 7)
  "activities-import": async () => (await import("./activities-import")).default,
  "stats-page": async () => (await import("./stats-page")).default,
  // contest (issue 18)
  "contest-standings": async () => (await import("./contest-standings")).default,
  "contest-board": async () => (await import("./contest-board")).default,
  // notifications (issue 19)
  reminders: async () => (await import("./reminders")).default,
  mail: async () => (await import("./mail")).default,
  "contest-standings-db": async () => (await import("./contest-standings-db")).default,
  "contest-reports-import": async () => (await import("./contest-reports-import")).default,
};
