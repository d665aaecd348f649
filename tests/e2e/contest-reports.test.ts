import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { loadDemo } from "../../seed/load";
import { getOrgByName } from "../../app/models/org.server";
import { startServer, type RunningServer } from "./support/server";
import {
  insertGroup,
  insertIndicator,
  insertParticipant,
  insertPeriod,
  makeContestCompetition,
} from "../support/contest-rows";
import { launchBrowser, login, openFreshPage, type Browser } from "./support/browser";

// The demo's province runs a contest, 西安市总工会 admitted: its nominator ("nominator") reports
// period Q1 with a file, the province's admin ("admin", the parent union's) returns it with a
// reason, the nominator corrects and resubmits, the admin verifies it with the bulk form.
let server: RunningServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];
let dir = "";
let competitionId = 0;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function prepare(file: string, dataKey: Buffer) {
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    await loadDemo(db, dataKey);
    const province = (await getOrgByName(db, "陕西省总工会"))!;
    const xian = (await getOrgByName(db, "西安市总工会"))!;
    competitionId = await makeContestCompetition(db, province);
    const group = await insertGroup(db, competitionId, 0, "市总工会组");
    await insertPeriod(db, competitionId, 0, {
      label: "2018Q1",
      opens: "2001-01-01",
      closes: "2099-12-31",
      from: "2018-01-01",
      to: "2018-03-31",
    });
    await insertIndicator(db, competitionId, 0, {
      code: "invest",
      title: "帮扶投入",
      unit: "万元",
      method: "target",
      weight: 30,
    });
    await insertParticipant(db, competitionId, xian.id, group);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-contest-"));
  const file = path.join(dir, "laurel.db");
  const dataKey = crypto.randomBytes(32);
  await prepare(file, dataKey);
  server = await startServer({
    database: { url: `file:${file}`, sessionSecret: crypto.randomBytes(32).toString("hex"), dataKey },
  });
  browser = await launchBrowser({ baseURL: server.url });
}, 180_000);

afterAll(async () => {
  await page?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  expect(errors).toEqual([]);
});

async function signInAs(username: string) {
  page = await openFreshPage(browser, page, errors);
  await login(page, username);
}

const reportsPath = () => `/competitions/${competitionId}/contest/reports`;
const main = () => page.locator("main");

async function submitAndLoad(button: ReturnType<Page["locator"]>) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), button.click()]);
  await page.waitForLoadState("networkidle");
}

describe("a period report from filing to verification", () => {
  let reportPath = "";

  it("the reporter fills and submits the period with an evidence file", async () => {
    await signInAs("nominator");
    await page.goto(reportsPath());
    expect(await main().locator("table").innerText()).toContain("未填报");
    await submitAndLoad(main().getByRole("button", { name: /填报/ }));
    reportPath = new URL(page.url()).pathname;
    expect(reportPath).toMatch(/\/contest\/reports\/\d+$/);
    await main().locator("#f-v_invest").fill("1,200");
    await main().locator("#f-note").fill("一季度帮扶投入");
    await main().locator("#f-files").setInputFiles({ name: "凭证.png", mimeType: "image/png", buffer: PNG });
    await submitAndLoad(main().getByRole("button", { name: "提交", exact: true }));
    // The POST's answer can come before the page it leads to has rendered: wait for the page.
    await expect.poll(() => main().innerText()).toContain("已提交，等待审核。");
    expect(await main().innerText()).toContain("待审核");
    expect(await main().getByRole("link", { name: "凭证.png" }).count()).toBe(1);
  });

  it("the verifier returns it with a reason", async () => {
    await signInAs("admin");
    await page.goto(reportPath);
    await main().locator("#f-reason").fill("缺少银行回单");
    await submitAndLoad(main().getByRole("button", { name: "退回", exact: true }));
    expect(await main().innerText()).toContain("退回理由：缺少银行回单");
  });

  it("the reporter corrects and resubmits", async () => {
    await signInAs("nominator");
    await page.goto(reportsPath());
    expect(await main().innerText()).toContain("退回理由：缺少银行回单");
    await page.goto(reportPath);
    await main().locator("#f-v_invest").fill("1150.5");
    await submitAndLoad(main().getByRole("button", { name: "提交", exact: true }));
    // The POST's answer can come before the page it leads to has rendered: wait for the page.
    await expect.poll(() => main().innerText()).toContain("已提交，等待审核。");
  });

  it("the verifier verifies it with the bulk form", async () => {
    await signInAs("admin");
    await page.goto(reportsPath());
    await main()
      .getByRole("checkbox", { name: /西安市总工会/ })
      .check();
    await submitAndLoad(main().getByRole("button", { name: "审核通过所选填报" }));
    expect(await main().innerText()).toContain("已审核通过 1 份填报。");
    await page.goto(reportPath);
    expect(await main().innerText()).toContain("已审核");
    expect(await main().locator("ol").innerText()).toContain("退回：缺少银行回单");
  });
});
