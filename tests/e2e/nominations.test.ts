import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, openFreshPage, type Browser } from "./support/browser";
import { makeId } from "../unit/nominations/id-helpers";

// One server with the demo data (the 2018 competition is nominating; 西安 has one individual place
// left, 宝鸡 one) and one Chinese-speaking browser; the tests run in order: the admin uploads a
// sheet, then one nomination goes from filing to eligible, the competition advancing to review
// on the way.
let server: RunningServer;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let competitionId = 0;
let nominationPath = "";

const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, " ").trim();
const status = () => text(page.locator("main strong.status").first());
/** A 1×1 PNG, as a scanned certificate would be. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const FILES_HINT = "PDF、JPEG 或 PNG 格式，每个不超过 10 MB；一次最多 5 个，合计不超过 24 MB。";
const NOMINEE_ID = makeId("610102", "19820614", "135");

async function freshPage(): Promise<Page> {
  page = await openFreshPage(browser, page, pageErrors);
  return page;
}

async function signInAs(username: string) {
  await freshPage();
  await login(page, username);
}

/** Clicks a button that posts a document form and waits for the page it leads to. */
async function clickAndLoad(button: Locator) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), button.click()]);
  await page.waitForLoadState("networkidle");
}

function sheet(rows: string[][]): Buffer {
  const header =
    "推荐编号,奖项类别,推荐单位,类型,姓名/名称,性别,民族,出生日期,政治面貌,文化程度,工作单位,职务,人员类别,是否农民工,身份证号,联系电话,集体人数,负责人,主要事迹";
  return Buffer.from(`\uFEFF${[header, ...rows.map((r) => r.join(","))].join("\r\n")}\r\n`);
}
const row = (ref: string, org: string, id: string) => [
  ref,
  "先进个人",
  org,
  "个人",
  "李秀英",
  "女",
  "汉族",
  "",
  "中共党员",
  "本科",
  "某县农业局",
  "技术员",
  "专业技术人员",
  "否",
  id,
  "13900001111",
  "",
  "",
  "驻村帮扶三年。",
];

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

describe("the nominations sheet upload", () => {
  it("the admin uploads a sheet with progress and sees the count and the row report in Chinese", async () => {
    await signInAs("admin");
    await page.goto("/competitions");
    const href = await page
      .locator("main a", { hasText: "2018年度全省工会脱贫攻坚竞赛" })
      .first()
      .getAttribute("href");
    competitionId = Number(href!.split("/").pop());
    await page.goto(`/competitions/${competitionId}`);
    await Promise.all([
      page.waitForURL(/\/nominations\/import$/),
      page.getByRole("link", { name: "导入推荐名单（XLSX/CSV）" }).click(),
    ]);
    await expect.poll(() => text(page.locator("main h1"))).toBe("导入推荐名单");

    await page.getByLabel("奖项类别").selectOption({ label: "先进个人 (个人)" });
    const bad = `${NOMINEE_ID.slice(0, 17)}${NOMINEE_ID.endsWith("1") ? "2" : "1"}`;
    await page.getByLabel("名单文件").setInputFiles({
      name: "名单.csv",
      mimeType: "text/csv",
      buffer: sheet([
        row("BJ-1", "宝鸡市总工会", makeId("610302", "19851102", "246")),
        row("HZ-1", "汉中市总工会", bad),
      ]),
    });
    // The script sends the form by XMLHttpRequest to the JSON endpoint: no page load.
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/nominations/import/upload")),
      page.getByRole("button", { name: "上传并导入" }).click(),
    ]);
    expect(res.status()).toBe(200);
    const summary = page.locator("main [data-imported]");
    await expect.poll(() => summary.count()).toBe(1);
    expect(await text(summary)).toBe("已导入 1 条推荐；1 行被拒绝，未导入，见下方逐行报告。");
    expect(await page.locator("table.upload-report tbody tr td").allInnerTexts()).toEqual([
      "3",
      "身份证号",
      "身份证号校验位不符，请核对号码。",
    ]);
  });

  it("without JavaScript the same form posts to the page, and all-or-nothing keeps every row out", async () => {
    const noJs = await launchBrowser({ baseURL: server.url, javaScriptEnabled: false });
    try {
      const p = await noJs.newPage();
      await login(p, "admin");
      await p.goto(`/competitions/${competitionId}/nominations/import`);
      await p.getByLabel("奖项类别").selectOption({ label: "先进个人 (个人)" });
      await p.getByLabel("名单文件").setInputFiles({
        name: "b.csv",
        mimeType: "text/csv",
        buffer: sheet([
          row("XY-1", "咸阳市总工会", makeId("610402", "19800101", "222")),
          row("BJ-3", "未知工会", makeId("610302", "19800101", "224")),
        ]),
      });
      await p.getByLabel("全部通过才导入：只要有一行被拒绝，就一行也不导入").check();
      const [res] = await Promise.all([
        p.waitForNavigation(),
        p.getByRole("button", { name: "上传并导入" }).click(),
      ]);
      expect(res!.status()).toBe(200);
      expect(await text(p.locator("main [data-imported]"))).toBe(
        "有 1 行被拒绝；因选择了“全部通过才导入”，本次未导入任何推荐。",
      );
      expect(await p.locator("table.upload-report tbody tr td").allInnerTexts()).toEqual([
        "3",
        "推荐单位",
        "没有名为「未知工会」的组织。",
      ]);

      // A wrong file type answers with the form and its message, not an error page.
      await p.getByLabel("奖项类别").selectOption({ label: "先进个人 (个人)" });
      await p.getByLabel("名单文件").setInputFiles({
        name: "scan.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
      });
      const [refused] = await Promise.all([
        p.waitForNavigation(),
        p.getByRole("button", { name: "上传并导入" }).click(),
      ]);
      expect(refused!.status()).toBe(400);
      expect(await text(p.locator("main .alert-error li"))).toBe(
        "只接受 XLSX 或 CSV 文件（扩展名 .xlsx 或 .csv）。",
      );
    } finally {
      await noJs.close();
    }
  });
});

describe("one nomination from filing to eligible", () => {
  it("the nominator files an individual with a scanned certificate and submits it", async () => {
    await signInAs("nominator");
    await page.goto(`/competitions/${competitionId}/nominations`);
    const row = page.locator("main tr", { hasText: "先进个人" });
    await Promise.all([
      page.waitForURL(/\/nominations\/new\?/),
      row.getByRole("link", { name: "新建推荐" }).click(),
    ]);
    // Loaded from the server (not by the link's client-side navigation), the page hydrates.
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(await text(page.locator("#f-files-hint"))).toBe(FILES_HINT);
    expect(browser.takeErrors()).toEqual([]);
    const fill = (name: string, value: string) => page.locator(`main [name="${name}"]`).fill(value);
    await fill("name", "赵建军");
    await fill("id_number", NOMINEE_ID);
    await fill("ethnicity", "汉族");
    await fill("political_status", "中共党员");
    await fill("education", "大专");
    await fill("workplace", "西安某机械有限公司");
    await fill("post", "班组长");
    await page.locator('main select[name="occupation_group"]').selectOption("frontline");
    await page.locator('main select[name="migrant"]').selectOption("no");
    await fill("phone", "13812345678");
    await fill("deeds", "带领班组攻克技术难题十余项，结对帮扶贫困户二十户。");
    await page
      .locator('main input[name="files"]')
      .setInputFiles({ name: "证书.png", mimeType: "image/png", buffer: PNG });
    await Promise.all([
      page.waitForURL(/\/nominations\/\d+\?done=submitted$/),
      page.getByRole("button", { name: "提交推荐" }).click(),
    ]);
    nominationPath = new URL(page.url()).pathname;
    await expect.poll(() => text(page.locator("main h1"))).toBe("赵建军");
    await expect.poll(status).toBe("已提交");
    expect(await page.locator("main a", { hasText: "证书.png" }).count()).toBe(1);
  });

  it("the admin opens the review and returns it with a comment", async () => {
    await signInAs("admin");
    await page.goto(`/competitions/${competitionId}`);
    await clickAndLoad(page.getByRole("button", { name: "进入下一阶段：资格审查" }));
    await page.goto(nominationPath);
    await page.getByLabel("退回修改意见（必填）").fill("请补充职务证明。");
    await clickAndLoad(page.getByRole("button", { name: "退回修改" }));
    await expect.poll(status).toBe("已退回");
    expect(await text(page.locator("main"))).toContain("请补充职务证明。");
  });

  it("the edit form, opened directly, keeps its file limits once hydrated", async () => {
    await signInAs("nominator");
    await page.goto(`${nominationPath}/edit`);
    await page.waitForLoadState("networkidle");
    expect(await text(page.locator("#f-files-hint"))).toBe(FILES_HINT);
    // A mismatch between the server's page and the browser's shows as a console error.
    expect(browser.takeErrors()).toEqual([]);
  });

  it("the nominator corrects it and resubmits", async () => {
    await signInAs("nominator");
    await page.goto(nominationPath);
    // The return comment opens the page, right under the name, not at the foot of the history.
    expect(await text(page.locator("main h1 + .return-notice"))).toContain("请补充职务证明。");
    await Promise.all([page.waitForURL(/\/edit$/), page.getByRole("link", { name: "修改推荐" }).click()]);
    await page.locator('main [name="post"]').fill("班组长、高级技师");
    await Promise.all([
      page.waitForURL(/\/nominations\/\d+\?done=submitted$/),
      page.getByRole("button", { name: "重新提交" }).click(),
    ]);
    await expect.poll(status).toBe("已重新提交");
    expect(await text(page.locator("main"))).toContain("班组长、高级技师");
  });

  it("the admin marks it eligible", async () => {
    await signInAs("admin");
    await page.goto(nominationPath);
    await clickAndLoad(page.getByRole("button", { name: "审查合格" }));
    await expect.poll(status).toBe("审查合格");
  });
});
