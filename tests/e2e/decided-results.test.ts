import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { DEMO_2018_TITLE, loadDemo } from "../../seed/load";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { advanceCompetition, getCompetition } from "~/models/competition.server";
import { launchBrowser, login, openFreshPage, type Browser } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";

// Issue #16: the rule form offers the attribute's values (with and without JavaScript); the
// decided results stand beside their recomputation; the notice marks a replacement 递补.
let server: RunningServer;
let browser: Browser;
let noJs: Browser;
let page: Page;
let dir: string;
let competitionId = 0;
let categoryId = 0;
let names: string[] = [];
const errors: string[] = [];
const main = () => page.locator("main");

/**
 * The demo's 2018 competition, six of its individuals scored by one paper judge (quota 4, every
 * rule met) and decided through the real step, so the snapshot is the one the code writes.
 */
async function prepare(file: string, dataKey: Buffer) {
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    await loadDemo(db, dataKey);
    const c = await db
      .selectFrom("competitions")
      .select("id")
      .where("title", "=", DEMO_2018_TITLE)
      .executeTakeFirstOrThrow();
    competitionId = c.id;
    const cat = await db
      .selectFrom("categories")
      .select("id")
      .where("competition_id", "=", c.id)
      .where("kind", "=", "individual")
      .executeTakeFirstOrThrow();
    categoryId = cat.id;
    await db.updateTable("categories").set({ quota: 4 }).where("id", "=", cat.id).execute();
    const six = await db
      .selectFrom("nominations")
      .select(["id", "name"])
      .where("category_id", "=", cat.id)
      .orderBy("id")
      .limit(6)
      .execute();
    names = six.map((n) => n.name);
    const { id: judge } = await db
      .insertInto("panel_members")
      .values({
        category_id: cat.id,
        user_id: null,
        display_name: "纸质评委",
        external: 1,
        added_at: "2018-10-30",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, n] of six.entries()) {
      await db
        .updateTable("nominations")
        .set({ status: "scored", gender: "female", occupation_group: "frontline" })
        .where("id", "=", n.id)
        .execute();
      await db
        .insertInto("score_sheets")
        .values({
          category_id: cat.id,
          nomination_id: n.id,
          panel_member_id: judge,
          status: "submitted",
          points_json: "[]",
          total: 95 - 3 * i,
          comment: "",
          version: 1,
          updated_at: "2018-10-30",
          submitted_at: "2018-10-30",
        })
        .execute();
    }
    await db.updateTable("competitions").set({ stage: "deciding" }).where("id", "=", c.id).execute();
    const row = (await getCompetition(db, c.id))!;
    const out = await db.transaction().execute((trx) => advanceCompetition(trx, SYSTEM_ACTOR, row));
    if (!out.ok) throw new Error(JSON.stringify(out));
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-decided-"));
  const file = path.join(dir, "laurel.db");
  fs.writeFileSync(path.join(dir, "today"), "2018-11-12");
  const dataKey = crypto.randomBytes(32);
  await prepare(file, dataKey);
  server = await startServer({
    database: { url: `file:${file}`, sessionSecret: crypto.randomBytes(32).toString("hex"), dataKey },
    env: { NODE_ENV: "development", LAUREL_TODAY_FILE: path.join(dir, "today") },
  });
  browser = await launchBrowser({ baseURL: server.url });
  noJs = await launchBrowser({ baseURL: server.url, javaScriptEnabled: false });
}, 180_000);

afterAll(async () => {
  await page?.close().catch(() => {});
  await browser?.close();
  await noJs?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("composition rules, 递补 and the decided results", () => {
  it("the rule form offers the attribute's values as checkboxes, without JavaScript too", async () => {
    for (const b of [noJs, browser]) {
      page = await openFreshPage(b, page, errors);
      await login(page, "admin");
      await page.goto("/competitions/new");
      await page.locator('input[name="title"]').fill(`规则表单${b === noJs ? "甲" : "乙"}`);
      await Promise.all([
        page.waitForURL(/\/competitions\/\d+$/),
        page.locator("main button.primary").click(),
      ]);
      const draft = page.url().split("/").pop();
      await page.goto(`/competitions/${draft}/categories/new`);
      const sector = page.locator('input[name="rule_choice_0"][value="sector:non_public"]');
      if (b === browser) {
        // With JavaScript only the chosen attribute's values show.
        await expect.poll(() => sector.isVisible()).toBe(false);
        await page.locator('select[name="rule_attribute_0"]').selectOption("sector");
      }
      expect(await sector.isVisible()).toBe(true);
      await page.locator('input[name="name"]').fill("先进个人");
      await page.locator('input[name="quota"]').fill("2");
      await page.locator('input[name="criterion_title_0"]').fill("事迹突出");
      await page.locator('input[name="criterion_max_0"]').fill("100");
      await page.locator('input[name="rule_label_0"]').fill("非公企业不少于50%");
      await page.locator('select[name="rule_attribute_0"]').selectOption("sector");
      await sector.check();
      await page.locator('input[name="rule_share_0"]').fill("0.5");
      await Promise.all([
        page.waitForURL(/\/competitions\/\d+$/),
        page.locator("main button.primary", { hasText: "保存" }).click(),
      ]);
      await page.goto(`/competitions/${draft}`);
      await page.locator('main a[href*="/categories/"]').first().click();
      await page.waitForURL(/categories\/\d+$/);
      await expect
        .poll(() => page.locator('input[name="rule_choice_0"][value="sector:non_public"]').isChecked())
        .toBe(true);
    }
  });

  it("the results page shows the decided results, and after a withdrawal the recomputation beside them", async () => {
    page = await openFreshPage(browser, page, errors);
    await login(page, "admin");
    await page.goto(`/competitions/${competitionId}/notice`);
    await page.locator('input[name="start"]').fill("2018-11-12");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("main button.primary", { hasText: "发布公示" }).click(),
    ]);
    await expect.poll(() => main().innerText()).toContain("公示已发布");
    // The public objects to the second entry; the admin upholds it and promotes a replacement.
    const publicPage = await browser.newPage();
    await publicPage.context().clearCookies();
    await publicPage.goto(`/notices/${competitionId}`);
    const entry = await publicPage
      .locator('select[name="nomination"] option', { hasText: names[1] })
      .getAttribute("value");
    await publicPage.locator('select[name="nomination"]').selectOption(entry!);
    await publicPage.locator('textarea[name="facts"]').fill("该同志所报帮扶户数与村里台账不一致。");
    await Promise.all([publicPage.waitForURL(/filed=1/), publicPage.locator("main button.primary").click()]);
    await publicPage.close();
    await login(page, "admin");
    await page.goto(`/competitions/${competitionId}/notice`);
    await page.locator('input[name="outcome"][value="upheld"]').check();
    await page.locator('input[name="promote"]').check();
    await page.locator('textarea[name="reason"]').fill("经核实，反映情况属实。");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("main button.primary", { hasText: "处理" }).click(),
    ]);
    await expect.poll(() => main().innerText()).toContain("递补");

    await page.goto(`/competitions/${competitionId}/categories/${categoryId}/results`);
    const decided = page.locator('[data-testid="decided-ranking"]');
    expect(await page.locator("main h2", { hasText: "决定时的结果" }).count()).toBe(1);
    expect(await page.locator("main h2", { hasText: "按当前评分重新计算" }).count()).toBe(1);
    expect(await decided.innerText()).toContain(names[1]);
    const live = page.locator("main .recomputed table.ranking");
    expect(await live.innerText()).not.toContain(names[1]);
    expect(await live.locator("td.moved").count()).toBeGreaterThan(0);
  });

  it("the public notice marks the replacement 递补 with its date and notice period", async () => {
    for (const b of [browser, noJs]) {
      page = await openFreshPage(b, page, errors);
      await page.goto(`/notices/${competitionId}`);
      const mark = page.locator("main .badge.promoted");
      expect(await mark.count()).toBe(1);
      expect(await mark.innerText()).toBe("递补");
      const row = page.locator("main tr", { has: page.locator(".badge.promoted") });
      expect(await row.innerText()).toContain("2018年11月12日递补，公示至 2018年11月16日");
      expect(await page.locator("main").innerText()).not.toContain(names[1]);
    }
    expect(errors).toEqual([]);
  });
});
