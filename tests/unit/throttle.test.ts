import { describe, expect, it } from "vitest";
import { afterFailure, LOCK_MS, lockRemainingMs, WINDOW_MS } from "~/domain/throttle";

describe("login throttle", () => {
  it("locks on the fifth failure inside the window", () => {
    let s = afterFailure(undefined, 0);
    for (let i = 1; i < 4; i++) s = afterFailure(s, i * 1000);
    expect(s.failures).toBe(4);
    expect(s.lockedUntil).toBeNull();
    s = afterFailure(s, 5000);
    expect(s.lockedUntil).toBe(5000 + LOCK_MS);
    expect(lockRemainingMs(s, 6000)).toBe(LOCK_MS - 1000);
  });
  it("starts counting afresh after the window", () => {
    let s = afterFailure(undefined, 0);
    for (let i = 0; i < 3; i++) s = afterFailure(s, 1000);
    s = afterFailure(s, WINDOW_MS + 1001);
    expect(s.failures).toBe(1);
  });
  it("starts afresh once a lock has run out", () => {
    const locked = { failures: 5, firstFailureAt: 0, lockedUntil: LOCK_MS };
    expect(lockRemainingMs(locked, LOCK_MS)).toBe(0);
    expect(afterFailure(locked, LOCK_MS + 1).failures).toBe(1);
  });
});
