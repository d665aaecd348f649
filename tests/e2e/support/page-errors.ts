import { afterEach, expect } from "vitest";
import { takeAllPageErrors } from "./browser";

// Set up for every e2e file (vitest.config.ts): after each test, any uncaught exception or
// console error on any page of any browser the file opened fails that test, so a hydration
// mismatch cannot pass unseen because a test forgot to look. A test that failed already keeps
// its own message; the errors are dropped with it.
afterEach((ctx) => {
  const errors = takeAllPageErrors();
  if (ctx.task.result?.state !== "fail") expect(errors, "the browser reported errors").toEqual([]);
});
