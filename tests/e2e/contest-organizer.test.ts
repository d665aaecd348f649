import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, type Browser } from "./support/browser";

// The organizer's journey without JavaScript: a draft competition (imported), its contest set up
// through the plain form (a refusal first, then a good scheme), advanced to running, the hub.
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ baseURL: server.url, javaScriptEnabled: false });
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const TEMPLATE = {
  title: "2019年全省职工技术创新竞赛",
  year: 2019,
  organizer: "陕西省总工会",
  categories: [
    {
      name: "创新先进集体",
      kind: "collective",
      quota: 4,
      criteria: [{ title: "竞赛成绩", max_points: 100 }],
      allocations: [{ org: "西安市总工会", nominations: 2 }],
    },
  ],
};

const text = async (selector: string) =>
  (await page.locator(selector).first().innerText()).replace(/\s+/g, " ").trim();

async function submit(button: RegExp) {
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: button }).click()]);
  await page.waitForLoadState("load");
}

async function fillScheme(weight: string) {
  await page.locator("#f-groups").fill("省属国企组 | 2\n市总工会组");
  const periods = [
    ["2019Q1", "2019-04-01", "2019-04-10"],
    ["2019Q2", "2019-07-01", "2019-07-10"],
  ];
  for (const [row, [label, opens, closes]] of periods.entries()) {
    await page.locator(`#f-period_label_${row}`).fill(label);
    await page.locator(`#f-period_opens_${row}`).fill(opens);
    await page.locator(`#f-period_closes_${row}`).fill(closes);
  }
  await page.locator("#f-ind_code_0").fill("patents");
  await page.locator("#f-ind_title_0").fill("专利授权");
  await page.locator("#f-ind_unit_0").fill("项");
  await page.locator("#f-ind_weight_0").fill(weight);
  await page.locator("#f-ind_cap_0").fill("1.2");
  await page.locator("#f-ind_code_1").fill("accident");
  await page.locator("#f-ind_title_1").fill("重大安全生产事故");
  await page.locator("#f-ind_unit_1").fill("起");
  await page.locator("#f-ind_method_1").selectOption("veto");
}

describe("the organizer sets up a contest", () => {
  it("on a draft competition, through the form, advances it to running and finds the hub", async () => {
    await login(page, "admin");
    await page.goto("/competitions/import");
    await page.locator("#f-template").fill(JSON.stringify(TEMPLATE));
    await submit(/^从模板导入/);
    const competition = new URL(page.url()).pathname;
    expect(competition).toMatch(/^\/competitions\/\d+$/);
    expect(await page.locator("main .timeline li strong").allInnerTexts()).not.toContain("竞赛进行");

    await Promise.all([
      page.waitForURL(/\/contest\/setup$/),
      page.locator("main").getByRole("link", { name: "设置竞赛" }).click(),
    ]);
    await fillScheme("-5");
    await submit(/^保存竞赛方案/);
    expect(await text("main .error-summary")).toContain("权重不能为负数。");
    expect(await page.locator("#f-ind_weight_0").getAttribute("aria-invalid")).toBe("true");
    // What was typed comes back: only the weight needs correcting.
    expect(await page.locator("#f-period_label_1").inputValue()).toBe("2019Q2");
    await page.locator("#f-ind_weight_0").fill("60");
    await submit(/^保存竞赛方案/);

    expect(new URL(page.url()).pathname).toBe(`${competition}/contest`);
    expect(await text("main [role=status]")).toBe("竞赛方案已保存。");
    const periods = await page.locator("main table").nth(1).innerText();
    expect(periods).toContain("2019Q2");
    expect(await page.locator("main table").nth(2).innerText()).toContain("一票否决");

    await page.goto(competition);
    expect(await page.locator("main .timeline li strong").allInnerTexts()).toContain("竞赛进行");
    await submit(/^进入下一阶段/);
    expect(await text("main [role=status]")).toBe("竞赛已进入「竞赛进行」阶段。");

    await page.locator("main").getByRole("link", { name: "竞赛过程" }).click();
    await page.waitForLoadState("load");
    expect(await text("main h1")).toContain("2019年全省职工技术创新竞赛");
    expect(await page.locator("main").innerText()).toContain("当前阶段：竞赛进行");
    const links = await page.locator("main nav a").allInnerTexts();
    expect(links).toEqual([
      "参赛单位",
      "申请参赛",
      "参赛申请",
      "目标值",
      "填报与审核",
      "排行榜",
      "公开榜与转推荐",
    ]);
  });
});
