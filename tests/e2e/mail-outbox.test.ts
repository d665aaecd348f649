import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { createDatabase } from "../../db/client";
import type { Database } from "../../db/schema";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, type Browser } from "./support/browser";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

// The compiled server with SMTP_URL set sends what the outbox holds through a real SMTP server, and
// a province admin sees the queue at /outbox and sends a failed mail again (decision 030).
let server: RunningServer;
let browser: Browser;
let sink: SmtpSink;
let db: Kysely<Database>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-mail-"));

async function queue(to: string, status: "pending" | "failed", lastError: string | null) {
  const now = new Date().toISOString();
  await db
    .insertInto("outbox")
    .values({
      user_id: null,
      to_address: to,
      language: "zh-CN",
      notification_id: null,
      digest_day: null,
      subject: `推荐被退回：张三（${to}）`,
      text_body: "「2017年度表彰」中张三的推荐被退回。",
      html_body: "<p>「2017年度表彰」中张三的推荐被退回。</p>",
      status,
      attempts: status === "failed" ? 6 : 0,
      next_attempt_at: now,
      claimed_by: null,
      claimed_until: null,
      last_error: lastError,
      sent_at: null,
      created_at: now,
    })
    .execute();
}

beforeAll(async () => {
  sink = await startSmtpSink();
  const file = path.join(dir, "laurel.db");
  server = await startServer({
    database: {
      url: `file:${file}`,
      sessionSecret: crypto.randomBytes(32).toString("hex"),
      dataKey: crypto.randomBytes(32),
    },
    env: {
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      MAIL_FROM: "劳模平台 <laurel@example.org>",
      LAUREL_URL: "https://laurel.example.org",
    },
  });
  db = createDatabase({ dialect: "sqlite", file });
  await queue("failed@example.org", "failed", "550 5.1.1 No such user");
  await queue("waiting@example.org", "pending", null);
  browser = await launchBrowser({ baseURL: server.url });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.destroy();
  await sink?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("mail from the running server", () => {
  it("says where it sends, and sends what waits in the outbox", async () => {
    expect(server.output()).toContain(`Mail: sending through smtp://127.0.0.1:${sink.port}`);
    // The sender runs every 30 s: wait for its next run, up to a minute.
    for (let i = 0; i < 600 && sink.mails.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(sink.mails.map((m) => [m.subject, m.from?.text])).toEqual([
      ["推荐被退回：张三（waiting@example.org）", '"劳模平台" <laurel@example.org>'],
    ]);
  }, 90_000);

  it("shows a province admin the failed mail with the server's answer, and queues it again", async () => {
    const page = await browser.newPage();
    await login(page, "admin");
    await page.goto("/outbox");
    await expect(page.locator("h1").textContent()).resolves.toBe("邮件发送队列");
    const row = page.locator("tr", { hasText: "failed@example.org" });
    await expect(row.textContent()).resolves.toContain("550 5.1.1 No such user");
    await Promise.all([page.waitForURL("**/outbox"), row.getByRole("button", { name: "重新发送" }).click()]);
    await expect(page.locator('[role="status"]').textContent()).resolves.toBe("已重新排队 1 封邮件。");
    const retried = await db
      .selectFrom("outbox")
      .select(["status", "attempts"])
      .where("to_address", "=", "failed@example.org")
      .executeTakeFirstOrThrow();
    // Queued again from zero, unless the sender has already taken it (then it went through: 1 attempt).
    expect([
      ["pending", 0],
      ["sending", 0],
      ["sent", 1],
    ]).toContainEqual([retried.status, retried.attempts]);
    await page.close();
  }, 60_000);
});
