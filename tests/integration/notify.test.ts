import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { notify } from "~/models/notification.server";
import { nowIso } from "~/utils/time.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

let t: TestDatabase;
let orgId: number;

async function user(name: string, email: string | null, lang: "zh-CN" | "en" = "zh-CN", active = 1) {
  const row = await t.db
    .insertInto("users")
    .values({
      username: name,
      display_name: name,
      password_hash: null,
      org_id: orgId,
      is_active: active,
      session_epoch: 0,
      email,
      mail_language: lang,
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const org = await t.db
    .insertInto("orgs")
    .values({
      name: "省总工会",
      kind: "provincial",
      region_code: null,
      parent_id: null,
      path: "/",
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  orgId = org.id;
});
afterAll(() => t.destroy());

describe("notify", () => {
  it("records one notification per active recipient and queues mail for those with an address", async () => {
    const zh = await user("zh", "zh@example.org");
    const en = await user("en", "en@example.org", "en");
    const none = await user("nomail", null);
    const gone = await user("gone", "gone@example.org", "zh-CN", 0);
    const made = await t.db.transaction().execute((trx) =>
      notify(trx, {
        kind: "nomination_returned",
        userIds: [zh, en, none, gone, zh],
        params: { name: "张三", competition: "2017年度表彰", reason: "材料不全" },
        link: "/competitions/1/nominations/2",
      }),
    );
    expect(made).toBe(3);
    const mails = await t.db.selectFrom("outbox").selectAll().orderBy("id").execute();
    expect(mails.map((m) => [m.to_address, m.language, m.status])).toEqual([
      ["zh@example.org", "zh-CN", "pending"],
      ["en@example.org", "en", "pending"],
    ]);
    expect(mails[0].subject).toBe("推荐被退回：张三（2017年度表彰）");
    expect(mails[1].subject).toBe("Nomination returned: 张三 (2017年度表彰)");
    expect(mails[1].text_body).toContain("/competitions/1/nominations/2");
  });

  it("honours a user's choice and makes a keyed reminder once", async () => {
    const u = await user("digest", "d@example.org");
    await t.db
      .insertInto("notification_preferences")
      .values({ user_id: u, kind: "sheets_assigned", delivery: "none" })
      .execute();
    const before = await t.db
      .selectFrom("outbox")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    await notify(t.db, {
      kind: "sheets_assigned",
      userIds: [u],
      params: { count: 3, competition: "c", category: "k" },
      link: "/judging",
    });
    const reminder = {
      kind: "reminder_unsubmitted_sheets" as const,
      userIds: [u],
      params: { count: 3, competition: "c", end: "2018-05-01" },
      link: "/judging",
      dedupeKey: (id: number) => `reminder_unsubmitted_sheets:stage-7:${id}:2018-04-26`,
    };
    expect(await notify(t.db, reminder)).toBe(1);
    expect(await notify(t.db, reminder)).toBe(0);
    const after = await t.db
      .selectFrom("outbox")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const mine = await t.db
      .selectFrom("notifications")
      .select(["kind", "delivery"])
      .where("user_id", "=", u)
      .orderBy("id")
      .execute();
    expect(mine).toEqual([
      { kind: "sheets_assigned", delivery: "none" },
      { kind: "reminder_unsubmitted_sheets", delivery: "digest" },
    ]);
  });
});
