import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, login, type Browser } from "./support/browser";
import { startNoticeServer, type NoticeServer } from "./support/honors-server";

// Issue #16, words and layout: one server (the demo's 2018 competition on notice from
// 2018-10-08) and browsers at desktop and phone width, with and without JavaScript.
let server: NoticeServer;
let desktop: Browser;
let phone: Browser;

const PHONE = { width: 390, height: 844 };
const pageWidth = (p: Page) => p.evaluate(() => document.scrollingElement!.scrollWidth);
/** How many lines an element's text takes: its height over its line height. */
const lines = (p: Page, selector: string) =>
  p.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const style = getComputedStyle(el);
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { text: el.textContent, lines: tops.size, nowrap: style.whiteSpace === "nowrap" };
    }),
  );

beforeAll(async () => {
  server = await startNoticeServer("2018-10-08");
  desktop = await launchBrowser({ baseURL: server.url });
  phone = await launchBrowser({ baseURL: server.url, viewport: PHONE });
  const page = await desktop.newPage();
  await login(page, "admin");
  await page.goto(`/competitions/${server.competitionId}/notice`);
  await page.locator('input[name="start"]').fill("2018-10-08");
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.locator("main button.primary", { hasText: "发布公示" }).click(),
  ]);
  await page.locator("main").getByText("公示已发布").first().waitFor();
  await page.close();
  await desktop.context.clearCookies();
}, 180_000);

afterAll(async () => {
  await desktop?.close();
  await phone?.close();
  await server?.stop();
});

describe("on a phone", () => {
  it("the notice keeps names on one line and shows collectives without empty columns", async () => {
    const p = await phone.newPage();
    await p.goto(`/notices/${server.competitionId}`);
    const tables = p.locator("main table.notice-table");
    expect(await tables.count()).toBeGreaterThan(1);
    const headers = await tables.evaluateAll((ts) =>
      ts.map((t) => [...t.querySelectorAll("thead th")].map((th) => th.textContent)),
    );
    expect(headers).toContainEqual(["姓名／名称", "性别", "工作单位及职务", "推荐单位", "主要事迹"]);
    expect(headers).toContainEqual(["姓名／名称", "推荐单位", "主要事迹"]);
    const names = await lines(p, "main td.notice-entry-name");
    expect(names.length).toBeGreaterThan(4);
    expect(names.filter((n) => n.lines !== 1 || !n.nowrap)).toEqual([]);
    await p.close();
  });

  it("the new-competition form's dates fit at 390 px", async () => {
    const p = await phone.newPage();
    await login(p, "admin");
    await p.goto("/competitions/new");
    const table = p.locator("main table.rows");
    await table.waitFor();
    expect(await pageWidth(p)).toBeLessThanOrEqual(PHONE.width);
    // Inside its fieldset, not only inside the screen; every stage's name on one line.
    const right = (await p.locator("main fieldset:has(table.rows)").boundingBox())!;
    for (const input of await table.locator('input[type="date"]').all()) {
      const b = (await input.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(right.x + right.width);
    }
    const stages = await lines(p, "main table.rows tbody th");
    expect(stages.filter((s) => s.lines !== 1)).toEqual([]);
    await p.context().clearCookies();
    await p.close();
  });
});

describe("words", () => {
  it("amounts never break inside: 806.07万元 is one piece", async () => {
    const p = await desktop.newPage();
    await login(p, "admin");
    await p.setViewportSize(PHONE);
    await p.goto("/stats");
    const amounts = await lines(p, "main .amount");
    expect(amounts.length).toBeGreaterThan(5);
    expect(amounts.filter((a) => a.lines !== 1 || !a.nowrap || !/万元|元$/.test(a.text ?? ""))).toEqual([]);
    await p.context().clearCookies();
    await p.close();
  });

  it("the certificate's title is letter-spaced in Chinese only", async () => {
    const p = await desktop.newPage();
    await p.goto("/honors");
    await p.locator('main a[href^="/honors/"]').first().click();
    await p.waitForURL(/\/honors\/\d+/);
    const person = await p.locator('main a[href^="/honors/people/"]').first().getAttribute("href");
    await p.goto(`${person}/certificate`);
    const spacing = () => p.locator(".certificate h1").evaluate((h) => getComputedStyle(h).letterSpacing);
    expect(await spacing()).not.toBe("normal");
    await p.getByRole("button", { name: "English", exact: true }).click();
    await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await spacing()).toBe("normal");
    await p.context().clearCookies();
    await p.close();
  });
});

describe("without JavaScript", () => {
  it("an objection lands on its confirmation", async () => {
    const noJs = await launchBrowser({ baseURL: server.url, javaScriptEnabled: false, viewport: PHONE });
    try {
      const p = await noJs.newPage();
      await p.goto(`/notices/${server.competitionId}`);
      await p.locator('select[name="nomination"]').selectOption({ index: 1 });
      await p.locator('textarea[name="facts"]').fill("该同志所报帮扶户数与村里台账不一致。");
      await Promise.all([p.waitForURL(/filed=1/), p.locator("main button.primary").click()]);
      expect(new URL(p.url()).hash).toBe("#filed");
      const confirmation = p.locator("#filed");
      expect(await confirmation.innerText()).toBe("您的异议已收到，我们将依规核实处理。");
      const box = (await confirmation.boundingBox())!;
      // On screen: the page scrolled to it, not to the form further down.
      expect(box.y).toBeGreaterThanOrEqual(-1);
      expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    } finally {
      await noJs.close();
    }
  });
});
