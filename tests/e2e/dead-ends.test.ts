import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { duplicateIds, launchBrowser, login, openFreshPage, type Browser } from "./support/browser";
import { startNoticeServer, type NoticeServer } from "./support/honors-server";

// Issue 16's dead ends and forms, on the demo's 2018 competition in its notice stage: the public
// navigation and objection form, the publication's 文号 check, confirm step and correction, and a
// new competition's rubric and union choices. One browser with JavaScript, one without.
let server: NoticeServer;
let browser: Browser;
let noJs: Browser;
let page: Page;
const errors: string[] = [];

const main = () => page.locator("main");
/** Opens a fresh page (JavaScript or not), signed out, watched for errors and repeated ids. */
async function fresh(b: Browser = browser): Promise<Page> {
  await page?.close();
  page = await openFreshPage(b, undefined, errors);
  return page;
}
async function submit(button: string) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState("load");
}

beforeAll(async () => {
  server = await startNoticeServer("2018-10-08");
  browser = await launchBrowser({ baseURL: server.url });
  noJs = await launchBrowser({ baseURL: server.url, javaScriptEnabled: false });
}, 120_000);

afterAll(async () => {
  await page?.close().catch(() => {});
  await browser?.close();
  await noJs?.close();
  await server?.stop();
});

describe("the public notice", () => {
  it("is opened by the admin", async () => {
    await fresh();
    await login(page, "admin");
    await page.goto(`/competitions/${server.competitionId}/notice`);
    await page.locator('input[name="start"]').fill("2018-10-08");
    await submit("发布公示");
    await expect.poll(() => main().innerText()).toContain("公示已发布");
  });

  it("has an entry in the public navigation, and an objection of one character is sent back with its text", async () => {
    await fresh(noJs);
    await page.goto("/");
    await page.locator("header nav a", { hasText: "公示" }).click();
    await page.waitForURL((u) => u.pathname === "/notices");
    await page.goto(`/notices/${server.competitionId}`);
    await page.locator('select[name="nomination"]').selectOption({ index: 1 });
    await page.locator('textarea[name="facts"]').fill("假");
    await submit("提交异议");
    expect(await main().innerText()).toContain("请写明可供核实的事实，至少 10 个字（现在 1 个字）。");
    expect(await page.locator('textarea[name="facts"]').inputValue()).toBe("假");
    expect(await duplicateIds(page)).toEqual([]);
  });
});

describe("publishing the decision", () => {
  it("links the notice stage's next step to the publication page", async () => {
    await fresh();
    await login(page, "admin");
    await page.goto(`/competitions/${server.competitionId}`);
    await page.getByRole("link", { name: "发布表彰决定（填写文号）" }).click();
    await page.waitForURL((u) => u.pathname === `/competitions/${server.competitionId}/publication`);
    expect(await page.getByRole("button", { name: /^进入下一阶段/ }).count()).toBe(0);
  });

  it("without JavaScript: refuses [] in the 文号, asks for confirmation, publishes, then takes a correction the roll shows as 更正", async () => {
    server.setToday("2018-10-15");
    await fresh(noJs);
    await login(page, "admin");
    const href = `/competitions/${server.competitionId}/publication`;
    await page.goto(href);
    expect(await main().innerText()).toContain("格式：发文机关代字〔年份〕序号号");
    await page.locator('input[name="doc_number"]').fill("陕工发[2018]12号");
    await submit("发布表彰决定");
    expect(await main().innerText()).toContain("应为：陕工发〔2018〕12号");
    expect(await page.locator('input[name="doc_number"]').inputValue()).toBe("陕工发[2018]12号");

    await page.locator('input[name="doc_number"]').fill("陕工发〔2018〕12号");
    await submit("发布表彰决定");
    expect(await main().innerText()).toContain("请确认发布");
    expect(await page.locator("main dl.facts").innerText()).toContain("陕工发〔2018〕12号");
    await submit("确认发布");
    expect(await main().innerText()).toContain("表彰决定已发布：陕工发〔2018〕12号");

    await page.locator("main details summary", { hasText: "更正文号" }).click();
    await page.locator("#f-corrected-doc-number").fill("陕工发〔2018〕21号");
    await page.locator("#f-correction-reason").fill("序号笔误，以印发文件为准。");
    expect(await duplicateIds(page)).toEqual([]);
    await submit("更正文号");
    await page.goto(`/honors/${server.competitionId}`);
    const roll = await main().innerText();
    expect(roll).toContain("陕工发〔2018〕21号");
    expect(roll).toContain(
      "更正：2018年10月15日 文号由“陕工发〔2018〕12号”更正为“陕工发〔2018〕21号”。理由：序号笔误，以印发文件为准。",
    );
    expect(errors).toEqual([]);
  });
});

describe("a new competition's forms", () => {
  let categoryHref = "";

  it("offers the organizer as the tree: one group per parent union", async () => {
    await fresh();
    await login(page, "admin");
    await page.goto("/competitions/new");
    const groups = await page
      .locator('select[name="orgId"] optgroup')
      .evaluateAll((els) => els.map((g) => g.getAttribute("label")));
    expect(groups[0]).toBe("陕西省总工会");
    expect(groups.length).toBeGreaterThan(1);
    await page.locator('input[name="title"]').fill("2026年度测试竞赛");
    await Promise.all([
      page.waitForURL(/\/competitions\/\d+$/),
      page.locator("main button.primary").first().click(),
    ]);
    categoryHref = `${new URL(page.url()).pathname}/categories/new`;
  });

  it("with JavaScript: adds and removes rubric rows without a request, and warns of a trimmed mean with 3 judges", async () => {
    await page.goto(categoryHref);
    const titles = page.locator('input[name^="criterion_title_"]');
    expect(await titles.count()).toBe(3);
    let posts = 0;
    page.on("request", (r) => r.method() === "POST" && posts++);
    await titles.nth(0).fill("事迹突出");
    await page.getByRole("button", { name: "添加一行评分细则" }).click();
    await page.getByRole("button", { name: "添加一行评分细则" }).click();
    expect(await titles.count()).toBe(5);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("name")))
      .toBe("criterion_title_4");
    await titles.nth(4).fill("第五条");
    await page.getByRole("button", { name: "删除第 2 行" }).click();
    expect(await titles.count()).toBe(4);
    expect(await titles.nth(3).inputValue()).toBe("第五条");
    expect(await titles.nth(3).getAttribute("name")).toBe("criterion_title_3");
    expect(posts).toBe(0);

    await page.locator('select[name="aggregation"]').selectOption("trimmed");
    await page.locator('input[name="judgesPer"]').fill("3");
    await expect.poll(() => page.locator("#trimmed-warning").count()).toBe(1);
    expect(await page.locator("#trimmed-warning").innerText()).toContain("每个推荐只由 3 位评委评审");
    await page.locator('input[name="judgesPer"]').fill("5");
    await expect.poll(() => page.locator("#trimmed-warning").count()).toBe(0);
    expect(await page.locator('select[name="orgId"], table.rows th.group-heading').count()).toBeGreaterThan(
      0,
    );
    expect(await duplicateIds(page)).toEqual([]);
  });

  it("without JavaScript: 'add a row' shows the form again with one more row and every typed value, saving nothing", async () => {
    await fresh(noJs);
    await login(page, "admin");
    await page.goto(categoryHref);
    await page.locator('input[name="name"]').fill("先进个人");
    await page.locator('input[name="criterion_title_0"]').fill("事迹突出");
    await page.locator('input[name="criterion_max_0"]').fill("60");
    await page.locator('input[name="criterion_title_2"]').fill("帮扶成效");
    await submit("添加一行评分细则");
    expect(await page.locator('input[name^="criterion_title_"]').count()).toBe(4);
    expect(await page.locator('input[name="name"]').inputValue()).toBe("先进个人");
    expect(await page.locator('input[name="criterion_max_0"]').inputValue()).toBe("60");
    expect(await page.locator('input[name="criterion_title_2"]').inputValue()).toBe("帮扶成效");
    await submit("删除第 2 行");
    expect(await page.locator('input[name^="criterion_title_"]').count()).toBe(3);
    expect(await page.locator('input[name="criterion_title_1"]').inputValue()).toBe("帮扶成效");
    // Nothing was saved: the competition still has no category.
    await page.goto(categoryHref.replace(/\/categories\/new$/, ""));
    expect(await main().innerText()).not.toContain("先进个人");
    expect(errors).toEqual([]);
  });
});
