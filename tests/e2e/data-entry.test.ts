import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, openFreshPage, type Browser } from "./support/browser";
import { makeId } from "../unit/nominations/id-helpers";

// Issue 16 items 5 and 7 in the browser, on one server with the demo data (the 2018 competition
// is nominating with about 150 submitted nominations; 咸阳 has one individual place left). In
// order: the admin downloads the category's template and imports it with lenient headers, then
// advances to the review and decides many nominations at once, with and without JavaScript.
let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let competitionId = 0;

const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, " ").trim();

async function signInAsAdmin() {
  page = await openFreshPage(browser, page, pageErrors);
  await login(page, "admin");
}

async function clickAndLoad(p: Page, button: Locator) {
  await Promise.all([p.waitForResponse((r) => r.request().method() === "POST"), button.click()]);
  await p.waitForLoadState("networkidle");
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ baseURL: server.url });
}, 120_000);

afterAll(async () => {
  await page?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

afterEach((ctx) => {
  const errors = pageErrors;
  pageErrors = [];
  if (ctx.task.result?.state !== "fail") expect(errors, "the browser reported errors").toEqual([]);
});

describe("the nominations template", () => {
  it("lists the category's required columns, downloads its templates, and imports a filled one with lenient headers", async () => {
    await signInAsAdmin();
    await page.goto("/competitions");
    const href = await page
      .locator("main a", { hasText: "2018年度全省工会脱贫攻坚竞赛" })
      .first()
      .getAttribute("href");
    competitionId = Number(href!.split("/").pop());
    await page.goto(`/competitions/${competitionId}/nominations/import`);
    await Promise.all([
      page.waitForURL(/\?category=\d+$/),
      page.getByRole("link", { name: "先进个人（个人）" }).click(),
    ]);
    await expect.poll(() => text(page.locator("#template-columns"))).toBe("「先进个人」的表格列");
    const required = await page.locator('table.template-columns tr[data-required="yes"] th').allInnerTexts();
    expect(required).toEqual([
      "推荐编号",
      "推荐单位",
      "姓名/名称",
      "民族",
      "政治面貌",
      "文化程度",
      "工作单位",
      "人员类别",
      "是否农民工",
      "身份证号",
      "联系电话",
      "主要事迹",
    ]);
    expect(await text(page.locator('table.template-columns tr[data-column="gender"]'))).toContain(
      "可填：男、女",
    );
    expect(await page.locator('table.template-columns tr[data-column="member_count"]').count()).toBe(0);

    const xlsxHref = await page
      .getByRole("link", { name: "XLSX 模板（含填写说明和下拉选项）" })
      .getAttribute("href");
    const xlsx = await page.request.get(xlsxHref!);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const csvHref = await page.getByRole("link", { name: "CSV 模板" }).getAttribute("href");
    const csv = (await (await page.request.get(csvHref!)).body()).toString("utf8");
    const [header, example] = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header).toBe(
      "推荐编号,奖项类别,推荐单位,类型,姓名/名称,性别,民族,出生日期,政治面貌,文化程度,工作单位,职务,人员类别,是否农民工,身份证号,联系电话,主要事迹,单位性质,事迹简介",
    );
    expect(example.startsWith("示例,先进个人,")).toBe(true);

    // Filled in as an office would: 名称 for 姓名/名称, spaces and full-width brackets in headers,
    // no category or kind, the example row left in.
    const cells = example.split(",");
    const filled = [
      header.replace("姓名/名称", "名称").replace("推荐编号", "推荐 编号").replace("奖项类别,", "（备注）,"),
      example,
      cells
        .map((cell, i) =>
          i === 0 ? "XY-T1" : i === 1 || i === 3 ? "" : i === 2 ? "咸阳市总工会" : i === 4 ? "周文华" : cell,
        )
        .map((cell, i) => (i === 5 || i === 7 ? "" : i === 14 ? makeId("610402", "19790312", "217") : cell))
        .join(","),
    ].join("\r\n");
    await page.getByLabel("名单文件").setInputFiles({
      name: "填好的模板.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`\uFEFF${filled}\r\n`),
    });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/nominations/import/upload")),
      page.getByRole("button", { name: "上传并导入" }).click(),
    ]);
    expect(res.status()).toBe(200);
    const summary = page.locator("main [data-imported]");
    await expect.poll(() => summary.count()).toBe(1);
    expect(await text(summary)).toBe("已导入 1 条推荐，没有被拒绝的行。");
    expect(await page.locator("table.upload-report tbody tr td").allInnerTexts()).toEqual([
      "1",
      "（备注）",
      "未知列「（备注）」，已忽略。",
      "2",
      "推荐编号",
      "这是模板中的示例行（推荐编号“示例”），已跳过。",
    ]);
  });
});

describe("the bulk eligibility review", () => {
  it("asks for the reason of an ineligible decision, keeps the ticks, then decides the ticked ones", async () => {
    await signInAsAdmin();
    await page.goto(`/competitions/${competitionId}`);
    await clickAndLoad(page, page.getByRole("button", { name: "进入下一阶段：资格审查" }));
    await page.goto(`/competitions/${competitionId}/nominations`);
    await Promise.all([
      page.waitForURL(/\/nominations\/review$/),
      page.getByRole("link", { name: "批量资格审查" }).click(),
    ]);
    const boxes = page.locator('main input[name="ids"]');
    // A client-side navigation: the URL changes before the list arrives.
    await expect.poll(() => boxes.count()).toBeGreaterThan(140);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await clickAndLoad(page, page.getByRole("button", { name: "所选推荐资格审查不通过" }));
    expect(await text(page.locator("main .alert-error li"))).toBe("此操作须填写理由。");
    expect(await page.locator('main input[name="ids"]:checked').count()).toBe(2);
    await page.getByLabel("不通过的理由").fill("推荐材料不全。");
    await clickAndLoad(page, page.getByRole("button", { name: "所选推荐资格审查不通过" }));
    expect(await text(page.locator("main [role=status]"))).toBe("已将 2 条推荐标记为资格审查不通过。");
  });

  it("without JavaScript, ticks them all and marks every one eligible in one submit", async () => {
    const noJs = await launchBrowser({ baseURL: server.url, javaScriptEnabled: false });
    try {
      const p = await noJs.newPage();
      await login(p, "admin");
      await p.goto(`/competitions/${competitionId}/nominations/review`);
      await Promise.all([p.waitForURL(/select=all$/), p.getByRole("link", { name: "全部勾选" }).click()]);
      const ticked = await p.locator('main input[name="ids"]:checked').count();
      expect(ticked).toBeGreaterThan(140);
      expect(ticked).toBe(await p.locator('main input[name="ids"]').count());
      const [res] = await Promise.all([
        p.waitForNavigation(),
        p.getByRole("button", { name: "所选推荐资格审查通过" }).click(),
      ]);
      expect(res!.status()).toBe(200);
      expect(await text(p.locator("main [role=status]"))).toBe(`已将 ${ticked} 条推荐标记为资格审查通过。`);
      expect(await text(p.locator("main"))).toContain("没有待审查的推荐。");
    } finally {
      await noJs.close();
    }
  });
});
