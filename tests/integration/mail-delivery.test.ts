import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { notify } from "~/models/notification.server";
import { buildDigests } from "~/models/mail-digest.server";
import { createMailTransport, sendPending, type MailTransport } from "~/models/mail-sender.server";
import { RETRY_DELAYS_MS } from "~/domain/notifications/delivery-rules";
import { startMailLoop } from "../../scripts/mail-loop";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree } from "../support/factories";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

let t: TestDatabase;
let sink: SmtpSink;
let transport: MailTransport;
let province: Awaited<ReturnType<typeof makeTree>>["province"];
const settings = { from: "劳模平台 <laurel@example.org>", fromDomain: "example.org" };
const BASE = "https://laurel.example.org";

beforeAll(async () => {
  process.env.LAUREL_URL = BASE;
  t = await createTestDatabase();
  province = (await makeTree(t.db)).province;
  sink = await startSmtpSink();
  transport = createMailTransport({ host: "127.0.0.1", port: sink.port, secure: false });
});
afterAll(async () => {
  transport.close();
  await sink.close();
  await t.destroy();
});
beforeEach(async () => {
  sink.mails.length = 0;
  sink.messageIds.length = 0;
  sink.answer = () => undefined;
  await t.db.deleteFrom("outbox").execute();
  await t.db.deleteFrom("notifications").execute();
});

/** A user with an address (no password: these tests never sign in). */
async function userWith(email: string | null, language: "zh-CN" | "en" = "zh-CN") {
  const row = await t.db
    .insertInto("users")
    .values({
      username: `u-${email ?? Math.random()}`,
      display_name: "收件人",
      password_hash: null,
      org_id: province.id,
      is_active: 1,
      session_epoch: 0,
      email,
      mail_language: language,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const returned = (userIds: number[]) =>
  t.db.transaction().execute((trx) =>
    notify(trx, {
      kind: "nomination_returned",
      userIds,
      params: { name: "张三", competition: "2017年度表彰", reason: "材料不全" },
      link: "/competitions/1/nominations/2",
    }),
  );

const outbox = () => t.db.selectFrom("outbox").selectAll().orderBy("id").execute();
const later = (ms: number) => () => new Date(Date.now() + ms);

describe("the sender", () => {
  it("delivers a queued mail: UTF-8 subject, plain text and HTML, the link, the row's Message-ID", async () => {
    const zh = await userWith("zhang@example.org");
    const en = await userWith("smith@example.org", "en");
    await returned([zh, en]);
    const tally = await sendPending(t.db, transport, { settings });
    expect(tally).toEqual({ sent: 2, retried: 0, failed: 0 });
    const byTo = new Map(sink.mails.map((m) => [m.to && "text" in m.to ? m.to.text : "", m]));
    const zhMail = byTo.get("zhang@example.org")!;
    expect(zhMail.subject).toBe("推荐被退回：张三（2017年度表彰）");
    expect(zhMail.from?.value[0]).toEqual({ address: "laurel@example.org", name: "劳模平台" });
    expect(zhMail.text).toContain("理由：材料不全");
    expect(zhMail.text).toContain(`${BASE}/competitions/1/nominations/2`);
    expect(zhMail.html).toContain(`href="${BASE}/competitions/1/nominations/2"`);
    expect(zhMail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(byTo.get("smith@example.org")!.subject).toBe("Nomination returned: 张三 (2017年度表彰)");
    const rows = await outbox();
    expect(rows.map((r) => [r.status, r.attempts, r.claimed_by, r.sent_at !== null])).toEqual([
      ["sent", 1, null, true],
      ["sent", 1, null, true],
    ]);
    expect(zhMail.messageId).toBe(`<laurel-outbox-${rows[0].id}@example.org>`);
    expect(await sendPending(t.db, transport, { settings })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(sink.mails).toHaveLength(2);
  });

  it("tries again after a 421, later, and then delivers once", async () => {
    const u = await userWith("busy@example.org");
    await returned([u]);
    // 421 closes the connection: nodemailer's pool tries a few times more itself within the run.
    sink.answer = () => ({ code: 421, message: "Try again later" });
    expect(await sendPending(t.db, transport, { settings })).toEqual({ sent: 0, retried: 1, failed: 0 });
    sink.answer = () => undefined;
    const [row] = await outbox();
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/^421/);
    const wait = Date.parse(row.next_attempt_at) - Date.now();
    expect(wait).toBeGreaterThan(RETRY_DELAYS_MS[0] - 5000);
    expect(wait).toBeLessThanOrEqual(RETRY_DELAYS_MS[0]);
    // Not due yet: nothing goes.
    expect(await sendPending(t.db, transport, { settings })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await sendPending(t.db, transport, { settings, now: later(61_000) })).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    expect(sink.mails).toHaveLength(1);
    const [done] = await outbox();
    expect([done.status, done.attempts, done.last_error]).toEqual(["sent", 2, null]);
  });

  it("waits longer after each 450 and marks the mail failed after the last wait", async () => {
    const u = await userWith("full@example.org");
    await returned([u]);
    sink.answer = () => ({ code: 450, message: "Mailbox busy" });
    let clock = 0;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      const now = Date.now() + clock;
      expect(await sendPending(t.db, transport, { settings, now: () => new Date(now) })).toEqual({
        sent: 0,
        retried: 1,
        failed: 0,
      });
      const [row] = await outbox();
      waits.push(Date.parse(row.next_attempt_at) - now);
      clock += Date.parse(row.next_attempt_at) - now + 1000;
    }
    expect(waits).toEqual([...RETRY_DELAYS_MS]);
    const last = Date.now() + clock;
    expect(await sendPending(t.db, transport, { settings, now: () => new Date(last) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 1,
    });
    const [row] = await outbox();
    expect([row.status, row.attempts]).toEqual(["failed", RETRY_DELAYS_MS.length + 1]);
    expect(row.last_error).toMatch(/^450/);
    const user = await t.db
      .selectFrom("users")
      .select("email_problem")
      .where("id", "=", u)
      .executeTakeFirst();
    expect(user?.email_problem).toBeNull();
    expect(sink.mails).toHaveLength(0);
  });

  it("marks a mail refused with 550 failed at once and notes the problem on its user", async () => {
    const u = await userWith("nobody@example.org");
    const ok = await userWith("somebody@example.org");
    await returned([u, ok]);
    sink.answer = (a) =>
      a === "nobody@example.org" ? { code: 550, message: "No such user here" } : undefined;
    expect(await sendPending(t.db, transport, { settings })).toEqual({ sent: 1, retried: 0, failed: 1 });
    const rows = await outbox();
    expect(rows.map((r) => [r.to_address, r.status, r.attempts])).toEqual([
      ["nobody@example.org", "failed", 1],
      ["somebody@example.org", "sent", 1],
    ]);
    expect(rows[0].last_error).toMatch(/^550.*No such user here/);
    const users = await t.db
      .selectFrom("users")
      .select(["id", "email_problem", "email_problem_at"])
      .where("id", "in", [u, ok])
      .orderBy("id")
      .execute();
    expect(users[0].email_problem).toMatch(/^550/);
    expect(users[0].email_problem_at).not.toBeNull();
    expect(users[1].email_problem).toBeNull();
  });

  it("keeps mail waiting while the SMTP server is down", async () => {
    const u = await userWith("later@example.org");
    await returned([u]);
    const down = createMailTransport({ host: "127.0.0.1", port: 1, secure: false });
    try {
      expect(await sendPending(t.db, down, { settings })).toEqual({ sent: 0, retried: 1, failed: 0 });
    } finally {
      down.close();
    }
    const [row] = await outbox();
    expect([row.status, row.attempts]).toEqual(["pending", 1]);
    expect(row.last_error).toMatch(/ECONNREFUSED|ECONNECTION/);
  });

  it("takes over the mail of a sender whose claim lapsed", async () => {
    const u = await userWith("orphan@example.org");
    await returned([u]);
    await t.db
      .updateTable("outbox")
      .set({
        status: "sending",
        claimed_by: "crashed",
        claimed_until: new Date(Date.now() - 1000).toISOString(),
      })
      .execute();
    expect(await sendPending(t.db, transport, { settings })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sink.mails).toHaveLength(1);
  });

  it("sends each of 200 mails once when two senders race", async () => {
    const ids = [];
    for (let i = 0; i < 200; i++) ids.push(await userWith(`racer${i}@example.org`));
    await returned(ids);
    const second = createMailTransport({ host: "127.0.0.1", port: sink.port, secure: false });
    try {
      const [a, b] = await Promise.all([
        sendPending(t.db, transport, { settings, me: "a", batchSize: 20 }),
        sendPending(t.db, second, { settings, me: "b", batchSize: 20 }),
      ]);
      expect(a.sent + b.sent).toBe(200);
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
    } finally {
      second.close();
    }
    expect(sink.messageIds).toHaveLength(200);
    expect(new Set(sink.messageIds).size).toBe(200);
    const counts = await t.db
      .selectFrom("outbox")
      .select(["status", sql<number>`count(*)`.as("n")])
      .groupBy("status")
      .execute();
    expect(counts.map((c) => [c.status, Number(c.n)])).toEqual([["sent", 200]]);
  });
});

describe("the server's sender loop", () => {
  it("sends what is queued while the server runs, and goes on after a failed run", async () => {
    const u = await userWith("loop@example.org");
    const smtp = { host: "127.0.0.1", port: sink.port, secure: false };
    const loopSettings = { ...settings, smtp, digestHour: 7 };
    // A run against a closed database fails; the loop logs it and tries again.
    const broken = await createTestDatabase();
    await broken.destroy();
    const errors: string[] = [];
    const log = console.error;
    console.error = (line: string) => errors.push(line);
    const stopBroken = startMailLoop(broken.db, loopSettings, 50);
    const stop = startMailLoop(t.db, loopSettings, 50);
    try {
      await returned([u]);
      for (let i = 0; i < 200 && (sink.mails.length === 0 || errors.length < 2); i++)
        await new Promise((r) => setTimeout(r, 50));
    } finally {
      stop();
      stopBroken();
      console.error = log;
    }
    expect(sink.mails.map((m) => m.subject)).toEqual(["推荐被退回：张三（2017年度表彰）"]);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toMatch(/^Mail sender: /);
  });
});

describe("the daily digest", () => {
  // 08:00 and 06:00 in China on 2026-12-04.
  const after = new Date("2026-12-04T00:00:00Z");
  const before = new Date("2026-12-03T22:00:00Z");

  async function remind(userId: number, competition: string) {
    await t.db.transaction().execute((trx) =>
      notify(trx, {
        kind: "reminder_nomination_drafts",
        userIds: [userId],
        params: { competition, count: 2, end: "2026-12-08" },
        link: "/competitions/7/nominations",
      }),
    );
  }

  it("gathers a user's waiting reminders into one mail a day, after the digest hour", async () => {
    const u = await userWith("digest@example.org");
    const none = await userWith(null);
    await remind(u, "五一劳动奖章");
    await remind(u, "先进集体评选");
    await remind(none, "五一劳动奖章");
    expect(await outbox()).toHaveLength(0);
    expect(await buildDigests(t.db, { digestHour: 7, holder: "a", now: before })).toBe(0);
    expect(await buildDigests(t.db, { digestHour: 7, holder: "a", now: after })).toBe(1);
    expect(await buildDigests(t.db, { digestHour: 7, holder: "b", now: after })).toBe(0);
    // A reminder made after the day's digest waits for the next day's.
    await remind(u, "第三项");
    expect(await buildDigests(t.db, { digestHour: 7, holder: "b", now: after })).toBe(0);
    const rows = await outbox();
    expect(rows.map((r) => [r.to_address, r.digest_day, r.notification_id])).toEqual([
      ["digest@example.org", "2026-12-04", null],
    ]);
    await sendPending(t.db, transport, { settings });
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0];
    expect(mail.subject).toBe("每日提醒：2 条");
    expect(mail.text).toContain("推荐截止提醒：还有 2 份草稿（五一劳动奖章）");
    expect(mail.text).toContain("推荐截止提醒：还有 2 份草稿（先进集体评选）");
    expect(mail.text).toContain(`${BASE}/competitions/7/nominations`);
    expect(mail.text).toContain(`${BASE}/inbox`);
    expect(mail.html).toContain(`<a href="${BASE}/competitions/7/nominations">`);
    const waiting = await t.db
      .selectFrom("notifications")
      .select(["user_id", "digested_at"])
      .where("delivery", "=", "digest")
      .orderBy("id")
      .execute();
    expect(waiting.map((n) => [n.user_id, n.digested_at !== null])).toEqual([
      [u, true],
      [u, true],
      [none, false],
      [u, false],
    ]);
    const nextDay = new Date("2026-12-05T00:00:00Z");
    expect(await buildDigests(t.db, { digestHour: 7, holder: "a", now: nextDay })).toBe(1);
  });

  it("makes one digest per user when two servers build at once", async () => {
    const users = [];
    for (let i = 0; i < 20; i++) users.push(await userWith(`d${i}@example.org`, i % 2 ? "en" : "zh-CN"));
    for (const u of users) await remind(u, "并发测试");
    const day = new Date("2026-12-10T01:00:00Z");
    const [a, b] = await Promise.all([
      buildDigests(t.db, { digestHour: 7, holder: "a", now: day }),
      buildDigests(t.db, { digestHour: 7, holder: "b", now: day }),
    ]);
    expect(a + b).toBe(20);
    const rows = await outbox();
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(20);
    expect(rows.find((r) => r.language === "en")?.subject).toBe("Daily digest: 1 new");
  });
});
