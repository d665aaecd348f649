import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { DEMO_2018_TITLE, loadDemo } from "../../seed/load";
import { DEMO_2017_TITLE, DEMO_2018_NOTICE_TITLE } from "../../seed/history";
import { makeId } from "../unit/nominations/id-helpers";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, logout, openFreshPage, type Browser } from "./support/browser";

// What axe cannot see (tests/e2e/accessibility.test.ts runs axe): page titles, the error summary
// and its focus, confirmations announced where the user lands, focus after a client-side
// navigation, and reflow at 320 px. See docs/accessibility.md.

let dir: string;
let server: RunningServer;
let browser: Browser;
let page: Page | undefined;
const errors: string[] = [];
const ids = {
  nominating: 0,
  individualCategory: 0,
  notice: 0,
  noticeCategory: 0,
  published: 0,
  nomination: 0,
  nominatorUser: 0,
  judgeNomination: 0,
};

async function prepare(file: string, dataKey: Buffer) {
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    await loadDemo(db, dataKey);
    const competition = (title: string) =>
      db.selectFrom("competitions").select("id").where("title", "=", title).executeTakeFirstOrThrow();
    ids.nominating = (await competition(DEMO_2018_TITLE)).id;
    ids.notice = (await competition(DEMO_2018_NOTICE_TITLE)).id;
    ids.published = (await competition(DEMO_2017_TITLE)).id;
    const category = (competitionId: number) =>
      db
        .selectFrom("categories")
        .select("id")
        .where("competition_id", "=", competitionId)
        .where("kind", "=", "individual")
        .executeTakeFirstOrThrow();
    ids.individualCategory = (await category(ids.nominating)).id;
    ids.noticeCategory = (await category(ids.notice)).id;
    ids.nomination = (
      await db
        .selectFrom("nominations")
        .select("id")
        .where("competition_id", "=", ids.nominating)
        .orderBy("id")
        .executeTakeFirstOrThrow()
    ).id;
    ids.nominatorUser = (
      await db.selectFrom("users").select("id").where("username", "=", "nominator").executeTakeFirstOrThrow()
    ).id;
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-a11y-"));
  const file = path.join(dir, "laurel.db");
  const dataKey = crypto.randomBytes(32);
  await prepare(file, dataKey);
  server = await startServer({
    database: { url: `file:${file}`, sessionSecret: crypto.randomBytes(32).toString("hex"), dataKey },
  });
  browser = await launchBrowser({ baseURL: server.url });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function fresh(lang: "zh-CN" | "en" = "zh-CN"): Promise<Page> {
  errors.length = 0;
  page = await openFreshPage(browser, page, errors);
  await browser.context.addCookies([{ name: "laurel_lang", value: lang, url: server.url }]);
  return page;
}

/** The first link on `path` whose href starts with `prefix` (ids the test does not know). */
async function firstLink(p: Page, path: string, prefix: string): Promise<string> {
  await p.goto(path);
  const href = await p.locator(`main a[href^="${prefix}"]`).first().getAttribute("href");
  expect(href, `${path}: no link to ${prefix}…`).toBeTruthy();
  return href!;
}

/** What has focus: its tag, id, class and role, to compare in one line. */
function focused(p: Page) {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      id: el?.id ?? "",
      role: el?.getAttribute("role") ?? "",
      text: (el?.innerText ?? "").replace(/\s+/g, " ").trim(),
    };
  });
}

/** Every page kind the e2e tests open, by who may open it (public, admin, nominator, judge). */
async function pagesOf(p: Page, who: string): Promise<string[]> {
  const c = `/competitions/${ids.notice}`;
  const cat = `${c}/categories/${ids.noticeCategory}`;
  if (who === "public") {
    const roll = `/honors/${ids.published}`;
    const honoree = await firstLink(p, roll, "/honors/people/");
    return [
      "/",
      "/login",
      "/orgs",
      "/orgs/1",
      "/honors",
      roll,
      `${roll}/print`,
      honoree,
      `${honoree}/certificate`,
      "/notices",
      `/notices/${ids.notice}`,
      "/stats",
    ];
  }
  if (who === "judge") return ["/judging", await firstLink(p, "/judging", "/judging/")];
  if (who === "nominator") {
    const n = `/competitions/${ids.nominating}/nominations`;
    const own = await firstLink(p, n, "/nominations/");
    // The demo's nominations are submitted, so their edit page is closed (403): not in this list.
    return [`${n}/new`, `${n}/new?category=${ids.individualCategory}`, own];
  }
  const helper = await firstLink(p, "/registry/helpers", "/registry/helpers/");
  const county = await firstLink(p, "/registry/counties", "/registry/counties/");
  const team = await firstLink(p, "/aid", "/aid/teams/");
  return [
    "/competitions",
    "/competitions/new",
    "/competitions/import",
    `/competitions/${ids.nominating}`,
    `/competitions/${ids.nominating}/edit`,
    `/competitions/${ids.nominating}/nominations`,
    `/competitions/${ids.nominating}/nominations/import`,
    `/nominations/${ids.nomination}`,
    c,
    `${c}/notice`,
    `${c}/publication`,
    `${cat}/panel`,
    `${cat}/results`,
    `/competitions/${ids.published}/publication`,
    "/calendar",
    "/audit",
    "/orgs/2/edit",
    "/orgs/1/new",
    "/orgs/1/users/new",
    `/users/${ids.nominatorUser}`,
    "/account/password",
    "/registry",
    "/registry/counties",
    county,
    "/registry/helpers",
    helper,
    "/registry/pairings",
    "/registry/import",
    "/registry/match",
    "/aid",
    team,
    "/aid/activities/new",
    "/aid/projects",
    "/aid/projects/new",
    "/aid/upload",
  ];
}

describe("page titles (WCAG 2.4.2)", () => {
  // One journey over every page kind rather than a check per test file: it runs on one server,
  // and a title that repeats across files (two pages both called "Laurel") is caught too.
  it.each(["zh-CN", "en"] as const)(
    "every page has its own title, page · context · site (%s)",
    async (lang) => {
      const byTitle = new Map<string, string[]>();
      for (const who of ["public", "admin", "nominator", "judge"]) {
        const p = await fresh(lang);
        if (who !== "public") await login(p, who === "judge" ? "judge1" : who);
        for (const path of await pagesOf(p, who)) {
          const res = await p.goto(path);
          expect(res?.status(), path).toBe(200);
          const title = await p.title();
          expect(title, path).toMatch(lang === "en" ? / · Laurel$/ : / · Laurel 劳模表彰$/);
          byTitle.set(title, [...(byTitle.get(title) ?? []), path]);
        }
      }
      const repeated = [...byTitle].filter(([, paths]) => paths.length > 1);
      expect(repeated).toEqual([]);
      expect(byTitle.size).toBeGreaterThan(50);
    },
    300_000,
  );
});

const person = {
  name: "李建华",
  ethnicity: "汉族",
  political_status: "中共党员",
  education: "大学本科",
  workplace: "西安市第一建筑公司",
  phone: "13912345678",
  deeds: "在脱贫攻坚工作中带领班组完成多项帮扶任务，成效显著。",
};

async function fillPerson(p: Page, idNumber: string) {
  for (const [field, value] of Object.entries(person)) await p.locator(`#f-${field}`).fill(value);
  await p.locator("#f-id_number").fill(idNumber);
  await p.locator("#f-occupation_group").selectOption({ index: 1 });
  await p.locator("#f-migrant").selectOption("no");
}

/** The summary's lines, each with its link target and whether that control points at its error. */
async function summaryLines(p: Page) {
  return p.locator("main .error-summary li").evaluateAll((items) =>
    items.map((li) => {
      const href = li.querySelector("a")?.getAttribute("href") ?? "";
      const control = href ? document.querySelector<HTMLElement>(href) : null;
      const errorId = `${href.slice(1)}-error`;
      return {
        text: (li as HTMLElement).innerText.trim(),
        href,
        invalid: control?.getAttribute("aria-invalid") ?? null,
        describedByError:
          !!control?.getAttribute("aria-describedby")?.split(" ").includes(errorId) &&
          !!document.getElementById(errorId),
      };
    }),
  );
}

describe("error summary", () => {
  const newForm = () => `/competitions/${ids.nominating}/nominations/new?category=${ids.individualCategory}`;

  it("a wrong ID check digit: one line, on the ID field, focused on arrival; its link reaches the field", async () => {
    const p = await fresh();
    await login(p, "nominator");
    await p.goto(newForm());
    const id = makeId("610102", "19820614", "135");
    await fillPerson(p, `${id.slice(0, 17)}${id[17] === "0" ? "1" : "0"}`);
    await p.locator('main button[value="submit"]').click();
    await expect.poll(() => p.locator("main .error-summary").count()).toBe(1);
    expect(await summaryLines(p)).toEqual([
      {
        text: "身份证号：身份证号校验位不符，请核对号码。",
        href: "#f-id_number",
        invalid: "true",
        describedByError: true,
      },
    ]);
    await expect.poll(() => focused(p).then((f) => f.role)).toBe("alert");
    expect(await p.locator("#f-gender").getAttribute("aria-invalid")).toBeNull();
    expect(await p.locator("#f-birth_date").getAttribute("aria-invalid")).toBeNull();
    await p.locator("main .error-summary a").click();
    expect((await focused(p)).id).toBe("f-id_number");
  });

  it("a form sent empty: one line per field, each naming and linking its field, each field pointing at its error", async () => {
    const p = await fresh();
    await login(p, "nominator");
    await p.goto(newForm());
    // After hydration (a re-render would drop the flag set below).
    await p.waitForLoadState("networkidle");
    // The browser's own required check would stop the form first; the server's answer is the subject.
    await p.locator("main form").evaluate((f) => ((f as HTMLFormElement).noValidate = true));
    await p.locator('main button[value="submit"]').click();
    await expect.poll(() => p.locator("main .error-summary").count()).toBe(1);
    const lines = await summaryLines(p);
    expect(lines.map((l) => l.text)).toEqual([
      "姓名：此项为必填项。",
      "民族：此项为必填项。",
      "政治面貌：此项为必填项。",
      "文化程度：此项为必填项。",
      "工作单位：此项为必填项。",
      "人员类别：此项为必填项。",
      "是否农民工：此项为必填项。",
      "身份证号：此项为必填项。",
      "联系电话：此项为必填项。",
      "主要事迹：此项为必填项。",
    ]);
    for (const l of lines) expect(l, l.text).toMatchObject({ invalid: "true", describedByError: true });
    await expect.poll(() => focused(p).then((f) => f.role)).toBe("alert");
    await p.locator("main .error-summary a", { hasText: "主要事迹" }).click();
    expect((await focused(p)).id).toBe("f-deeds");
  });

  it("without JavaScript the refused form lands with the summary focused (autofocus), its links reaching the fields", async () => {
    const noJs = await launchBrowser({ baseURL: server.url, javaScriptEnabled: false });
    try {
      const p = await noJs.newPage();
      await login(p, "admin");
      await p.goto("/orgs/1/users/new");
      await p.locator("#f-username").fill("A!");
      await p.locator("#f-displayName").fill("坏数据");
      await p.locator("#f-password").fill("short");
      await Promise.all([p.waitForNavigation(), p.locator('main button[type="submit"]').click()]);
      expect(await summaryLines(p)).toEqual([
        {
          text: "用户名：用户名为 3–32 位小写字母、数字、点、下划线或连字符。",
          href: "#f-username",
          invalid: "true",
          describedByError: true,
        },
        {
          text: "初始密码：密码至少 10 个字符。",
          href: "#f-password",
          invalid: "true",
          describedByError: true,
        },
      ]);
      expect(await p.locator("main .error-summary").getAttribute("autofocus")).not.toBeNull();
      expect((await focused(p)).role).toBe("alert");
      await p.locator("main .error-summary a").first().click();
      expect((await focused(p)).id).toBe("f-username");
    } finally {
      await noJs.close();
    }
  });
});

describe("confirmations (WCAG 4.1.3): a status message where the user lands, with focus", () => {
  it("submitting a nomination", async () => {
    const p = await fresh();
    await login(p, "nominator");
    await p.goto(`/competitions/${ids.nominating}/nominations/new?category=${ids.individualCategory}`);
    await fillPerson(p, makeId("610102", "19820614", "135"));
    await Promise.all([
      p.waitForURL(/\/nominations\/\d+\?done=submitted$/),
      p.locator('main button[value="submit"]').click(),
    ]);
    await expect
      .poll(() => focused(p))
      .toEqual({
        tag: "p",
        id: "",
        role: "status",
        text: "推荐已提交，等待主办单位审核。",
      });
  });

  it.each([true, false])("filing an objection (JavaScript: %s)", async (javaScriptEnabled) => {
    const b = await launchBrowser({ baseURL: server.url, javaScriptEnabled });
    try {
      const p = await b.newPage();
      await p.goto(`/notices/${ids.notice}`);
      await p.locator("#f-nomination").selectOption({ index: 1 });
      await p.locator("#f-facts").fill("据反映该同志事迹材料中的数据与实际不符，请核实。");
      await Promise.all([
        p.waitForURL((u) => u.searchParams.get("filed") === "1"),
        p.locator("main form button.primary").click(),
      ]);
      await expect.poll(() => focused(p).then((f) => f.role)).toBe("status");
      expect((await focused(p)).text).toBe("您的异议已收到，我们将依规核实处理。");
    } finally {
      await b.close();
    }
  });
});

describe("focus after a client-side navigation", () => {
  it("moves to the new page's h1, not on the first load", async () => {
    const p = await fresh();
    await p.goto("/");
    expect((await focused(p)).tag).toBe("body");
    await Promise.all([
      p.waitForURL((u) => u.pathname === "/honors"),
      p.locator('header a[href="/honors"]').click(),
    ]);
    await expect.poll(() => focused(p)).toMatchObject({ tag: "h1", text: "光荣榜" });
    expect(await p.locator("main h1").getAttribute("tabindex")).toBe("-1");
    expect(errors).toEqual([]);
  });
});

describe("reflow (WCAG 1.4.10): nothing but a data table's own region scrolls sideways", () => {
  /** How far the page itself scrolls sideways (0 when it fits). */
  const overflow = (p: Page) =>
    p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it.each([
    ["zh-CN", 320],
    ["en", 320],
    ["en", 390],
  ] as const)("%s at %i px", async (lang, width) => {
    const b = await launchBrowser({ baseURL: server.url, viewport: { width, height: 800 } });
    try {
      const p = await b.newPage();
      await b.context.addCookies([{ name: "laurel_lang", value: lang, url: server.url }]);
      const honoree = await firstLink(p, `/honors/${ids.published}`, "/honors/people/");
      const cat = `/competitions/${ids.notice}/categories/${ids.noticeCategory}`;
      const wide: string[] = [];
      const check = async (path: string) => {
        await p.goto(path);
        const px = await overflow(p);
        if (px > 0) wide.push(`${path}: ${px}px`);
      };
      await check(`${honoree}/certificate`);
      await login(p, "admin");
      for (const path of [`${cat}/results`, `${cat}/panel`, `/nominations/${ids.nomination}`])
        await check(path);
      // Signing out as a user would (clearing the cookies under a loaded page left its form's
      // CSRF token without its cookie now and then: a 403 that no user meets).
      await logout(p);
      await login(p, "judge1");
      await check(await firstLink(p, "/judging", "/judging/"));
      expect(wide).toEqual([]);
    } finally {
      await b.close();
    }
  });
});

describe("language of parts (WCAG 3.1.2)", () => {
  it("in English, Chinese data in table cells and fact lists carries lang=zh-CN", async () => {
    const p = await fresh("en");
    const unmarked: string[] = [];
    const check = async (path: string) => {
      await p.goto(path);
      const found = await p.evaluate(() =>
        // Headings made of a translated sentence with a name inside are not split (docs/accessibility.md).
        Array.from(document.querySelectorAll("main td, main dd"))
          .filter((el) =>
            Array.from(el.childNodes).some((n) => {
              const text = n.textContent ?? "";
              const host = n.nodeType === Node.TEXT_NODE ? el : (n as Element);
              return /[\u4e00-\u9fff]/.test(text) && host.closest("[lang]")?.getAttribute("lang") !== "zh-CN";
            }),
          )
          .map((el) => `${el.tagName}: ${(el as HTMLElement).innerText.slice(0, 30)}`),
      );
      for (const f of found) unmarked.push(`${path} ${f}`);
    };
    await check(`/honors/${ids.published}`);
    await check(`/notices/${ids.notice}`);
    await login(p, "admin");
    for (const path of [
      `/competitions/${ids.notice}/categories/${ids.noticeCategory}/results`,
      "/registry/helpers",
      "/registry/counties",
      "/registry/pairings",
      `/nominations/${ids.nomination}`,
    ])
      await check(path);
    expect(unmarked.slice(0, 10)).toEqual([]);
  });
});
