/**
 * What becomes of an outbox row after a failed attempt (decision 030). Pure: the sender
 * (app/models/mail-sender.server.ts) hands over what nodemailer threw and the attempts made so far.
 */

/** The waits before the 2nd, 3rd, … 6th attempt; a 6th failure marks the mail failed. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000] as const;

/** What nodemailer tells of a failure: the SMTP reply (and its code) when the server answered. */
export interface SendFailure {
  message: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

export type FailureVerdict =
  /** Try again at `nextAttemptAt` (a server down or busy, a 4xx answer). */
  | { outcome: "retry"; nextAttemptAt: string; error: string }
  /** Give up; `addressRefused`: the server refused the recipient (5xx to RCPT TO), shown on the user's page. */
  | { outcome: "failed"; addressRefused: boolean; error: string };

/** The server's answer as operators see it: the SMTP reply when there is one, else the error. */
export function describeFailure(f: SendFailure): string {
  const text = f.response ?? (f.code ? `${f.code}: ${f.message}` : f.message);
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

/**
 * A 5xx answer about the message or its recipient is final; anything else (no answer at all, a 4xx,
 * or a 5xx to our sign-in, which the operator fixes, not the user) is retried with growing waits,
 * and marked failed after the last.
 */
export function judgeFailure(f: SendFailure, attemptsBefore: number, now: Date): FailureVerdict {
  const error = describeFailure(f);
  const permanent =
    f.responseCode !== undefined && f.responseCode >= 500 && f.code !== "EAUTH" && f.command !== "AUTH";
  if (permanent) return { outcome: "failed", addressRefused: f.command === "RCPT TO", error };
  const attempts = attemptsBefore + 1;
  if (attempts > RETRY_DELAYS_MS.length) return { outcome: "failed", addressRefused: false, error };
  const nextAttemptAt = new Date(now.getTime() + RETRY_DELAYS_MS[attempts - 1]).toISOString();
  return { outcome: "retry", nextAttemptAt, error };
}

/** What a thrown value carries, whatever threw it. */
export function failureOf(error: unknown): SendFailure {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error &
    Partial<Record<"code" | "response" | "command", unknown>> & {
      responseCode?: unknown;
    };
  return {
    message: e.message,
    code: typeof e.code === "string" ? e.code : undefined,
    responseCode: typeof e.responseCode === "number" ? e.responseCode : undefined,
    response: typeof e.response === "string" ? e.response : undefined,
    command: typeof e.command === "string" ? e.command : undefined,
  };
}
