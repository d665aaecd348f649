import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page, Response } from "playwright-core";
import { startServer, type RunningServer } from "./support/server";
import {
  DEMO_PASSWORD,
  errorPage,
  launchBrowser,
  login,
  logout,
  openFreshPage,
  type Browser,
} from "./support/browser";

// One real server (fresh SQLite file with the demo data) and one Chinese-speaking browser for
// the whole file; the tests run in order and each signs in as whom it needs ("a new user" signs
// in as the user that "an admin" creates). Every sign-in comes from 127.0.0.1, which the server
// locks after 5 failures: the file spends 3 (keep it under 5).
let server: RunningServer;
let browser: Browser;
let page: Page;
/** Errors the page itself reported (console.error, uncaught exceptions, hydration mismatches). */
let pageErrors: string[] = [];

const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, " ").trim();
const h1 = (p: Page = page) => text(p.locator("main h1"));

async function freshPage(): Promise<Page> {
  page = await openFreshPage(browser, page, pageErrors);
  return page;
}

/** Clicks and waits for the document POST that the click sends, returning its response. */
async function submitAndCatch(p: Page, button: Locator, path: string): Promise<Response> {
  const [response] = await Promise.all([
    p.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith(path)),
    button.click(),
  ]);
  return response;
}

/** The id in a link such as /orgs/2 found by its exact text. */
async function idOfLink(p: Page, prefix: string, name: string): Promise<number> {
  const href = await p
    .locator(`a[href^="${prefix}"]`, { hasText: new RegExp(`^${name}$`) })
    .first()
    .getAttribute("href");
  return Number(href!.slice(prefix.length));
}

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

describe("the public", () => {
  it("reads the home page in Chinese, switches to English in the header, and back", async () => {
    await freshPage();
    const res = await page.goto("/");
    expect(res!.status()).toBe(200);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await h1()).toBe("劳动竞赛与劳模表彰平台");
    expect(await page.title()).toBe("首页 · Laurel 劳模表彰");
    expect(await text(page.locator("main .lead"))).toBe(
      "本平台供各级工会开展劳动竞赛、征集推荐、组织评审、公示拟表彰名单、发布先进集体和先进个人光荣榜，并管理劳模和劳模单位与贫困县结对帮扶的信息。",
    );
    expect(await page.locator("header nav a").allInnerTexts()).toEqual([
      "首页",
      "公示",
      "光荣榜",
      "帮扶统计",
      "组织机构",
    ]);
    expect(await text(page.locator('header a[href="/login"]'))).toBe("登录");
    // 1 province + 11 cities + 56 county federations + 3 industry unions + 2 grassroots unions
    // + the contest's 3 SOE unions; 8 users.
    const figures = await page.locator("main .stats li").allInnerTexts();
    expect(figures.map((f) => f.split("\n")[1])).toEqual([
      "受表彰的先进集体和个人",
      "已发布的表彰名单",
      "工会组织",
      "系统用户",
    ]);
    expect(figures.slice(2)).toEqual(["76\n工会组织", "8\n系统用户"]);
    expect(await page.getByRole("button", { name: "中文" }).getAttribute("aria-pressed")).toBe("true");

    await page.getByRole("button", { name: "English", exact: true }).click();
    await expect.poll(() => h1()).toBe("Laurel — Labor Competitions and Model Worker Commendation");
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("header nav a").allInnerTexts()).toEqual([
      "Home",
      "Notices",
      "Honor rolls",
      "Aid statistics",
      "Organizations",
    ]);
    expect(await text(page.locator('header a[href="/login"]'))).toBe("Sign in");
    expect((await page.locator("main .stats li").allInnerTexts()).slice(2)).toEqual([
      "76\nUnion organizations",
      "8\nUsers",
    ]);
    expect(
      await page.getByRole("button", { name: "English", exact: true }).getAttribute("aria-pressed"),
    ).toBe("true");

    // The choice is a cookie: it holds on the next page, and the switch returns to the same page.
    await page.goto("/orgs");
    expect(await h1()).toBe("Organizations");
    await page.getByRole("button", { name: "中文", exact: true }).click();
    await expect.poll(() => h1()).toBe("组织机构");
    expect(new URL(page.url()).pathname).toBe("/orgs");
    await page.goto("/");
    expect(await h1()).toBe("劳动竞赛与劳模表彰平台");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  });

  it("greets a browser that asks for English in English, and one that asks for nothing in Chinese", async () => {
    const en = await fetch(`${server.url}/`, { headers: { "accept-language": "en-GB,en;q=0.9" } });
    expect(await en.text()).toContain('<html lang="en">');
    const none = await fetch(`${server.url}/`);
    expect(await none.text()).toContain('<html lang="zh-CN">');
  });

  it("sends long Chinese pages as clean UTF-8, without the NUL bytes of React's chunked streaming", async () => {
    for (const path of ["/orgs", "/", "/login"]) {
      const bytes = Buffer.from(await (await fetch(`${server.url}${path}`)).arrayBuffer());
      expect(bytes.length, path).toBeGreaterThan(path === "/orgs" ? 8000 : 1000);
      expect(bytes.includes(0), path).toBe(false);
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes), path).not.toThrow();
    }
    const tree = await (await fetch(`${server.url}/orgs`)).text();
    for (const name of ["陕西省总工会", "周至县总工会", "商南县总工会", "大唐灞桥热电厂工会"])
      expect(tree).toContain(name);
  });

  it("runs Remix's inline scripts under a nonce-based Content-Security-Policy, a fresh nonce each response", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/login`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      const html = await res.text();
      // Every inline script carries it: a script without it would be blocked.
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
      expect(inline.length).toBeGreaterThan(0);
      for (const [, attrs] of inline) expect(attrs).toContain(`nonce="${nonce}"`);
      nonces.push(nonce!);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    const p = await freshPage();
    await p.goto("/login");
    // The client router exists only when the nonce let the hydration scripts run.
    await expect
      .poll(() => p.evaluate(() => typeof (window as { __remixRouter?: unknown }).__remixRouter))
      .toBe("object");
    expect(pageErrors).toEqual([]);
  });
  it("refuses a wrong password with 用户名或密码不正确。 and stays on /login", async () => {
    await freshPage();
    await page.goto("/login");
    expect(await h1()).toBe("登录");
    await page.getByLabel("用户名").fill("admin");
    await page.getByLabel("密码").fill("not-the-password");
    await page.locator("main").getByRole("button", { name: "登录" }).click();
    const alert = page.locator("main [role=alert]");
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.locator("p").innerText()).toBe("请修正以下问题后再提交：");
    expect(await alert.locator("li").allInnerTexts()).toEqual(["用户名或密码不正确。"]);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByLabel("用户名").inputValue()).toBe("admin");
    expect(await page.locator('header a[href="/login"]').count()).toBe(1);
  });

  it("refuses a login form whose CSRF token was tampered with: 403 and no session", async () => {
    await freshPage();
    await page.goto("/login");
    await page.getByLabel("用户名").fill("admin");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    const original = await page.locator('main input[name="_csrf"]').inputValue();
    expect(original).toMatch(/^[\w-]+\.[\w-]+$/);
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('main input[name="_csrf"]')!;
      input.value = `${input.value.split(".")[0]}.forged`;
    });
    await page.locator("main").getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.locator("section.error-page").count()).toBe(1);
    expect(await errorPage(page)).toEqual({
      title: "出错了 403",
      message: "表单已过期或来源不正确，请刷新页面后重试。",
    });
    await page.goto("/");
    expect(await page.locator('header a[href="/login"]').count()).toBe(1);
    expect(await page.locator("header .user-name").count()).toBe(0);
  });

  it("sends an anonymous visitor of /audit to the login page and back there after signing in", async () => {
    await freshPage();
    await page.goto("/audit");
    expect(page.url()).toBe(`${server.url}/login?redirectTo=%2Faudit`);
    await page.getByLabel("用户名").fill("admin");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/audit"),
      page.locator("main").getByRole("button", { name: "登录" }).click(),
    ]);
    await expect.poll(() => h1()).toBe("审计日志");
  });
});

describe("an admin", () => {
  let xianId: number;
  let newUserId: number;

  it("browses the org tree, creates a user in 西安市总工会 and finds it in the audit log", async () => {
    await freshPage();
    await login(page, "admin");
    expect(await text(page.locator("header .user-name"))).toBe("当前用户：省总管理员");
    expect(await page.locator("header nav a").allInnerTexts()).toEqual([
      "首页",
      "公示",
      "光荣榜",
      "帮扶统计",
      "组织机构",
      "劳动竞赛",
      "劳模结对帮扶",
      "审计日志",
      "工作日历",
      "邮件队列",
    ]);

    await Promise.all([
      page.waitForURL((u) => u.pathname === "/orgs"),
      page.locator("header nav").getByRole("link", { name: "组织机构" }).click(),
    ]);
    await expect.poll(() => h1()).toBe("组织机构");
    expect(await text(page.locator("main p").nth(1))).toBe("共 76 个组织");
    const tree = page.locator("nav.tree");
    const province = tree.locator(":scope > ul > li");
    expect(await province.count()).toBe(1);
    expect(await text(province.locator(":scope > a"))).toBe("陕西省总工会");
    expect(await text(province.locator(":scope > .kind"))).toBe("省总工会");
    const xian = province
      .locator(":scope > ul > li")
      .filter({ has: page.locator(':scope > a:text-is("西安市总工会")') });
    expect(await text(xian.locator(":scope > .kind"))).toBe("市总工会");
    expect(await xian.locator(":scope > ul > li > a").allInnerTexts()).toEqual(["周至县总工会"]);
    expect(await province.locator(":scope > ul > li > a").allInnerTexts()).toEqual(
      expect.arrayContaining([
        "西安市总工会",
        "杨凌示范区总工会",
        "省能源化学地质工会",
        "省建设工会",
        "省教科文卫体工会",
      ]),
    );

    await Promise.all([page.waitForURL(/\/orgs\/\d+$/), xian.locator(":scope > a").click()]);
    await expect.poll(() => h1()).toBe("西安市总工会");
    xianId = Number(new URL(page.url()).pathname.split("/")[2]);
    expect(await page.locator("main dl.facts dd").allInnerTexts()).toEqual([
      "市总工会",
      "610100",
      "陕西省总工会",
    ]);
    expect(await page.locator("main .actions a").allInnerTexts()).toEqual([
      "编辑组织",
      "新增下级组织",
      "创建用户",
    ]);
    const usersTable = page.locator("main table tbody tr");
    expect(await usersTable.locator("td:first-child").allInnerTexts()).toEqual(["nominator", "xian_admin"]);

    await Promise.all([
      page.waitForURL(`**/orgs/${xianId}/users/new`),
      page.locator("main .actions").getByRole("link", { name: "创建用户" }).click(),
    ]);
    await expect.poll(() => h1()).toBe("创建用户 · 西安市总工会");
    expect(await page.getByLabel("推荐单位填报员").isChecked()).toBe(true);
    expect(await page.getByLabel("工会管理员").isChecked()).toBe(false);
    expect(await page.getByLabel("评委").isChecked()).toBe(false);
    await page.getByLabel("用户名").fill("e2e.wang");
    await page.getByLabel("姓名").fill("王建国");
    await page.getByLabel("初始密码").fill("first-password-2026");
    await page.getByLabel("评委").check();
    await Promise.all([
      page.waitForURL(/\/users\/\d+$/),
      page.locator("main").getByRole("button", { name: "创建用户" }).click(),
    ]);
    await expect.poll(() => h1()).toBe("用户：王建国");
    newUserId = Number(new URL(page.url()).pathname.split("/")[2]);
    expect(await page.locator("main dl.facts dd").allInnerTexts()).toEqual([
      "e2e.wang",
      "西安市总工会",
      "启用",
    ]);
    // Grants at one org come in no particular order.
    expect((await page.locator("main > ul li").allInnerTexts()).sort()).toEqual(
      ["推荐单位填报员 · 西安市总工会 撤销", "评委 · 西安市总工会 撤销"].sort(),
    );

    await page.goto(`/orgs/${xianId}`);
    const row = usersTable.filter({ has: page.getByRole("link", { name: "e2e.wang", exact: true }) });
    const [username, name, roles, status] = await row.locator("td").allInnerTexts();
    expect([username, name, roles.split("\n").sort(), status]).toEqual([
      "e2e.wang",
      "王建国",
      ["推荐单位填报员 · 西安市总工会", "评委 · 西安市总工会"].sort(),
      "启用",
    ]);
    expect(await row.locator("a").getAttribute("href")).toBe(`/users/${newUserId}`);

    await Promise.all([
      page.waitForURL("**/audit"),
      page.locator("header nav").getByRole("link", { name: "审计日志" }).click(),
    ]);
    await expect.poll(() => h1()).toBe("审计日志");
    expect(await page.locator("main table thead th").allInnerTexts()).toEqual([
      "时间",
      "操作人",
      "操作",
      "对象",
      "IP",
      "变更内容",
    ]);
    // Newest first: the two grants, then the creation.
    const rows = page.locator("main table tbody tr");
    const cells = async (i: number) => (await rows.nth(i).locator("td").allInnerTexts()).slice(1, 5);
    expect(await cells(0)).toEqual(["admin", "role.grant", `user ${newUserId}`, "127.0.0.1"]);
    expect(await cells(1)).toEqual(["admin", "role.grant", `user ${newUserId}`, "127.0.0.1"]);
    expect(await cells(2)).toEqual(["admin", "user.create", `user ${newUserId}`, "127.0.0.1"]);
    // The JSON's "before/after" is said by visually hidden text, not an aria-label on a generic <pre>.
    const after = await text(rows.nth(2).locator("pre", { hasText: "变更后" }));
    expect(after).toBe(
      `变更后: + {"username":"e2e.wang","displayName":"王建国","org":"西安市总工会","roles":["nominator","judge"]}`,
    );
    expect(after).not.toContain("first-password-2026");

    // The filter is a GET form: only creations, ours on top.
    await page.locator("#f-action").selectOption("user.create");
    await Promise.all([
      page.waitForURL(/action=user\.create/),
      page.locator("main").getByRole("button", { name: "筛选" }).click(),
    ]);
    await expect
      .poll(async () => (await rows.nth(0).locator("td").allInnerTexts())[3])
      .toBe(`user ${newUserId}`);
    const actions = await rows.locator("td:nth-child(3)").allInnerTexts();
    expect(new Set(actions)).toEqual(new Set(["user.create"]));
    expect(actions).toHaveLength(9);
  });

  it("gets the field messages and a 400 for a bad new user, and nothing is created", async () => {
    expect(xianId).toBeGreaterThan(0);
    await page.goto(`/orgs/${xianId}`);
    const before = await page.locator("main table tbody tr").count();
    await page.goto(`/orgs/${xianId}/users/new`);
    await page.getByLabel("用户名").fill("A!");
    await page.getByLabel("姓名").fill("坏数据");
    await page.getByLabel("初始密码").fill("short");
    const res = await submitAndCatch(
      page,
      page.locator("main").getByRole("button", { name: "创建用户" }),
      `/orgs/${xianId}/users/new`,
    );
    expect(res.status()).toBe(400);
    await expect.poll(() => page.locator("main [role=alert]").count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe(`/orgs/${xianId}/users/new`);
    // Each line names its field (and links to it).
    expect(await page.locator("main [role=alert] li").allInnerTexts()).toEqual([
      "用户名：用户名为 3–32 位小写字母、数字、点、下划线或连字符。",
      "初始密码：密码至少 10 个字符。",
    ]);
    expect(await text(page.locator("#f-username-error"))).toBe(
      "用户名为 3–32 位小写字母、数字、点、下划线或连字符。",
    );
    expect(await text(page.locator("#f-password-error"))).toBe("密码至少 10 个字符。");
    expect(await page.locator("#f-displayName-error").count()).toBe(0);
    expect(await page.getByLabel("用户名").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("用户名").inputValue()).toBe("A!");
    expect(await page.getByLabel("姓名").inputValue()).toBe("坏数据");

    // A taken username is a field error too.
    await page.getByLabel("用户名").fill("nominator");
    await page.getByLabel("初始密码").fill("long-enough-password");
    const taken = await submitAndCatch(
      page,
      page.locator("main").getByRole("button", { name: "创建用户" }),
      `/orgs/${xianId}/users/new`,
    );
    expect(taken.status()).toBe(400);
    await expect.poll(() => text(page.locator("#f-username-error"))).toBe("用户名「nominator」已被使用。");

    await page.goto(`/orgs/${xianId}`);
    expect(await page.locator("main table tbody tr").count()).toBe(before);
    await page.goto("/audit?action=user.create");
    expect(await page.locator("main table tbody tr").count()).toBe(9);
  });

  it("keeps 4xx for malformed and unknown URLs, never a 500", async () => {
    const urls = [
      "/orgs/abc",
      "/orgs/99999",
      "/orgs/0",
      "/orgs/-1",
      "/orgs/1.5",
      "/orgs/99999999999999999999",
      "/orgs/abc/edit",
      "/orgs/abc/users/new",
      "/orgs/99999/new",
      "/users/0",
      "/users/abc",
      "/users/99999",
      "/no-such-page",
      "/orgs/%E0%A4%A",
      "/users/%E0%A4%A",
      "/%E0%A4%A",
      "/audit?from=2026-13-45",
      "/audit?from=yesterday",
    ];
    const seen: Record<string, number> = {};
    for (const url of urls) seen[url] = (await page.goto(url))!.status();
    // Undecodable paths stop at the server's last-resort handler; bad filters are the sender's fault.
    const status = (url: string) => (url.includes("%E0%A4%A") || url.startsWith("/audit") ? 400 : 404);
    expect(seen).toEqual(Object.fromEntries(urls.map((u) => [u, status(u)])));

    await page.goto("/orgs/abc");
    expect(await errorPage(page)).toEqual({ title: "出错了 404", message: "找不到该页面或对象。" });
    expect(await text(page.locator("section.error-page a"))).toBe("返回首页");
    await page.goto("/no-such-page");
    expect(await errorPage(page)).toEqual({ title: "出错了 404", message: "找不到该页面或对象。" });
    // Posting to nowhere is 404 too (with a valid token, so the CSRF check is not what answers).
    const token = await page.locator('header input[name="_csrf"]').first().inputValue();
    const posted = await page.evaluate(async (csrf) => {
      const res = await fetch("/no-such-page", {
        method: "POST",
        body: new URLSearchParams({ _csrf: csrf }),
      });
      return res.status;
    }, token);
    expect(posted).toBe(404);
  });

  it("answers undecodable URLs sent byte for byte with a plain 400, never a 500", async () => {
    const seen: Record<string, [number, string | null]> = {};
    for (const url of ["/orgs/%E0%A4%A", "/orgs/%", "/users/%ff", "/%", "/orgs/%C0%AF", "/orgs/%00"]) {
      const res = await fetch(`${server.url}${url}`, { redirect: "manual" });
      seen[url] = [res.status, res.headers.get("content-type")];
      if (res.status === 400) expect(await res.text()).toBe("400 请求无效 / Bad request");
    }
    const plain400 = [400, "text/plain; charset=utf-8"];
    expect(seen).toEqual({
      "/orgs/%E0%A4%A": plain400,
      "/orgs/%": plain400,
      "/users/%ff": plain400,
      "/%": plain400,
      "/orgs/%C0%AF": plain400,
      // Decodable but not a number: the app's own 404 page.
      "/orgs/%00": [404, "text/html; charset=utf-8"],
    });
  });
});

describe("permissions by org subtree", () => {
  it("shows the nominator a 403 page on /audit and no audit link", async () => {
    await freshPage();
    await login(page, "nominator");
    expect(await text(page.locator("header .user-name"))).toBe("当前用户：西安市总填报员");
    expect(await page.locator("header nav a").allInnerTexts()).toEqual([
      "首页",
      "公示",
      "光荣榜",
      "帮扶统计",
      "组织机构",
      "劳动竞赛",
    ]);
    const res = await page.goto("/audit");
    expect(res!.status()).toBe(403);
    expect(await errorPage(page)).toEqual({
      title: "出错了 403",
      message: "您没有权限访问此页面或执行此操作。",
    });
    // Nor does the nominator see who works at the org.
    await page.goto("/orgs/1");
    expect(await page.locator("main table").count()).toBe(0);
    expect(await page.locator("main .actions").count()).toBe(0);
  });

  it("lets xian_admin create users in Xi'an but not in the province", async () => {
    await freshPage();
    await login(page, "xian_admin");
    await page.goto("/orgs");
    const xianId = await idOfLink(page, "/orgs/", "西安市总工会");
    const zhouzhiId = await idOfLink(page, "/orgs/", "周至县总工会");
    const baojiId = await idOfLink(page, "/orgs/", "宝鸡市总工会");

    const province = await page.goto("/orgs/1/users/new");
    expect(province!.status()).toBe(403);
    expect(await errorPage(page)).toEqual({
      title: "出错了 403",
      message: "您没有权限访问此页面或执行此操作。",
    });
    expect((await page.goto(`/orgs/${baojiId}/users/new`))!.status()).toBe(403);

    const own = await page.goto(`/orgs/${xianId}/users/new`);
    expect(own!.status()).toBe(200);
    expect(await h1()).toBe("创建用户 · 西安市总工会");
    const below = await page.goto(`/orgs/${zhouzhiId}/users/new`);
    expect(below!.status()).toBe(200);
    expect(await h1()).toBe("创建用户 · 周至县总工会");

    // The province's users are not listed to a city admin; its own are.
    await page.goto("/orgs/1");
    expect(await page.locator("main table").count()).toBe(0);
    await page.goto(`/orgs/${xianId}`);
    expect(await page.locator("main table tbody td:first-child").allInnerTexts()).toEqual([
      "e2e.wang",
      "nominator",
      "xian_admin",
    ]);

    // A posted form to the province is refused on the server too, not only by hiding the link.
    const token = await page.locator('header input[name="_csrf"]').first().inputValue();
    const status = await page.evaluate(async (csrf) => {
      const body = new URLSearchParams({
        _csrf: csrf,
        username: "sneaky",
        displayName: "越权",
        password: "long-enough-password",
        roles: "admin",
      });
      return (await fetch("/orgs/1/users/new", { method: "POST", body })).status;
    }, token);
    expect(status).toBe(403);

    // Xi'an's audit log holds Xi'an's entries only.
    await page.goto("/audit?action=user.create");
    expect(await page.locator("main table tbody tr").count()).toBe(3);
  });
});

describe("a new user", () => {
  it("changes the initial password and signs in with the new one only", async () => {
    await freshPage();
    await login(page, "e2e.wang", "first-password-2026");
    expect(await text(page.locator("header .user-name"))).toBe("当前用户：王建国");
    await Promise.all([
      page.waitForURL("**/account/password"),
      page.locator("header").getByRole("link", { name: "修改密码" }).click(),
    ]);
    await expect.poll(() => h1()).toBe("修改密码");

    // A mismatch first.
    await page.getByLabel("当前密码").fill("first-password-2026");
    await page.locator("#f-next").fill("second-password-2026");
    await page.getByLabel("确认新密码").fill("second-password-2027");
    await page.getByRole("button", { name: "保存新密码" }).click();
    await expect.poll(() => text(page.locator("#f-confirm-error"))).toBe("两次输入的新密码不一致。");

    await page.getByLabel("当前密码").fill("first-password-2026");
    await page.locator("#f-next").fill("second-password-2026");
    await page.getByLabel("确认新密码").fill("second-password-2026");
    await page.getByRole("button", { name: "保存新密码" }).click();
    await expect.poll(() => page.locator("main [role=status]").count()).toBe(1);
    expect(await text(page.locator("main [role=status]"))).toBe("密码已修改，其他设备上的登录已失效。");
    // This session goes on.
    await page.goto("/");
    expect(await text(page.locator("header .user-name"))).toBe("当前用户：王建国");

    await logout(page);
    await page.goto("/login");
    await page.getByLabel("用户名").fill("e2e.wang");
    await page.getByLabel("密码").fill("first-password-2026");
    await page.locator("main").getByRole("button", { name: "登录" }).click();
    await expect
      .poll(() => page.locator("main [role=alert] li").allInnerTexts())
      .toEqual(["用户名或密码不正确。"]);
    await login(page, "e2e.wang", "second-password-2026");
    expect(await text(page.locator("header .user-name"))).toBe("当前用户：王建国");
  });
});

describe("without JavaScript", () => {
  let noJs: Browser;
  let p: Page;
  beforeAll(async () => {
    noJs = await launchBrowser({ baseURL: server.url, javaScriptEnabled: false });
    p = await noJs.newPage();
  });
  afterAll(() => noJs?.close());

  it("signs in, switches language and signs out with plain forms", async () => {
    await p.goto("/login");
    expect(await p.evaluate(() => "__remixRouter" in window)).toBe(false);
    await p.getByLabel("用户名").fill("nominator");
    await p.getByLabel("密码").fill("wrong-password");
    const refused = await submitAndCatch(
      p,
      p.locator("main").getByRole("button", { name: "登录" }),
      "/login",
    );
    expect(refused.status()).toBe(400);
    await p.waitForLoadState();
    expect(await p.locator("main [role=alert] li").allInnerTexts()).toEqual(["用户名或密码不正确。"]);

    await p.getByLabel("密码").fill(DEMO_PASSWORD);
    await Promise.all([
      p.waitForURL((u) => u.pathname === "/"),
      p.locator("main").getByRole("button", { name: "登录" }).click(),
    ]);
    expect(await text(p.locator("header .user-name"))).toBe("当前用户：西安市总填报员");

    await p.goto("/orgs");
    await Promise.all([
      p.waitForLoadState(),
      p.getByRole("button", { name: "English", exact: true }).click(),
    ]);
    await p.waitForURL((u) => u.pathname === "/orgs");
    expect(await h1(p)).toBe("Organizations");
    expect(await text(p.locator("header .user-name"))).toBe("Signed in as 西安市总填报员");
    await p.getByRole("button", { name: "中文", exact: true }).click();
    await p.waitForURL((u) => u.pathname === "/orgs");
    expect(await h1(p)).toBe("组织机构");

    await p.locator('form[action="/logout"] button').click();
    await p.waitForURL((u) => u.pathname === "/");
    expect(await text(p.locator('header a[href="/login"]'))).toBe("登录");
  });

  it("answers a forged CSRF token with a 403 page", async () => {
    await p.goto("/login");
    await p.getByLabel("用户名").fill("admin");
    await p.getByLabel("密码").fill(DEMO_PASSWORD);
    await p.evaluate(() => {
      document.querySelector<HTMLInputElement>('main input[name="_csrf"]')!.value = "forged.token";
    });
    const res = await submitAndCatch(p, p.locator("main").getByRole("button", { name: "登录" }), "/login");
    expect(res.status()).toBe(403);
    await p.waitForLoadState();
    expect(await errorPage(p)).toEqual({
      title: "出错了 403",
      message: "表单已过期或来源不正确，请刷新页面后重试。",
    });
  });
});

describe("on a phone", () => {
  const pageWidth = (p: Page) => p.evaluate(() => document.scrollingElement!.scrollWidth);

  it("renders without horizontal scrolling (375×740)", async () => {
    const p = await freshPage();
    await p.setViewportSize({ width: 375, height: 740 });
    await p.goto("/");
    expect(await h1(p)).toBe("劳动竞赛与劳模表彰平台");
    expect(await pageWidth(p)).toBeLessThanOrEqual(375);
    await p.getByRole("button", { name: "English", exact: true }).click();
    await expect.poll(() => h1(p)).toBe("Laurel — Labor Competitions and Model Worker Commendation");
    expect(await pageWidth(p)).toBeLessThanOrEqual(375);
    await p.getByRole("button", { name: "中文", exact: true }).click();
    await expect.poll(() => h1(p)).toBe("劳动竞赛与劳模表彰平台");

    // Signed in, the header carries more; the org page has the users table.
    await login(p, "admin");
    const widths: Record<string, number> = {};
    for (const url of ["/", "/orgs", "/orgs/2", "/orgs/2/users/new", "/audit", "/account/password"]) {
      await p.goto(url);
      widths[url] = await pageWidth(p);
    }
    expect(Object.entries(widths).filter(([, w]) => w > 375)).toEqual([]);
  });
});
