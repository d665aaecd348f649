import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, type Browser } from "./support/browser";

// The demo's 2018 competition is nominating, with submitted nominations: an admin may advance it to
// review. Two pages show the same advance form without JavaScript, as a double submit or two admins
// would: the first POST moves it, the second, carrying the old stage, gets the 409 page.
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ baseURL: server.url, javaScriptEnabled: false });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().innerText()).replace(/\s+/g, " ").trim();

/** Posts the advance form shown on `page` and answers the HTTP status of the page it leads to. */
async function submitAdvance(page: Page): Promise<number> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: /^进入下一阶段/ }).click(),
  ]);
  await page.waitForLoadState("load");
  return res.status();
}

describe("advancing a competition twice without JavaScript", () => {
  it("the second submit of the same form gets a 409 page saying the stage was already reached", async () => {
    const first = await browser.newPage();
    await login(first, "admin");
    await first.goto("/competitions");
    const href = await first
      .locator("main a", { hasText: "2018年度全省工会脱贫攻坚竞赛" })
      .first()
      .getAttribute("href");
    const second = await browser.newPage();
    await first.goto(href!);
    await second.goto(href!);
    expect(await first.locator('input[name="stage"]').first().inputValue()).toBe("nominating");

    expect(await submitAdvance(first)).toBe(200);
    expect(await text(first, "main [role=status]")).toBe("竞赛已进入「资格审查」阶段。");

    expect(await submitAdvance(second)).toBe(409);
    expect(await text(second, "main [role=alert]")).toContain(
      "此竞赛已进入「资格审查」阶段，本次操作未执行。",
    );
    // Still in review: the second click moved nothing.
    await second.goto(href!);
    expect(await text(second, "main .timeline li[aria-current=step] strong")).toBe("资格审查");
    await first.close();
    await second.close();
  });
});
