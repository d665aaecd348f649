/**
 * Login throttling. Every attempt reserves a place on three counters before its password is
 * looked at; a right password hands its place back. Inside 15 minutes:
 *  - 5 attempts at one username from one address lock that pair (the common case: one guesser);
 *  - 20 failures from one address lock the address (one guesser trying many usernames);
 *  - 50 failures at one username, from anywhere, lock the username for everybody (a wider attack).
 * The username alone locks late on purpose: anyone can fail at anyone's username, and a low limit
 * there let any visitor lock the admin out (OWASP, Authentication Cheat Sheet, "Account Lockout").
 */
export const MAX_FAILURES = 5;
export const PAIR_MAX_FAILURES = MAX_FAILURES;
export const IP_MAX_FAILURES = 20;
export const USER_MAX_FAILURES = 50;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export interface ThrottleState {
  failures: number;
  firstFailureAt: number;
  lockedUntil: number | null;
}

export interface ThrottleKey {
  key: string;
  limit: number;
}

/** The counters one sign-in attempt reserves on; without an address, only the username's. */
export function throttleKeys(username: string, ip: string | null): ThrottleKey[] {
  const name = username.toLowerCase();
  const keys = [{ key: `user:${name}`, limit: USER_MAX_FAILURES }];
  if (ip)
    keys.push(
      { key: `pair:${ip}|${name}`, limit: PAIR_MAX_FAILURES },
      { key: `ip:${ip}`, limit: IP_MAX_FAILURES },
    );
  return keys;
}

export function lockRemainingMs(state: ThrottleState | undefined, now: number): number {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil - now : 0;
}

/** The state after one more failure at `now`. */
export function afterFailure(
  state: ThrottleState | undefined,
  now: number,
  limit = MAX_FAILURES,
): ThrottleState {
  const fresh =
    !state ||
    now - state.firstFailureAt > WINDOW_MS ||
    (state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = fresh ? 1 : state.failures + 1;
  return {
    failures,
    firstFailureAt: fresh ? now : state.firstFailureAt,
    lockedUntil: failures >= limit ? now + LOCK_MS : null,
  };
}

/** The state once a right password returns its reservation: one failure fewer, unlocked below the limit. */
export function afterRefund(state: ThrottleState, limit: number): ThrottleState {
  const failures = Math.max(0, state.failures - 1);
  return {
    failures,
    firstFailureAt: state.firstFailureAt,
    lockedUntil: failures >= limit ? state.lockedUntil : null,
  };
}
