import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, openFreshPage, type Browser } from "./support/browser";

// One server with the demo data (which leaves some counties uncovered) and one browser: the
// provincial admin opens the dashboard, runs the matcher, accepts every suggestion, and sees
// every county covered; the Xi'an admin sees Xi'an only and no matcher.
let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const figure = async (label: string) =>
  Number(await page.locator(".stats li", { hasText: label }).locator(".figure").innerText());

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ baseURL: server.url });
}, 120_000);

afterAll(async () => {
  await page?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

async function freshPage() {
  page = await openFreshPage(browser, page, pageErrors);
}

describe("registry", () => {
  it("an admin runs the matcher, accepts its suggestions, and every county is covered", async () => {
    await freshPage();
    await login(page, "admin");
    await page.goto("/registry");
    expect(await page.locator("main h1").innerText()).toBe("劳模助力脱贫攻坚");
    expect(await page.locator(".registry-chart svg rect.bar-covered").count()).toBeGreaterThan(5);
    const uncovered = await figure("未覆盖");
    expect(uncovered).toBeGreaterThan(0);

    await page.getByRole("link", { name: "智能匹配" }).click();
    await page.getByRole("button", { name: "运行匹配" }).click();
    // The verdict in plain words; the optimization's figures behind "技术细节".
    await page.getByText("这是最优方案：没有比它更合适的结对安排。").waitFor();
    const details = page.locator(".match-summary details");
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.locator("main").innerText()).not.toMatch(/下界|差距/);
    await details.locator("summary").click();
    expect(await details.locator("dt").allInnerTexts()).toEqual([
      "总成本",
      "可证明的下界",
      "差距",
      "已证明最优",
    ]);
    const picks = page.locator('input[name="pick"]');
    expect(await picks.count()).toBeGreaterThanOrEqual(uncovered);
    expect(await page.locator(".reasons").first().innerText()).toMatch(/第 \d+ 个结对/);
    await page.getByRole("button", { name: "接受选中的建议" }).click();
    await page.getByRole("status").filter({ hasText: "已接受" }).waitFor();

    await page.goto("/registry");
    expect(await figure("未覆盖")).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("every registry page renders and hydrates without errors; a sheet upload reports its rows", async () => {
    await freshPage();
    await login(page, "admin");
    for (const path of [
      "/registry/counties",
      "/registry/helpers",
      "/registry/pairings",
      "/registry/import",
      "/registry/match",
    ]) {
      expect((await page.goto(path))!.status(), path).toBe(200);
      await page.waitForLoadState("networkidle");
    }
    await page.goto("/registry/counties");
    await page.locator("tbody a").first().click();
    await page.waitForURL(/\/registry\/counties\/\d+$/);
    expect(await page.locator("#projects h2").innerText()).toBe("帮扶项目");
    await page.goto("/registry/helpers");
    await page.locator("tbody a").first().click();
    await page.waitForURL(/\/registry\/helpers\/\d+$/);
    await page.goto("/registry/import");
    await page.selectOption("#f-sheet", "pairings");
    const sheet = "helper_id,county_code,tier,started_on\nNOPE,610204,县,\n";
    await page.setInputFiles("#f-file", { name: "p.csv", mimeType: "text/csv", buffer: Buffer.from(sheet) });
    await page.getByRole("button", { name: "上传并导入" }).click();
    await page.getByRole("status").waitFor();
    expect(await page.locator("table caption").innerText()).toBe("逐行报告");
    expect(await page.locator("tbody tr td").first().innerText()).toBe("2");
    expect(pageErrors).toEqual([]);
  });

  it("a city admin sees its own counties and no matcher", async () => {
    await freshPage();
    await login(page, "xian_admin");
    await page.goto("/registry/counties");
    const cities = await page.locator("tbody tr td:nth-child(3)").allInnerTexts();
    expect(new Set(cities)).toEqual(new Set(["西安市"]));
    expect(await page.getByRole("link", { name: "智能匹配" }).count()).toBe(0);
    const res = await page.goto("/registry/match");
    expect(res!.status()).toBe(403);
  });
});
