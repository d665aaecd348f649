import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { DEMO_2018_TITLE, loadDemo } from "../../seed/load";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { getJudgingCategory } from "../../app/models/judging-category.server";
import { addPanelJudge, assignPanel } from "../../app/models/panel.server";
import { startServer } from "./support/server";
import { launchBrowser, login, logout, type Browser } from "./support/browser";

// The demo's 2018 competition, moved on to judging before the server starts: three eligible
// individuals that judge1 and judge2 may both score, everyone else ineligible.
let dir: string;
let url: string;
let stopServer: () => Promise<void>;
let browser: Browser;
let page: Page;
let competitionId: number;
let categoryId: number;
let refs: string[];

async function prepare(file: string, dataKey: Buffer) {
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    await loadDemo(db, dataKey);
    const c = await db
      .selectFrom("competitions")
      .select("id")
      .where("title", "=", DEMO_2018_TITLE)
      .executeTakeFirstOrThrow();
    competitionId = c.id;
    const cat = await db
      .selectFrom("categories")
      .select("id")
      .where("competition_id", "=", c.id)
      .where("name", "=", "先进个人")
      .executeTakeFirstOrThrow();
    categoryId = cat.id;
    await db
      .updateTable("nominations")
      .set({ status: "ineligible" })
      .where("competition_id", "=", c.id)
      .execute();
    await db.updateTable("competitions").set({ stage: "judging" }).where("id", "=", c.id).execute();
    const judges = await db
      .selectFrom("users")
      .select("id")
      .where("username", "in", ["judge1", "judge2"])
      .orderBy("username")
      .execute();
    const judging = (await getJudgingCategory(db, cat.id))!;
    await db.transaction().execute(async (trx) => {
      for (const j of judges) await addPanelJudge(trx, SYSTEM_ACTOR, judging, j.id);
    });
    // Three nominations neither judge has a conflict with.
    await db
      .updateTable("nominations")
      .set({ status: "eligible" })
      .where("category_id", "=", cat.id)
      .execute();
    await db.transaction().execute((trx) => assignPanel(trx, SYSTEM_ACTOR, judging));
    const both = await db
      .selectFrom("judge_assignments")
      .select("nomination_id")
      .groupBy("nomination_id")
      .having((eb) => eb.fn.countAll(), "=", 2)
      .execute();
    const keep = both.slice(0, 3).map((b) => b.nomination_id);
    await db
      .updateTable("nominations")
      .set({ status: "ineligible" })
      .where("category_id", "=", cat.id)
      .where("id", "not in", keep)
      .execute();
    await db.deleteFrom("judge_assignments").where("nomination_id", "not in", keep).execute();
    refs = (
      await db.selectFrom("nominations").select("ref").where("id", "in", keep).orderBy("ref").execute()
    ).map((r) => r.ref);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-judging-"));
  const file = path.join(dir, "laurel.db");
  const dataKey = crypto.randomBytes(32);
  await prepare(file, dataKey);
  const server = await startServer({
    database: { url: `file:${file}`, sessionSecret: crypto.randomBytes(32).toString("hex"), dataKey },
  });
  url = server.url;
  stopServer = server.stop;
  browser = await launchBrowser({ baseURL: url });
  page = await browser.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stopServer?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The text of the focused element when it is a status message, else "". */
function focusedStatus(): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute("role") === "status" ? el.innerText.trim() : "";
  });
}

async function scoreAll(username: string, points: number[]) {
  await login(page, username);
  await page.goto("/judging");
  expect(await page.locator("main h1").innerText()).toBe("评审工作台");
  for (const [i, ref] of refs.entries()) {
    await page.goto("/judging");
    await Promise.all([page.waitForURL(/\/judging\/\d+/), page.locator("main a", { hasText: ref }).click()]);
    // The demo rubric: 40 + 30 + 30.
    await page.locator("#f-p0").fill(String(points[i] * 0.4));
    // A saved draft is confirmed where the judge lands, and the confirmation has focus (WCAG 4.1.3).
    await Promise.all([page.waitForURL(/\?saved=1$/), page.locator('button[value="save"]').click()]);
    await expect.poll(() => focusedStatus()).toBe("草稿已保存；提交前仍可修改。");
    await page.locator("#f-p1").fill(String(points[i] * 0.3));
    await page.locator("#f-p2").fill(String(points[i] * 0.3));
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/judging"),
      page.locator('button[value="submit"]').click(),
    ]);
    await expect.poll(() => focusedStatus()).toMatch(new RegExp(`^已提交「.*${ref}.*」的评分。$`));
  }
  // The URL changes with the client-side navigation; the queue's text may land a moment later.
  await expect.poll(() => page.locator("main").innerText()).toContain("已提交 3 / 3");
  await logout(page);
}

describe("judging in the browser", () => {
  it("two judges score, the admin closes judging and sees the ranking and the proposed list", async () => {
    await scoreAll("judge1", [90, 80, 70]);
    await scoreAll("judge2", [80, 90, 60]);
    await login(page, "admin");
    // While judging runs the matrix is closed: the results page says when it opens instead of linking to a 409.
    const resultsPath = `/competitions/${competitionId}/categories/${categoryId}/results`;
    await page.goto(resultsPath);
    expect(await page.locator("main").innerText()).toContain(
      "评委评分矩阵：评审结束（进入决定阶段）后可查看",
    );
    expect(await page.locator('main a[href$="/sheets"]').count()).toBe(0);
    await page.goto(`/competitions/${competitionId}`);
    await page.locator("main button.primary", { hasText: "进入下一阶段" }).click();
    await expect.poll(() => page.locator("main").innerText()).toContain("竞赛已进入「评审决定」阶段。");
    await page.goto(`/competitions/${competitionId}/categories/${categoryId}/results`);
    const rows = await page.locator("table.ranking tbody tr").allInnerTexts();
    // Means 85, 85 and 65: the first two tie on the total and on both criteria, listed by ref.
    expect(rows.map((r) => r.split("\t").slice(0, 4))).toEqual([
      ["1并列", refs[0], expect.any(String), "85"],
      ["1并列", refs[1], expect.any(String), "85"],
      ["3", refs[2], expect.any(String), "65"],
    ]);
    const main = await page.locator("main").innerText();
    expect(main).toContain("部分推荐的评分表少于 5 份");
    expect(main).toMatch(/评审委员会拟表彰名单\s+名单共 \d 名，名额 77。/);
    expect(await page.locator("table.comparison tbody tr").count()).toBe(3);

    // An override saved, its reason box starts empty again (the row's form is the other way now).
    await page.locator(`#r-${refs[2]}`).fill("名额调整");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator("table.ranking tbody tr").nth(2).locator("button").click(),
    ]);
    await expect.poll(() => page.locator("main").innerText()).toContain("名额调整");
    await expect.poll(() => page.locator(`#r-${refs[2]}`).inputValue()).toBe("");
    expect(await page.locator('main a[href$="/sheets"]').count()).toBe(1);

    // The per-judge matrix opens now that judging has closed; a correction needs a reason.
    await page.goto(`/competitions/${competitionId}/categories/${categoryId}/sheets`);
    expect(await page.locator("table.matrix thead th").allInnerTexts()).toEqual([
      "推荐编号",
      "姓名/名称",
      "评委一",
      "评委二",
    ]);
    await Promise.all([
      page.waitForURL(/\/sheets\/\d+$/),
      page.locator("table.matrix tbody a").first().click(),
    ]);
    await page.locator("#f-p0").fill("40");
    await page.locator("#f-reason").fill("录入错误");
    await page.locator("main button.primary").click();
    await expect.poll(() => page.locator("main ul").last().innerText()).toContain("录入错误");
    await page.goto(`/competitions/${competitionId}/categories/${categoryId}/panel`);
    expect(await page.locator("main h1").innerText()).toBe("先进个人：评审组");
    expect(await page.locator("main").innerText()).toContain("评委一");
  });
});
