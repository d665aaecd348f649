import { describe, expect, it } from "vitest";
import { generateInstance } from "../support/instance-generator";
import { suggestPairings } from "~/domain/registry/matching";
import { runMatcher } from "~/models/matching-thread.server";

describe("the matcher's worker thread", () => {
  it("gives the same answer as the inline run, and the event loop keeps turning meanwhile", async () => {
    const instance = generateInstance({
      counties: 120,
      deep: 40,
      workers: 400,
      units: 100,
      skills: 12,
      cities: 20,
      seed: 7,
    });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const threaded = await runMatcher(instance, {}, { thread: true });
    clearInterval(timer);
    expect(threaded).toEqual(suggestPairings(instance));
    expect(ticks).toBeGreaterThan(0);
  });
});
