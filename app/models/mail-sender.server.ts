import crypto from "node:crypto";
import os from "node:os";
import nodemailer from "nodemailer";
import type { Kysely, Selectable } from "kysely";
import type { Database } from "../../db/schema";
import type { OutboxTable } from "../../db/schema-notifications";
import { dialectOf } from "../../db/dialect";
import { failureOf, judgeFailure, type FailureVerdict } from "~/domain/notifications/delivery-rules";
import type { MailSettings, SmtpServer } from "~/utils/smtp-config.server";

export type OutboxRow = Selectable<OutboxTable>;

/** One mail as handed to nodemailer. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

/** What the sender needs of a nodemailer transport (a test may hand another). */
export interface MailTransport {
  sendMail(mail: OutgoingMail): Promise<unknown>;
  close(): void;
}

/** How long a claim holds: a sender that has not finished by then is taken for dead and its rows are taken over. */
export const CLAIM_MS = 2 * 60_000;
/** A sender stops starting mails this long before its claim lapses, and hands the rest back. */
const CLAIM_MARGIN_MS = 30_000;

/** One pooled SMTP connection set per process: nodemailer reuses connections across mails. */
export function createMailTransport(server: SmtpServer, maxConnections = 8): MailTransport {
  return nodemailer.createTransport({
    pool: true,
    maxConnections,
    maxMessages: 1000,
    host: server.host,
    port: server.port,
    secure: server.secure,
    auth: server.auth,
    // A server that does not answer must not hold a claim for long (nodemailer waits 2 min by default).
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

/** Who holds a claim: this process, told apart from the others on the machine and elsewhere. */
export function senderName(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
}

/**
 * Takes up to `limit` mails due now for `me`, atomically: pending ones whose time has come, and
 * those a sender claimed and never finished (its claim lapsed). PostgreSQL skips rows another
 * sender is claiming this instant (FOR UPDATE SKIP LOCKED); SQLite runs one writer at a time, so
 * its single UPDATE … RETURNING is already atomic. Two senders never hold one row.
 */
export async function claimOutbox(
  db: Kysely<Database>,
  me: string,
  limit: number,
  now = new Date(),
): Promise<OutboxRow[]> {
  const at = now.toISOString();
  let due = db
    .selectFrom("outbox")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", at)]),
        eb.and([eb("status", "=", "sending"), eb("claimed_until", "<", at)]),
      ]),
    )
    .orderBy("id")
    .limit(limit);
  if (dialectOf(db) === "postgres") due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable("outbox")
    .set({
      status: "sending",
      claimed_by: me,
      claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString(),
    })
    .where("id", "in", due)
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** The mail of an outbox row; its Message-ID is the row's, so a receiver can tell a resend. */
export function outgoingMail(
  row: OutboxRow,
  settings: Pick<MailSettings, "from" | "fromDomain">,
): OutgoingMail {
  return {
    from: settings.from,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    messageId: `<laurel-outbox-${row.id}@${settings.fromDomain}>`,
    // RFC 3834: no out-of-office replies to a machine.
    headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
  };
}

export type SendOutcome =
  | { row: OutboxRow; outcome: "sent" }
  | { row: OutboxRow; outcome: "released" }
  | ({ row: OutboxRow } & FailureVerdict);

/** Sends one row; never throws: a failure comes back judged (retry later or failed). */
export async function sendOnce(
  transport: MailTransport,
  row: OutboxRow,
  settings: Pick<MailSettings, "from" | "fromDomain">,
  now: () => Date = () => new Date(),
): Promise<SendOutcome> {
  try {
    await transport.sendMail(outgoingMail(row, settings));
    return { row, outcome: "sent" };
  } catch (error) {
    return { row, ...judgeFailure(failureOf(error), row.attempts, now()) };
  }
}

/** Sends `rows` over at most `concurrency` mails at a time; rows not started by `deadline` are released. */
async function sendAll(
  rows: OutboxRow[],
  send: (row: OutboxRow) => Promise<SendOutcome>,
  concurrency: number,
  deadline: number,
): Promise<SendOutcome[]> {
  const out: SendOutcome[] = new Array(rows.length);
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const i = next++;
      out[i] = Date.now() > deadline ? { row: rows[i], outcome: "released" } : await send(rows[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  return out;
}

/**
 * Writes what became of a claimed batch, in one transaction, each row only while still ours: sent,
 * pending again later, failed (and the refused address noted on its user), or handed back untried.
 */
async function recordOutcomes(db: Kysely<Database>, me: string, outcomes: SendOutcome[], at: string) {
  await db.transaction().execute(async (trx) => {
    const sent = outcomes.filter((o) => o.outcome === "sent").map((o) => o.row);
    if (sent.length)
      await trx
        .updateTable("outbox")
        .set((eb) => ({
          status: "sent",
          sent_at: at,
          attempts: eb("attempts", "+", 1),
          claimed_by: null,
          claimed_until: null,
          last_error: null,
        }))
        .where(
          "id",
          "in",
          sent.map((r) => r.id),
        )
        .where("claimed_by", "=", me)
        .execute();
    for (const o of outcomes) {
      if (o.outcome === "sent") continue;
      const mine = trx.updateTable("outbox").where("id", "=", o.row.id).where("claimed_by", "=", me);
      if (o.outcome === "released") {
        await mine.set({ status: "pending", claimed_by: null, claimed_until: null }).execute();
        continue;
      }
      await mine
        .set({
          status: o.outcome === "retry" ? "pending" : "failed",
          attempts: o.row.attempts + 1,
          next_attempt_at: o.outcome === "retry" ? o.nextAttemptAt : o.row.next_attempt_at,
          last_error: o.error,
          claimed_by: null,
          claimed_until: null,
        })
        .execute();
      if (o.outcome === "failed" && o.addressRefused && o.row.user_id !== null)
        await trx
          .updateTable("users")
          .set({ email_problem: o.error, email_problem_at: at })
          .where("id", "=", o.row.user_id)
          .where("email", "=", o.row.to_address)
          .execute();
    }
    await clearProblemsOfDelivered(trx, sent);
  });
}

/** An address that took a mail works again: a problem noted on it earlier goes. */
async function clearProblemsOfDelivered(db: Kysely<Database>, sent: OutboxRow[]) {
  const userIds = [...new Set(sent.flatMap((r) => (r.user_id === null ? [] : [r.user_id])))];
  if (userIds.length === 0) return;
  const troubled = await db
    .selectFrom("users")
    .select(["id", "email"])
    .where("id", "in", userIds)
    .where("email_problem", "is not", null)
    .execute();
  for (const u of troubled)
    if (sent.some((r) => r.user_id === u.id && r.to_address === u.email))
      await db
        .updateTable("users")
        .set({ email_problem: null, email_problem_at: null })
        .where("id", "=", u.id)
        .execute();
}

export interface SendPendingOptions {
  settings: Pick<MailSettings, "from" | "fromDomain">;
  /** This sender's name in its claims (senderName() by default). */
  me?: string;
  /** Rows per claim (100). */
  batchSize?: number;
  /** Mails in flight at once (16: two per pooled connection, so none waits idle for the next). */
  concurrency?: number;
  /** The clock (tests move it to make a retry due). */
  now?: () => Date;
}

export interface SendTally {
  sent: number;
  /** Pending again, to be tried later. */
  retried: number;
  failed: number;
}

/**
 * Sends every mail due now, batch by batch, until none is left: what `mail send-pending` and the
 * server's sender loop run. A mail put back for later is not due again within one run.
 */
export async function sendPending(
  db: Kysely<Database>,
  transport: MailTransport,
  options: SendPendingOptions,
): Promise<SendTally> {
  const me = options.me ?? senderName();
  const now = options.now ?? (() => new Date());
  const tally: SendTally = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const started = now();
    const rows = await claimOutbox(db, me, options.batchSize ?? 100, started);
    if (rows.length === 0) return tally;
    const deadline = Date.now() + CLAIM_MS - CLAIM_MARGIN_MS;
    const outcomes = await sendAll(
      rows,
      (row) => sendOnce(transport, row, options.settings, now),
      options.concurrency ?? 16,
      deadline,
    );
    await recordOutcomes(db, me, outcomes, now().toISOString());
    for (const o of outcomes)
      if (o.outcome === "sent") tally.sent += 1;
      else if (o.outcome === "retry") tally.retried += 1;
      else if (o.outcome === "failed") tally.failed += 1;
    if (outcomes.every((o) => o.outcome === "released")) return tally;
  }
}
