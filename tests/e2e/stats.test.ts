import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, type Browser } from "./support/browser";

// One server with the demo data; an admin imports an activities sheet through the upload page
// (a plain form post), and the public statistics page then shows the new totals.
let server: RunningServer;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ baseURL: server.url });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-stats-"));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The province's figure of one statistic (its card's label), as a number. */
async function figure(page: Page, label: string): Promise<string> {
  const card = page.locator("ul.stats li", { hasText: label }).first();
  return (await card.locator(".figure").innerText()).trim();
}

const SHEET = [
  "服务队,日期,县区代码,村,活动类型,人次,资金（元）,帮扶户数,帮扶人数,脱贫户数,脱贫人数,组织单位",
  '周至县猕猴桃技术服务队,2018-09-10,610124,竹峪村,技术培训,40,"1,500,000.00",30,100,10,35,',
  "周至县猕猴桃技术服务队,2018-09-11,610124,新村,产业指导,20,500000.50,10,30,5,12,",
  "周至县猕猴桃技术服务队,2018-09-12,610124,新村,义诊,20,100,10,30,11,12,",
].join("\n");

describe("aid statistics", () => {
  it("an admin imports a sheet and the public page shows the new totals", async () => {
    const pub = await browser.newPage();
    expect((await pub.goto("/stats"))!.status()).toBe(200);
    expect(await pub.locator("main h1").innerText()).toBe("技术扶贫服务队帮扶统计");
    const before = Number((await figure(pub, "活动次数")).replace(/,/g, ""));
    expect(before).toBeGreaterThan(0);
    expect(await pub.locator("svg.bar-chart").count()).toBe(3);

    const admin = await browser.newPage();
    await login(admin, "admin");
    await admin.goto("/aid/upload");
    const file = path.join(dir, "activities.csv");
    fs.writeFileSync(file, SHEET);
    await admin.locator('input[name="sheet"]').setInputFiles(file);
    await Promise.all([
      admin.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/aid/upload"),
      ),
      admin.locator('main button[type="submit"]').click(),
    ]);
    await expect.poll(() => admin.locator("main [role=status]").innerText()).toBe("导入 2 行，拒绝 1 行。");
    expect(await admin.locator("table.upload-report tbody tr").innerText()).toContain(
      "脱贫户数不能多于帮扶户数",
    );
    await admin.close();
    await browser.context.clearCookies();

    await pub.goto("/stats");
    expect(Number((await figure(pub, "活动次数")).replace(/,/g, ""))).toBe(before + 2);
    const county = pub.locator("table.stats-table tr", { hasText: "周至县" });
    expect(await county.innerText()).toContain("610124");
    const csv = await pub.request.get("/stats/export?format=csv&year=2018");
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("周至县");
    await pub.close();
  });
});
