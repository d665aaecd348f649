import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { makeContestBoard, SECRET_CODE, SECRET_TITLE } from "../support/contest-board-fixture";
import { TEST_PASSWORD } from "../support/factories";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, openFreshPage, type Browser } from "./support/browser";

// The organizer opens the contest's board and turns the final standing into nominations; the
// public reads the board on a phone. The contest is written straight into the tables
// (tests/support/contest-board-fixture.ts): C1's setup pages are not on this branch.
let dir: string;
let server: RunningServer;
let desktop: Browser;
let phone: Browser;
let page: Page | undefined;
const errors: string[] = [];
const world = { competitionId: 0, admin: "" };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-board-"));
  const file = path.join(dir, "laurel.db");
  const dataKey = crypto.randomBytes(32);
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    const made = await makeContestBoard(db);
    world.competitionId = made.competitionId;
    world.admin = (
      await db.selectFrom("users").select("username").where("id", "=", made.adminId).executeTakeFirstOrThrow()
    ).username;
  } finally {
    await db.destroy();
  }
  server = await startServer({
    database: { url: `file:${file}`, sessionSecret: crypto.randomBytes(32).toString("hex"), dataKey },
  });
  desktop = await launchBrowser({ baseURL: server.url });
  phone = await launchBrowser({ baseURL: server.url, viewport: { width: 375, height: 740 } });
}, 180_000);

afterAll(async () => {
  await page?.close().catch(() => {});
  await desktop?.close();
  await phone?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const main = () => page!.locator("main");

describe("the contest board", () => {
  it("is not there for the public until the organizer opens it", async () => {
    page = await openFreshPage(phone, page, errors);
    const res = await page.goto(`/contests/${world.competitionId}`);
    expect(res?.status()).toBe(404);
  });

  it("the organizer opens it, sets N and turns the final standing into nominations", async () => {
    page = await openFreshPage(desktop, page, errors);
    await login(page, world.admin, TEST_PASSWORD);
    await page.goto(`/competitions/${world.competitionId}/contest/board`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("main button", { hasText: "向公众公开排行榜" }).click(),
    ]);
    await expect.poll(() => main().innerText()).toContain("排行榜已公开。");
    await page.locator('input[name^="top_n_"]').first().fill("1");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("main button", { hasText: "保存名额" }).click(),
    ]);
    await expect.poll(() => main().innerText()).toContain("各组名额已保存。");
    await page.locator('select[name="category"]').selectOption({ label: "先进集体" });
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("main button", { hasText: "转入表彰" }).click(),
    ]);
    await expect.poll(() => main().innerText()).toContain("转为推荐 1 个");
    const text = await main().innerText();
    expect(text).toContain("推荐单位在该类别的名额（0 个）已用完");
    expect(text).toContain("一票否决，不能推荐");
    expect(errors).toEqual([]);
  });

  it("the public reads it on a phone: groups, red flags, the chart; no confidential indicator anywhere", async () => {
    page = await openFreshPage(phone, page, errors);
    await page.goto("/honors");
    await Promise.all([
      page.waitForURL(/\/contests$/),
      page.locator("main a", { hasText: "劳动竞赛排行榜" }).click(),
    ]);
    await Promise.all([
      page.waitForURL(new RegExp(`/contests/${world.competitionId}$`)),
      page.locator("main a", { hasText: "2018年度全省工会脱贫攻坚竞赛" }).click(),
    ]);
    await expect.poll(() => main().innerText()).toContain("组别：企业组");
    const text = await main().innerText();
    expect(text).toContain("2018Q2 · 累计");
    expect(text).toContain("已取消资格");
    expect(await page.locator("main .red-flags").first().innerText()).toContain("甲市电力公司工会");
    const chart = page.locator("main figure.leaders-chart svg").first();
    expect(await chart.locator("title").textContent()).toBe("企业组：领先单位累计总分走势");
    expect(await chart.locator("polyline").count()).toBeGreaterThanOrEqual(3);
    const source = await page.content();
    expect(source).not.toContain(SECRET_TITLE);
    expect(source).not.toContain(SECRET_CODE);
    // The page itself does not scroll sideways: a wide table scrolls inside its own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await Promise.all([
      page.waitForURL(/scope=period/),
      page.getByRole("link", { name: "本期", exact: true }).click(),
    ]);
    await expect.poll(() => main().innerText()).toContain("2018Q2 · 本期");
    expect(errors).toEqual([]);
  });
});
