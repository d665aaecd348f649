import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { notify } from "~/models/notification.server";
import { countUnread } from "~/models/inbox.server";
import { UNREAD_CAP } from "~/domain/notifications/inbox";
import * as root from "~/root";
import * as inbox from "~/routes/inbox";
import * as account from "~/routes/account._index";
import * as userPage from "~/routes/users.$userId";

/* Issue 19: the inbox, the header's count, the account page's mail settings and choices. */

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let reader: number;
let other: number;
let admin: number;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
  reader = (await makeUser(t.db, tree.cityA, ["nominator"])).id;
  other = (await makeUser(t.db, tree.cityA, ["nominator"])).id;
  admin = (await makeUser(t.db, tree.province, ["admin"])).id;
});
afterAll(() => t.destroy());

const give = (userId: number, name: string) =>
  t.db.transaction().execute((trx) =>
    notify(trx, {
      kind: "nomination_returned",
      userIds: [userId],
      params: { name, competition: "2018年度表彰", reason: "缺材料" },
      link: `/nominations/${name.length}`,
    }),
  );

const idsOf = async (userId: number) =>
  (
    await t.db.selectFrom("notifications").select("id").where("user_id", "=", userId).orderBy("id").execute()
  ).map((r) => r.id);

describe("the inbox", () => {
  it("lists the reader's own notifications newest first, 30 a page, with the header's count", async () => {
    for (let i = 1; i <= 32; i++) await give(reader, `人${i}`);
    await give(other, "别人的");
    const first = await h.get(inbox.loader, "/inbox", { userId: reader });
    expect(first.status).toBe(200);
    expect(first.data.items).toHaveLength(30);
    expect(first.data.hasMore).toBe(true);
    expect(first.data.items[0]).toMatchObject({ kind: "nomination_returned", read: false });
    expect(first.data.items[0].params.name).toBe("人32");
    const second = await h.get(inbox.loader, "/inbox?page=2", { userId: reader });
    expect(second.data.items.map((n: { params: { name: string } }) => n.params.name)).toEqual(["人2", "人1"]);
    expect(second.data.hasMore).toBe(false);
    const header = await h.get(root.loader, "/", { userId: reader });
    expect(header.data.user.unread).toBe(32);
    expect((await h.get(root.loader, "/")).data.user).toBeUndefined();
  });

  it("opens an item: marks it read and goes to its link; marks one unread and all read", async () => {
    const [firstId, secondId] = await idsOf(reader);
    const open = await h.post(
      inbox.action,
      "/inbox",
      { intent: "open", id: String(firstId) },
      { userId: reader },
    );
    expect(open.status).toBe(302);
    expect(open.headers.get("location")).toBe("/nominations/2");
    expect(await countUnread(t.db, reader)).toBe(31);
    const unread = await h.post(
      inbox.action,
      "/inbox",
      { intent: "unread", id: String(firstId), back: "/inbox?page=2" },
      { userId: reader },
    );
    expect(unread.headers.get("location")).toBe("/inbox?page=2");
    expect(await countUnread(t.db, reader)).toBe(32);
    await h.post(inbox.action, "/inbox", { intent: "read", id: String(secondId) }, { userId: reader });
    const unreadOnly = await h.get(inbox.loader, "/inbox?show=unread&page=2", { userId: reader });
    expect(unreadOnly.data.items).toHaveLength(1);
    const all = await h.post(inbox.action, "/inbox", { intent: "readAll" }, { userId: reader });
    expect(all.headers.get("location")).toBe("/inbox?marked=31");
    expect(await countUnread(t.db, reader)).toBe(0);
    expect(await countUnread(t.db, other)).toBe(1);
  });

  it("answers 404 for another's notification and changes nothing", async () => {
    const [theirs] = await idsOf(other);
    for (const intent of ["open", "read", "unread"]) {
      const res = await h.post(inbox.action, "/inbox", { intent, id: String(theirs) }, { userId: reader });
      expect(res.status).toBe(404);
    }
    expect(await countUnread(t.db, other)).toBe(1);
    const forged = await h.post(inbox.action, "/inbox", { intent: "readAll" }, { userId: reader, csrf: "x" });
    expect(forged.status).toBe(403);
  });

  it(`counts unread up to ${UNREAD_CAP} only`, async () => {
    const many = (await makeUser(t.db, tree.cityB, ["nominator"])).id;
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < UNREAD_CAP + 5; i++)
        await notify(trx, {
          kind: "objection_filed",
          userIds: [many],
          params: { competition: "x" },
          link: "/",
        });
    });
    expect(await countUnread(t.db, many)).toBe(UNREAD_CAP);
  });
});

describe("mail settings and choices", () => {
  const mail = (form: Record<string, string>, userId = reader) =>
    h.post(account.action, "/account", { intent: "mail", ...form }, { userId });

  it("refuses an address that is not one with 400, keeping what was there", async () => {
    for (const bad of [
      "not an address",
      "a@b",
      "a@b.c, x@y.z",
      "<a@b.cn>",
      "张三@",
      "a".repeat(250) + "@b.cn",
    ]) {
      const res = await mail({ email: bad, mailLanguage: "en" });
      expect(res.status, bad).toBe(400);
      expect(res.data.errors.email).toEqual({ key: "inbox.address.invalid" });
    }
    const row = await t.db
      .selectFrom("users")
      .select(["email"])
      .where("id", "=", reader)
      .executeTakeFirstOrThrow();
    expect(row.email).toBeNull();
  });

  it("saves an address and a language; a new address clears the mail server's refusal", async () => {
    const ok = await mail({ email: " li@example.org ", mailLanguage: "en" });
    expect(ok.status).toBe(302);
    await t.db
      .updateTable("users")
      .set({ email_problem: "550 5.1.1 no such user", email_problem_at: "2026-12-01T08:00:00.000Z" })
      .where("id", "=", reader)
      .execute();
    const page = await h.get(account.loader, "/account", { userId: reader });
    expect(page.data.mail).toEqual({
      email: "li@example.org",
      mailLanguage: "en",
      problem: { answer: "550 5.1.1 no such user", at: "2026-12-01T08:00:00.000Z" },
    });
    // The admin's page shows the same refusal.
    const adminView = await h.get(userPage.loader, `/users/${reader}`, {
      userId: admin,
      params: { userId: String(reader) },
    });
    expect(adminView.data.mail.problem.answer).toBe("550 5.1.1 no such user");
    // Same address again: the refusal stands; a new one clears it.
    await mail({ email: "li@example.org", mailLanguage: "zh-CN" });
    expect((await h.get(account.loader, "/account", { userId: reader })).data.mail.problem).not.toBeNull();
    await mail({ email: "li2@example.org", mailLanguage: "zh-CN" });
    expect((await h.get(account.loader, "/account", { userId: reader })).data.mail).toEqual({
      email: "li2@example.org",
      mailLanguage: "zh-CN",
      problem: null,
    });
    // A blank address is none.
    await mail({ email: "", mailLanguage: "zh-CN" });
    expect((await h.get(account.loader, "/account", { userId: reader })).data.mail.email).toBeNull();
  });

  it("lets an admin set a user's address on the user's page, refusing a bad one", async () => {
    const post = (email: string) =>
      h.post(
        userPage.action,
        `/users/${other}`,
        { intent: "mail", email, mailLanguage: "en" },
        { userId: admin, params: { userId: String(other) } },
      );
    expect((await post("nope")).status).toBe(400);
    expect((await post("wang@example.org")).status).toBe(302);
    const row = await t.db
      .selectFrom("users")
      .select(["email", "mail_language"])
      .where("id", "=", other)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ email: "wang@example.org", mail_language: "en" });
  });

  it("stores a choice per kind only where it differs from the default, and notify honours it", async () => {
    const page = await h.get(account.loader, "/account", { userId: other });
    const form = Object.fromEntries(
      page.data.prefs.map((p: { kind: string; delivery: string }) => [p.kind, p.delivery]),
    );
    expect(form.nomination_returned).toBe("immediate");
    expect(form.reminder_nomination_drafts).toBe("digest");
    const bad = await h.post(
      account.action,
      "/account",
      { intent: "prefs", ...form, sheets_assigned: "pigeon" },
      { userId: other },
    );
    expect(bad.status).toBe(400);
    const saved = await h.post(
      account.action,
      "/account",
      { intent: "prefs", ...form, nomination_returned: "none", reminder_nomination_drafts: "immediate" },
      { userId: other },
    );
    expect(saved.status).toBe(302);
    const rows = await t.db
      .selectFrom("notification_preferences")
      .select(["kind", "delivery"])
      .where("user_id", "=", other)
      .orderBy("kind")
      .execute();
    expect(rows).toEqual([
      { kind: "nomination_returned", delivery: "none" },
      { kind: "reminder_nomination_drafts", delivery: "immediate" },
    ]);
    const before = await t.db.selectFrom("outbox").select("id").where("user_id", "=", other).execute();
    await give(other, "不发邮件");
    const after = await t.db.selectFrom("outbox").select("id").where("user_id", "=", other).execute();
    expect(after).toHaveLength(before.length);
    // Back to the default: the row goes.
    await h.post(account.action, "/account", { intent: "prefs", ...form }, { userId: other });
    expect(
      await t.db.selectFrom("notification_preferences").select("kind").where("user_id", "=", other).execute(),
    ).toEqual([]);
  });
});
