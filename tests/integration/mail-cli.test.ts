import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notify } from "~/models/notification.server";
import { runLaurel } from "../support/cli";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree } from "../support/factories";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

let t: TestDatabase;
let sink: SmtpSink;
const ROOT = path.resolve(import.meta.dirname, "../..");

beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
  const { province } = await makeTree(t.db);
  const user = await t.db
    .insertInto("users")
    .values({
      username: "cron",
      display_name: "定时",
      password_hash: null,
      org_id: province.id,
      is_active: 1,
      session_epoch: 0,
      email: "cron@example.org",
      mail_language: "en",
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db.transaction().execute(async (trx) => {
    await notify(trx, {
      kind: "sheets_assigned",
      userIds: [user.id],
      params: { competition: "2026 awards", category: "Individuals", count: 4 },
      link: "/judging",
    });
    await notify(trx, {
      kind: "reminder_unsubmitted_sheets",
      userIds: [user.id],
      params: { competition: "2026 awards", count: 4, end: "2026-12-10" },
      link: "/judging",
    });
  });
});
afterAll(async () => {
  await sink.close();
  await t.destroy();
});

describe("laurel mail send-pending", () => {
  it("refuses to run without SMTP_URL, or with one it cannot use, and sends nothing", async () => {
    const none = await runLaurel(["mail", "send-pending"], { ...t.env, SMTP_URL: "" });
    expect(none.status).toBe(1);
    expect(none.stderr).toContain("SMTP_URL is not set");
    for (const [url, said] of [
      ["http://mail.example.org", "SMTP_URL must start with smtp:// or smtps://"],
      ["smtp://", "SMTP_URL names no host"],
      ["smtp://mail.example.org:99999", "SMTP_URL cannot be read as a URL"],
    ]) {
      const bad = await runLaurel(["mail", "send-pending"], { ...t.env, SMTP_URL: url });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain(said);
    }
    const waiting = await t.db.selectFrom("outbox").select("status").execute();
    expect(waiting).toEqual([{ status: "pending" }]);
  });

  it("builds the day's digest and sends what is due, then prints the counts", async () => {
    const env = { ...t.env, SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_DIGEST_HOUR: "0" };
    const run = await runLaurel(["mail", "send-pending"], env);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("Sent 2, to retry later 0, failed 0; daily digests made 1.\n");
    expect(run.status).toBe(0);
    expect(sink.mails.map((m) => m.subject).sort()).toEqual([
      "Daily digest: 1 new",
      "New score sheets: 4 (2026 awards)",
    ]);
    const again = await runLaurel(["mail", "send-pending"], env);
    expect(again.stdout).toBe("Sent 0, to retry later 0, failed 0; daily digests made 0.\n");
    expect(sink.mails).toHaveLength(2);
  });
});

describe("the server", () => {
  it("refuses to start with an SMTP_URL it cannot use, saying why and never the password", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/start.ts")], {
      cwd: ROOT,
      env: { ...process.env, ...t.env, PORT: "0", SMTP_URL: "smtp://mailer:s3cret@mail.example.org:port" },
      encoding: "utf8",
      timeout: 60000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("SMTP_URL cannot be read as a URL");
    expect(r.stderr + r.stdout).not.toContain("s3cret");
  });
});
