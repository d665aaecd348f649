/**
 * Server-side sessions (decision 012): a session ends after 2 hours without a request, and 8 hours
 * after sign-in whatever happens, when its row is gone (logout), or when the user's epoch moves on.
 */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
/** last_seen is written at most this often, so that a busy user costs no write per request. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

/** The oldest last_seen a live session may have at `now`. */
export function idleCutoff(now: number): string {
  return new Date(now - SESSION_IDLE_MS).toISOString();
}

export function needsTouch(lastSeenAt: string, now: number): boolean {
  return now - Date.parse(lastSeenAt) >= TOUCH_INTERVAL_MS;
}
