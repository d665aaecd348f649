import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { DEMO_2018_TITLE, loadDemo } from "../../seed/load";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, openFreshPage, type Browser } from "./support/browser";

/*
 * Issue 19: a nominator's nomination is returned by the admin through the pages; the nominator
 * signs in, sees the count in the header, opens the inbox, follows the link, and the count drops.
 */

let server: RunningServer;
let browser: Browser;
let page: Page;
let dir: string;
let nominationId = 0;
let nominee = "";
const pageErrors: string[] = [];

/** The demo, its 2018 competition in review with one of 西安's nominations submitted. */
async function prepare(file: string, dataKey: Buffer) {
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    await loadDemo(db, dataKey);
    const row = await db
      .selectFrom("nominations")
      .innerJoin("competitions", "competitions.id", "nominations.competition_id")
      .innerJoin("orgs", "orgs.id", "nominations.org_id")
      .select(["nominations.id", "nominations.name", "competitions.id as competition_id"])
      .where("competitions.title", "=", DEMO_2018_TITLE)
      .where("orgs.name", "=", "西安市总工会")
      .where("nominations.status", "=", "submitted")
      .orderBy("nominations.id")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("competitions")
      .set({ stage: "reviewing" })
      .where("id", "=", row.competition_id)
      .execute();
    // The demo's own story (nominations decided in its other competitions) notified already: read.
    await db.updateTable("notifications").set({ read_at: new Date().toISOString() }).execute();
    nominationId = row.id;
    nominee = row.name;
  } finally {
    await db.destroy();
  }
}

const inboxLink = () => page.locator("header a[href='/inbox']");
const inboxText = async () => (await inboxLink().innerText()).trim();

async function signInAs(username: string) {
  page = await openFreshPage(browser, page, pageErrors);
  await login(page, username);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-inbox-"));
  const file = path.join(dir, "laurel.db");
  const dataKey = crypto.randomBytes(32);
  await prepare(file, dataKey);
  server = await startServer({
    database: { url: `file:${file}`, sessionSecret: crypto.randomBytes(32).toString("hex"), dataKey },
  });
  browser = await launchBrowser({ baseURL: server.url });
}, 120_000);

afterAll(async () => {
  await page?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the inbox", () => {
  it("the admin returns the nomination through its page", async () => {
    await signInAs("admin");
    await page.goto(`/nominations/${nominationId}`);
    await page.getByLabel("退回修改意见（必填）").fill("请补充职务证明。");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "退回修改" }).click(),
    ]);
    await page.waitForLoadState("networkidle");
    await expect.poll(async () => (await page.locator("main").innerText()).includes("已退回")).toBe(true);
  });

  it("the nominator sees the count, opens the inbox, follows the link, and the count drops", async () => {
    await signInAs("nominator");
    expect(await inboxText()).toBe("通知（1 条未读）");
    await Promise.all([page.waitForURL((u) => u.pathname === "/inbox"), inboxLink().click()]);
    const item = page.locator("main .inbox-item").first();
    expect(await item.innerText()).toContain(`推荐被退回：${nominee}`);
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/nominations/${nominationId}`),
      item.getByRole("button", { name: "打开" }).click(),
    ]);
    await expect.poll(inboxText).toBe("通知");
    await page.goto("/inbox");
    expect(await page.locator("main .inbox-unread").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("the nominator sets a mail address on the account page; one that is not an address is refused", async () => {
    await page.goto("/account");
    await page.getByLabel("电子邮箱").fill("not-an-address");
    // The browser's own check would stop the form first; the server's answer is what is tested.
    await page
      .locator("main form")
      .first()
      .evaluate((f) => f.setAttribute("novalidate", ""));
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "保存邮件设置" }).click(),
    ]);
    expect(await page.locator(".error-summary").innerText()).toContain("这不是有效的电子邮箱地址。");
    await page.getByLabel("电子邮箱").fill("nominator@example.org");
    await page.getByLabel("邮件语言").selectOption("en");
    await Promise.all([
      page.waitForURL((u) => u.search === "?saved=mail"),
      page.getByRole("button", { name: "保存邮件设置" }).click(),
    ]);
    expect(await page.getByLabel("电子邮箱").inputValue()).toBe("nominator@example.org");
    expect(await page.getByLabel("推荐被退回").inputValue()).toBe("immediate");
    expect(pageErrors).toEqual([]);
  });
});
