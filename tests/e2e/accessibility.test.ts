import fs from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startServer, type RunningServer } from "./support/server";
import { launchBrowser, login, type Browser } from "./support/browser";

// axe-core over the public pages, the nomination form and the judge's desk, in both
// languages. The page's Content-Security-Policy forbids inline scripts, so axe's source goes in
// through the DevTools protocol (page.evaluate of a string), which CSP does not govern.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const LANGUAGES = ["zh-CN", "en"] as const;
/** Impacts that fail the test; "moderate" and "minor" are reported by axe but tolerated. */
const BLOCKING = new Set(["serious", "critical"]);
/** axe takes seconds on the long pages (the org tree) on a shared two-core machine. */
const AUDIT_TIMEOUT = 240_000;

/** Public pages without parameters; the honor roll, notices and statistics have a test of their own. */
const PUBLIC_PAGES = ["/", "/login", "/orgs", "/orgs/1", "/no/such/page"];

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ baseURL: server.url });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe's serious and critical violations on the page now shown, one line each. */
async function auditPage(page: Page): Promise<string[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(AXE_SOURCE);
  // resultTypes: only violations keep every node; passes keep one each (halves the time on long tables).
  const result = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => ({ violations: r.violations, passes: r.passes.length }))",
  )) as { violations: Violation[]; passes: number };
  // A run that checked nothing would pass vacuously.
  expect(result.passes, page.url()).toBeGreaterThan(10);
  const { violations } = result;
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}

/** The first link matching `selector` on the page shown, as a path. */
async function firstHref(page: Page, selector: string): Promise<string> {
  const href = await page.locator(selector).first().getAttribute("href");
  expect(href, `${page.url()}: no ${selector}`).toBeTruthy();
  return href!;
}

/** Audits each path in each language; the violations found, labelled by page and language. */
export async function auditPaths(page: Page, paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const lang of LANGUAGES) {
    await browser.context.addCookies([{ name: "laurel_lang", value: lang, url: server.url }]);
    for (const path of paths) {
      await page.goto(path);
      for (const v of await auditPage(page)) found.push(`${path} [${lang}] ${v}`);
    }
  }
  return found;
}

describe("accessibility (axe-core: no serious or critical violations)", () => {
  it(
    "public pages, in Chinese and English",
    async () => {
      const page = await browser.newPage();
      expect(await auditPaths(page, PUBLIC_PAGES)).toEqual([]);
      await page.close();
    },
    AUDIT_TIMEOUT,
  );

  it(
    "the honor roll, a roll and an honoree, the notices and a notice, the statistics",
    async () => {
      await browser.context.clearCookies();
      const page = await browser.newPage();
      await page.goto("/honors");
      const roll = await firstHref(page, 'main a[href^="/honors/"]:not([href^="/honors/people"])');
      await page.goto(roll);
      const honoree = await firstHref(page, 'main a[href^="/honors/people/"]');
      await page.goto("/notices");
      const notice = await firstHref(page, 'main a[href^="/notices/"]');
      // The demo notice has an objection with a contact: the public page never shows it.
      await page.goto(notice);
      expect(await page.content()).not.toContain("13800000000");
      expect(await auditPaths(page, ["/honors", roll, honoree, "/notices", notice, "/stats"])).toEqual([]);
      await page.close();
    },
    AUDIT_TIMEOUT,
  );

  it(
    "the judge's desk and a dossier, as a demo judge",
    async () => {
      await browser.context.clearCookies();
      const page = await browser.newPage();
      await login(page, "judge1");
      await page.goto("/judging");
      const dossier = await firstHref(page, 'main a[href^="/judging/"]');
      expect(await auditPaths(page, ["/judging", dossier])).toEqual([]);
      await page.close();
    },
    AUDIT_TIMEOUT,
  );

  it(
    "a competition, the nomination form, its list and the dossier, as the nominator",
    async () => {
      await browser.context.clearCookies();
      const page = await browser.newPage();
      await login(page, "nominator");
      await page.goto("/competitions");
      const href = await page
        .locator('main a[href^="/competitions/"]', { hasText: "2018年度全省工会脱贫攻坚竞赛" })
        .first()
        .getAttribute("href");
      const competition = href!.replace(/\/$/, "");
      await page.goto(`${competition}/nominations`);
      const dossier = await page.locator('main a[href^="/nominations/"]').first().getAttribute("href");
      expect(
        await auditPaths(page, [
          "/competitions",
          competition,
          `${competition}/nominations/new`,
          `${competition}/nominations`,
          dossier!,
          "/account/password",
        ]),
      ).toEqual([]);
      await page.close();
    },
    AUDIT_TIMEOUT,
  );

  it(
    "the states added for what axe cannot see: a refused form's error summary and the confirmations",
    async () => {
      await browser.context.clearCookies();
      const page = await browser.newPage();
      await page.goto("/notices");
      const notice = await firstHref(page, 'main a[href^="/notices/"]');
      const found = await auditPaths(page, [`${notice}?filed=1`]);
      await login(page, "nominator");
      await page.goto("/competitions");
      const href = await page
        .locator('main a[href^="/competitions/"]', { hasText: "2018年度全省工会脱贫攻坚竞赛" })
        .first()
        .getAttribute("href");
      const competition = href!.replace(/\/$/, "");
      await page.goto(`${competition}/nominations`);
      const own = await firstHref(page, 'main a[href^="/nominations/"]');
      found.push(...(await auditPaths(page, [`${own}?done=submitted`])));
      await page.goto(`${competition}/nominations/new`);
      const form = await firstHref(page, 'main a[href*="category="]');
      for (const lang of LANGUAGES) {
        await browser.context.addCookies([{ name: "laurel_lang", value: lang, url: server.url }]);
        await page.goto(form.startsWith("?") ? `${competition}/nominations/new${form}` : form);
        await page.waitForLoadState("networkidle");
        await page
          .locator("main form")
          .last()
          .evaluate((f) => ((f as HTMLFormElement).noValidate = true));
        await page.locator('main button[value="submit"]').click();
        await expect.poll(() => page.locator("main .error-summary").count()).toBe(1);
        for (const v of await auditPage(page)) found.push(`refused nomination [${lang}] ${v}`);
      }
      expect(found).toEqual([]);
      await page.close();
    },
    AUDIT_TIMEOUT,
  );
});

describe("security headers on every page", () => {
  it("sends a nonce CSP with frame-ancestors 'none', Referrer-Policy and nosniff, on pages and errors alike", async () => {
    for (const path of ["/", "/login", "/no/such/page", "/orgs/abc"]) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=_-]+'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });
});
