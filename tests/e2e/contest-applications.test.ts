import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { loadDemo } from "../../seed/load";
import { makeUser, TEST_PASSWORD } from "../support/factories";
import { makeContest } from "../support/contest-fixture-c2";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, logout, type Browser } from "./support/browser";

// A county federation under Xi'an applies to a contest the province organizes; its application
// climbs to 西安市总工会, whose admin approves it, then to the province, whose admin admits it.
// Every step is a plain form: the browser runs without JavaScript.
let dir: string;
let server: RunningServer;
let browser: Browser;
let competitionId: number;
let county: string;

async function prepare(file: string, dataKey: Buffer) {
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    await loadDemo(db, dataKey);
    const org = (name: string) =>
      db
        .selectFrom("orgs")
        .select(["id", "name", "kind", "region_code", "parent_id", "path"])
        .where("name", "=", name)
        .executeTakeFirstOrThrow();
    const province = await org("陕西省总工会");
    const xian = await org("西安市总工会");
    const unit = await db
      .selectFrom("orgs")
      .select(["id", "name", "kind", "region_code", "parent_id", "path"])
      .where("parent_id", "=", xian.id)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    county = unit.name;
    competitionId = (await makeContest(db, province, "running")).id;
    await makeUser(db, unit, ["admin"], { username: "county_admin" });
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-contest-apply-"));
  const file = path.join(dir, "laurel.db");
  const dataKey = crypto.randomBytes(32);
  await prepare(file, dataKey);
  server = await startServer({
    database: { url: `file:${file}`, sessionSecret: crypto.randomBytes(32).toString("hex"), dataKey },
  });
  browser = await launchBrowser({ baseURL: server.url, javaScriptEnabled: false });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const status = async (page: Page) => (await page.locator("main [role=status]").first().innerText()).trim();

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: button }).click()]);
  await page.waitForLoadState("load");
}

describe("an application to a contest, from the unit to the organizer", () => {
  it("the unit's admin applies, the city approves, the province admits", async () => {
    const page = await browser.newPage();
    const at = (tail: string) => `/competitions/${competitionId}/contest/${tail}`;

    await login(page, "county_admin", TEST_PASSWORD);
    await page.goto(at("apply"));
    await page.getByLabel("组别").selectOption({ label: "市总工会组" });
    await submit(page, "提交申请");
    expect(await status(page)).toBe("申请已提交，等待上级工会审核。");
    expect(await page.locator("main").innerText()).toContain("待西安市总工会审核");
    await logout(page);

    await login(page, "xian_admin");
    await page.goto(at("applications"));
    const card = page.locator("main section", { hasText: county });
    await expect(card.count()).resolves.toBe(1);
    await Promise.all([
      page.waitForLoadState("load"),
      card.getByRole("button", { name: "同意，报上一级" }).click(),
    ]);
    await page.waitForLoadState("load");
    expect(await status(page)).toBe("已同意，申请已报上一级工会。");
    expect(await page.locator("main").innerText()).toContain("没有等待您审核的申请。");
    await logout(page);

    await login(page, "admin");
    await page.goto(at("applications"));
    const waiting = page.locator("main section", { hasText: county });
    expect(await waiting.innerText()).toContain("西安市总工会: 同意上报");
    await Promise.all([
      page.waitForLoadState("load"),
      waiting.getByRole("button", { name: "准予参赛" }).click(),
    ]);
    await page.waitForLoadState("load");
    expect(await status(page)).toBe("已准予参赛。");

    await page.goto(at("participants"));
    const row = page.locator("main tr", { hasText: county });
    expect(await row.innerText()).toContain("参赛");

    // Now admitted, the county gets its targets: the year's, on the table form.
    await page.goto(at("targets"));
    await Promise.all([page.waitForLoadState("load"), page.getByRole("link", { name: county }).click()]);
    await page.waitForLoadState("load");
    await page.getByLabel("invest，全年").fill("1200");
    await submit(page, "保存目标值");
    expect(await status(page)).toBe("目标值已保存。");
    expect(await page.getByLabel("invest，全年").inputValue()).toBe("1200");
    for (const tail of ["participants/import", "targets/import"]) {
      await page.goto(at(tail));
      expect(await page.locator("main h1").innerText()).toMatch(/^导入/);
    }
    await page.close();
  });
});
