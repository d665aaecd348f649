import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { createDatabase, parseDatabaseUrl } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import { createMailTransport, sendPending } from "../../../app/models/mail-sender.server";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { startChildSink } from "../lib/smtp-child";

const MESSAGES = 10_000;
/** Two senders at once, as two app servers (or a server and `mail send-pending`) would run. */
const SENDERS = 2;
const settings = { from: "劳模平台 <laurel@bench.example.org>", fromDomain: "bench.example.org" };

/** A fresh SQLite file, or the PostgreSQL database of DATABASE_URL (its outbox rows made here are removed after). */
function benchDatabase(): { db: Kysely<Database>; dialect: string; cleanup: () => Promise<void> } {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//i.test(url)) {
    const db = createDatabase(parseDatabaseUrl(url));
    const cleanup = async () => {
      await db.deleteFrom("outbox").where("to_address", "like", "%@bench.example.org").execute();
      await db.destroy();
    };
    return { db, dialect: "postgres", cleanup };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-bench-mail-"));
  const db = createDatabase({ dialect: "sqlite", file: path.join(dir, "laurel.db") });
  const cleanup = async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { db, dialect: "sqlite", cleanup };
}

/** MESSAGES rows as notify() queues them: a Chinese subject, plain text and HTML, a link. */
async function queue(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  const rows = Array.from({ length: MESSAGES }, (_, i) => ({
    user_id: null,
    to_address: `judge${i}@bench.example.org`,
    language: "zh-CN",
    notification_id: null,
    digest_day: null,
    subject: `新的评分任务：${(i % 9) + 1} 份（2026年度五一劳动奖章评选）`,
    text_body: `您在「2026年度五一劳动奖章评选」的「先进个人」中有 ${(i % 9) + 1} 份评分表待评。\n\n打开：https://laurel.example.org/judging\n`,
    html_body: `<!doctype html><html lang="zh-CN"><body><p>您有 ${(i % 9) + 1} 份评分表待评。</p><p><a href="https://laurel.example.org/judging">https://laurel.example.org/judging</a></p></body></html>`,
    status: "pending" as const,
    attempts: 0,
    next_attempt_at: now,
    claimed_by: null,
    claimed_until: null,
    last_error: null,
    sent_at: null,
    created_at: now,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("outbox")
      .values(rows.slice(i, i + 500))
      .execute();
}

/**
 * 10,000 queued mails sent by two senders at once through nodemailer's pooled transports to a
 * real SMTP server in a child process (smtp-server): messages per second from the first claim to the
 * last row written, and what the server received, counted by Message-ID (each row's own).
 */
const mail: Benchmark = {
  name: "mail",
  summary: `send ${MESSAGES} queued mails (${SENDERS} senders at once) to a local SMTP server; none lost or doubled`,
  target: { metric: "messages_per_second", value: 200, direction: "at least" },
  async run({ log }: BenchOptions) {
    const { db, dialect, cleanup } = benchDatabase();
    const sink = await startChildSink();
    const transports = Array.from({ length: SENDERS }, () =>
      createMailTransport({ host: "127.0.0.1", port: sink.port, secure: false }),
    );
    try {
      await migrateToLatest(db);
      log(`Queueing ${MESSAGES} mails (${dialect}) …`);
      await queue(db);
      log(`Sending them with ${SENDERS} senders …`);
      const started = performance.now();
      const tallies = await Promise.all(
        transports.map((t, i) => sendPending(db, t, { settings, me: `bench-${i}` })),
      );
      const seconds = (performance.now() - started) / 1000;
      const sent = tallies.reduce((n, t) => n + t.sent, 0);
      const ids = await sink.messageIds();
      const unique = new Set(ids).size;
      const metrics = {
        database: dialect,
        messages: MESSAGES,
        sent,
        received: ids.length,
        lost: MESSAGES - unique,
        doubled: ids.length - unique,
        seconds: round(seconds, 2),
        messages_per_second: Math.round(sent / seconds),
      };
      if (metrics.lost !== 0 || metrics.doubled !== 0 || sent !== MESSAGES)
        throw new Error(`mails lost or doubled: ${JSON.stringify(metrics)}`);
      return metrics;
    } finally {
      for (const t of transports) t.close();
      await sink.close();
      await cleanup();
    }
  },
};

export default mail;
