import { describe, expect, it } from "vitest";
import {
  afterFailure,
  afterRefund,
  IP_MAX_FAILURES,
  LOCK_MS,
  lockRemainingMs,
  PAIR_MAX_FAILURES,
  throttleKeys,
  USER_MAX_FAILURES,
  WINDOW_MS,
} from "~/domain/throttle";
import { idleCutoff, needsTouch, SESSION_IDLE_MS, TOUCH_INTERVAL_MS } from "~/domain/sessions";

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
  it("locks at the limit it is given", () => {
    let s = afterFailure(undefined, 0, 3);
    s = afterFailure(s, 1, 3);
    expect(s.lockedUntil).toBeNull();
    expect(afterFailure(s, 2, 3).lockedUntil).toBe(2 + LOCK_MS);
  });
  it("a refund takes one failure back and lifts a lock it no longer reaches", () => {
    const locked = { failures: 5, firstFailureAt: 0, lockedUntil: LOCK_MS };
    expect(afterRefund(locked, 5)).toEqual({ failures: 4, firstFailureAt: 0, lockedUntil: null });
    expect(afterRefund({ failures: 7, firstFailureAt: 0, lockedUntil: LOCK_MS }, 5).lockedUntil).toBe(
      LOCK_MS,
    );
    expect(afterRefund({ failures: 0, firstFailureAt: 0, lockedUntil: null }, 5).failures).toBe(0);
  });
  it("counts a sign-in on the pair, the address and the username, case-blind", () => {
    expect(throttleKeys("Admin", "192.0.2.1")).toEqual([
      { key: "user:admin", limit: USER_MAX_FAILURES },
      { key: "pair:192.0.2.1|admin", limit: PAIR_MAX_FAILURES },
      { key: "ip:192.0.2.1", limit: IP_MAX_FAILURES },
    ]);
    expect(throttleKeys("admin", null)).toEqual([{ key: "user:admin", limit: USER_MAX_FAILURES }]);
  });
});

describe("sessions", () => {
  it("touches last_seen once a minute at most", () => {
    const seen = new Date(0).toISOString();
    expect(needsTouch(seen, TOUCH_INTERVAL_MS - 1)).toBe(false);
    expect(needsTouch(seen, TOUCH_INTERVAL_MS)).toBe(true);
  });
  it("lets a session idle for two hours", () => {
    expect(idleCutoff(SESSION_IDLE_MS + 5)).toBe(new Date(5).toISOString());
  });
});
