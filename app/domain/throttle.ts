/** Login throttling: 5 failures inside 15 minutes lock the key (a username or an IP) for 15 minutes. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export interface ThrottleState {
  failures: number;
  firstFailureAt: number;
  lockedUntil: number | null;
}

export function lockRemainingMs(state: ThrottleState | undefined, now: number): number {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil - now : 0;
}

/** The state after one more failure at `now`. */
export function afterFailure(state: ThrottleState | undefined, now: number): ThrottleState {
  const fresh = !state || now - state.firstFailureAt > WINDOW_MS || (state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = fresh ? 1 : state.failures + 1;
  return {
    failures,
    firstFailureAt: fresh ? now : state.firstFailureAt,
    lockedUntil: failures >= MAX_FAILURES ? now + LOCK_MS : null,
  };
}
