import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, loader } from "~/routes/outbox";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let root: number;
let cityAdmin: number;
const ids: Record<string, number> = {};

async function queued(to: string, status: "pending" | "sent" | "failed", lastError: string | null = null) {
  const now = new Date().toISOString();
  const row = await t.db
    .insertInto("outbox")
    .values({
      user_id: null,
      to_address: to,
      language: "zh-CN",
      notification_id: null,
      digest_day: null,
      subject: `主题 ${to}`,
      text_body: "正文",
      html_body: "<p>正文</p>",
      status,
      attempts: status === "failed" ? 6 : 0,
      next_attempt_at: now,
      claimed_by: null,
      claimed_until: null,
      last_error: lastError,
      sent_at: status === "sent" ? now : null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids[to] = row.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  const tree = await makeTree(t.db);
  root = (await makeUser(t.db, tree.province, ["admin"])).id;
  cityAdmin = (await makeUser(t.db, tree.cityA, ["admin"])).id;
  await queued("wait@example.org", "pending");
  await queued("done@example.org", "sent");
  await queued("bad1@example.org", "failed", "450 4.2.0 Mailbox busy");
  await queued("bad2@example.org", "failed", "550 5.1.1 No such user");
});
afterAll(() => t.destroy());

describe("the operators' outbox page", () => {
  it("shows a root admin the counts and the queue, failed first, and says when nothing is sent", async () => {
    delete process.env.SMTP_URL;
    const page = await h.get(loader, "/outbox", { userId: root });
    expect(page.status).toBe(200);
    expect(page.data.counts).toEqual({ pending: 1, sending: 0, sent: 1, failed: 2 });
    expect(page.data.mail.server).toBeNull();
    expect(page.data.rows.map((r: { to_address: string }) => r.to_address)).toEqual([
      "bad2@example.org",
      "bad1@example.org",
      "wait@example.org",
    ]);
    expect(page.data.rows[0].last_error).toBe("550 5.1.1 No such user");
    const all = await h.get(loader, "/outbox?show=all", { userId: root });
    expect(all.data.rows).toHaveLength(4);
  });

  it("names the mail server without its password", async () => {
    process.env.SMTP_URL = "smtp://mailer:s%40cret@mail.example.org:587";
    try {
      const page = await h.get(loader, "/outbox", { userId: root });
      expect(page.data.mail.server).toBe("smtp://mailer@mail.example.org:587");
      expect(JSON.stringify(page.data)).not.toContain("cret");
    } finally {
      delete process.env.SMTP_URL;
    }
  });

  it("refuses admins below the province", async () => {
    expect((await h.get(loader, "/outbox", { userId: cityAdmin })).status).toBe(403);
    const post = await h.post(action, "/outbox", { intent: "retryAll" }, { userId: cityAdmin });
    expect(post.status).toBe(403);
    expect((await h.get(loader, "/outbox", { userId: root })).data.counts.failed).toBe(2);
  });

  it("puts one failed mail back in the queue, then every failed one, and records who did", async () => {
    const one = await h.post(
      action,
      "/outbox",
      { intent: "retry", id: String(ids["bad1@example.org"]) },
      { userId: root },
    );
    expect(one.status).toBe(200);
    expect(one.data.message.params).toEqual({ count: 1 });
    const row = await t.db
      .selectFrom("outbox")
      .select(["status", "attempts", "last_error"])
      .where("id", "=", ids["bad1@example.org"])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "pending", attempts: 0, last_error: "450 4.2.0 Mailbox busy" });
    const again = await h.post(
      action,
      "/outbox",
      { intent: "retry", id: String(ids["bad1@example.org"]) },
      { userId: root },
    );
    expect(again.status).toBe(409);
    const bad = await h.post(action, "/outbox", { intent: "retry", id: "x" }, { userId: root });
    expect(bad.status).toBe(400);
    const all = await h.post(action, "/outbox", { intent: "retryAll" }, { userId: root });
    expect(all.data.message.params).toEqual({ count: 1 });
    const counts = (await h.get(loader, "/outbox", { userId: root })).data.counts;
    expect(counts).toEqual({ pending: 3, sending: 0, sent: 1, failed: 0 });
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "outbox")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["outbox.retry", "outbox.retry_all"]);
  });
});
