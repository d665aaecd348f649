import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, login, openFreshPage, type Browser } from "./support/browser";
import { startNoticeServer, type NoticeServer } from "./support/honors-server";

// One server (the demo's 2018 competition in its notice stage) and one browser; the journeys run
// in order: the admin opens the notice, the public objects, the admin dismisses the objection and
// publishes once the notice is over, and the public finds the honoree.
let server: NoticeServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

async function freshPage(): Promise<Page> {
  page = await openFreshPage(browser, page, errors);
  return page;
}

const main = () => page.locator("main");

beforeAll(async () => {
  server = await startNoticeServer("2018-10-08");
  browser = await launchBrowser({ baseURL: server.url });
}, 120_000);

afterAll(async () => {
  await page?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe("notice, objection, publication and the honor roll", () => {
  it("the admin opens the notice; its end follows from the calendar", async () => {
    await freshPage();
    await login(page, "admin");
    await page.goto(`/competitions/${server.competitionId}/notice`);
    await page.locator('input[name="start"]').fill("2018-10-08");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("main button.primary", { hasText: "发布公示" }).click(),
    ]);
    await expect.poll(() => main().innerText()).toContain("公示已发布：2018年10月8日 至 2018年10月12日");
  });

  it("a member of the public reads the notice and files an objection", async () => {
    await freshPage();
    await page.goto(`/notices/${server.competitionId}`);
    await expect.poll(() => page.locator("main h1").innerText()).toContain("拟表彰名单公示");
    expect(await main().innerText()).toContain(server.firstName);
    await page.locator('select[name="nomination"]').selectOption({ index: 1 });
    await page.locator('textarea[name="facts"]').fill("该同志所报帮扶户数与村里台账不一致。");
    await page.locator('input[name="name"]').fill("实名反映人");
    await page.locator('input[name="contact"]').fill("13800001111");
    await Promise.all([page.waitForURL(/filed=1/), page.locator("main button.primary").click()]);
    expect(await page.locator("main .alert-ok").innerText()).toBe("您的异议已收到，我们将依规核实处理。");
    expect(await main().innerText()).not.toContain("实名反映人");
  });

  it("the admin sees the objector, dismisses it with a reason, and publishes after the notice ends", async () => {
    await freshPage();
    await login(page, "admin");
    await page.goto(`/competitions/${server.competitionId}/notice`);
    expect(await main().innerText()).toContain("实名反映人 · 13800001111");
    await page.locator('input[name="outcome"][value="dismissed"]').check();
    await page.locator('textarea[name="reason"]').fill("经核实，台账口径不同，反映情况不属实。");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("main button.primary", { hasText: "处理" }).click(),
    ]);
    await expect.poll(() => main().innerText()).toContain("已处理：异议不成立。");

    await page.goto(`/competitions/${server.competitionId}/publication`);
    expect(await main().innerText()).toContain("公示期至 2018-10-12 结束");
    server.setToday("2018-10-15");
    await page.goto(`/competitions/${server.competitionId}/publication`);
    await page.locator('input[name="doc_number"]').fill("陕工发〔2018〕12号");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("main button.primary").click(),
    ]);
    // The confirm step shows what becomes public; only its button publishes.
    await expect.poll(() => main().innerText()).toContain("请确认发布");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("main button.primary", { hasText: "确认发布" }).click(),
    ]);
    await expect.poll(() => main().innerText()).toContain("表彰决定已发布：陕工发〔2018〕12号");
    expect(await page.locator("main .digest").innerText()).toMatch(/^([0-9a-f]{8} ){7}[0-9a-f]{8}$/);
  });

  it("the public finds the honoree by name, opens the certificate and downloads the XLSX", async () => {
    await freshPage();
    await page.goto("/honors");
    await page.locator('input[name="q"]').fill(server.firstName);
    await Promise.all([page.waitForURL(/q=/), page.locator("main button.primary").click()]);
    await page.locator("main table a", { hasText: server.firstName }).first().click();
    await page.waitForURL(/\/honors\/people\/\d+$/);
    // Client-side navigation: the URL changes before the new page has rendered.
    await expect.poll(() => page.locator("main h1").innerText()).toBe(server.firstName);
    await page.locator("main a", { hasText: "荣誉证书" }).click();
    await page.waitForURL(/certificate$/);
    await expect.poll(() => page.locator(".certificate").innerText()).toContain("陕工发〔2018〕12号");

    const res = await page.request.get(`/honors/${server.competitionId}/export?format=xlsx`);
    expect(res.headers()["content-type"]).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const names = wb.worksheets[0].getColumn(3).values.map(String);
    expect(names).toContain(server.firstName);
    expect(errors).toEqual([]);
  });

  it("the published page answers with an ETag and a 304 for it", async () => {
    const first = await page.request.get(`/honors/${server.competitionId}`);
    const etag = first.headers()["etag"];
    expect(first.headers()["cache-control"]).toBe("private, max-age=0, must-revalidate");
    const again = await page.request.get(`/honors/${server.competitionId}`, {
      headers: { "if-none-match": etag },
    });
    expect(again.status()).toBe(304);
  });
});
