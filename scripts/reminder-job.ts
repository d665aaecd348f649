import os from "node:os";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { acquireLease, recordRun, releaseLease } from "../app/models/job-lease.server";
import { runReminders, type ReminderCounts } from "../app/models/reminders.server";
import { ConfigError } from "../app/utils/secrets.server";

/**
 * The server's reminder job (decision 031): every few minutes each serving process asks for the
 * lease `reminders`; the one that holds it runs the scan. The holder renews it each round, so one
 * server keeps the job; when it stops (or dies, and its lease lapses) another takes over. Keyed
 * reminders make a double run harmless anyway: the lease only spares the others the work.
 */

export const REMINDER_LEASE = "reminders";
const DEFAULT_MINUTES = 5;
const MAX_MINUTES = 24 * 60;

/** LAUREL_REMINDER_MINUTES: minutes between rounds (5 by default); 0 turns the job off (cron runs `laurel reminders run`). */
export function reminderIntervalMs(raw: string | undefined): number | null {
  const value = raw?.trim();
  if (value === undefined || value === "") return DEFAULT_MINUTES * 60_000;
  const minutes = Number(value);
  if (!/^\d+$/.test(value) || minutes > MAX_MINUTES)
    throw new ConfigError(
      `LAUREL_REMINDER_MINUTES must be a whole number of minutes from 0 (off) to ${MAX_MINUTES} (got "${raw}")`,
    );
  return minutes === 0 ? null : minutes * 60_000;
}

export const processHolder = () => `${os.hostname()}:${process.pid}`;

/**
 * One round: takes (or renews) the lease for two rounds, so a holder whose timer runs a little
 * late keeps it, and runs the scan. Null when another server holds the lease. Errors are thrown
 * to the caller, which logs them.
 */
export async function reminderRound(
  db: Kysely<Database>,
  holder: string,
  intervalMs: number,
  now: Date = new Date(),
): Promise<ReminderCounts | null> {
  if (!(await acquireLease(db, REMINDER_LEASE, holder, 2 * intervalMs, now))) return null;
  const counts = await runReminders(db, now);
  await recordRun(db, REMINDER_LEASE, holder);
  return counts;
}

export interface ReminderJob {
  /** Stops the rounds, waits for one under way, and gives the lease up. */
  stop(): Promise<void>;
}

/**
 * Starts the rounds in this process, one every `intervalMs`, the first one interval after start:
 * reminders are by the day, and a server started briefly (a test, a benchmark) scans nothing.
 */
export function startReminderJob(
  db: Kysely<Database>,
  intervalMs: number,
  holder = processHolder(),
  log: (line: string) => void = (line) => console.error(line),
): ReminderJob {
  let running: Promise<void> | null = null;
  const round = () => {
    if (running) return;
    running = reminderRound(db, holder, intervalMs)
      .then((counts) => {
        const made = counts ? Object.entries(counts).filter(([, n]) => n > 0) : [];
        if (made.length) log(`Reminders queued: ${made.map(([k, n]) => `${k} ${n}`).join(", ")}`);
      })
      // Never the server's end: a failed round (the database busy or away) is tried again next round.
      .catch((error: unknown) =>
        log(
          `The reminder job failed; it tries again next round: ${error instanceof Error ? error.message : error}`,
        ),
      )
      .finally(() => {
        running = null;
      });
  };
  const every = setInterval(round, intervalMs);
  every.unref();
  return {
    async stop() {
      clearInterval(every);
      await running;
      await releaseLease(db, REMINDER_LEASE, holder).catch(() => undefined);
    },
  };
}
