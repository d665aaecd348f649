import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM = process.env.LAUREL_CHROMIUM ?? "/usr/bin/chromium";

export const DEMO_PASSWORD = "laurel-demo-2026";

export interface Browser {
  context: BrowserContext;
  newPage: () => Promise<Page>;
  /** The errors every page of this browser reported since the last call, which forgets them. */
  takeErrors: () => string[];
  /** Closes the browser, then fails if any page reported an error that no test took. */
  close: () => Promise<void>;
}

export interface BrowserOptions {
  baseURL: string;
  /** Accept-Language of the browser; a Chinese-speaking visitor by default. */
  locale?: string;
  javaScriptEnabled?: boolean;
  viewport?: { width: number; height: number };
}

/** Headless Chromium in a fresh profile folder, removed again on close. */
export async function launchBrowser({
  baseURL,
  locale = "zh-CN",
  javaScriptEnabled = true,
  viewport,
}: BrowserOptions): Promise<Browser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    baseURL,
    locale,
    javaScriptEnabled,
    viewport: viewport ?? { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  // Every page is watched from its first moment, so that no test can forget to: a page error
  // or console error anywhere fails the file at the latest when the browser closes.
  const errors: string[] = [];
  for (const page of context.pages()) watchPageErrors(page, errors);
  context.on("page", (page) => watchPageErrors(page, errors));
  const browser: Browser = {
    context,
    newPage: () => context.newPage(),
    takeErrors: () => errors.splice(0),
    close: async () => {
      openBrowsers.delete(browser);
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
      const left = errors.splice(0);
      if (left.length > 0) throw new Error(`The browser reported errors:\n${left.join("\n")}`);
    },
  };
  openBrowsers.add(browser);
  return browser;
}

/** The browsers of this test file that are still open. */
const openBrowsers = new Set<Browser>();

/**
 * The errors every open browser's pages reported since the last call (tests/e2e/support/
 * page-errors.ts asserts them after each test).
 */
export function takeAllPageErrors(): string[] {
  return [...openBrowsers].flatMap((b) => b.takeErrors());
}

/** Signs in through the login form and waits to land on `expectPath` (the home page by default). */
export async function login(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
  expectPath = "/",
): Promise<void> {
  await page.goto("/login");
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === expectPath),
    page.locator('main button[type="submit"]').click(),
  ]);
}

/** Signs out through the header's form (any page). */
export async function logout(page: Page): Promise<void> {
  await page.goto("/");
  await Promise.all([
    page.waitForURL((u) => u.pathname === "/"),
    page.locator('form[action="/logout"] button').click(),
  ]);
  await expect.poll(() => page.locator('header a[href="/login"]').count()).toBe(1);
}

/** The visible text of the error page: the h1 (with its status) and the message under it. */
export async function errorPage(page: Page): Promise<{ title: string; message: string }> {
  const section = page.locator("section.error-page");
  return {
    title: (await section.locator("h1").innerText()).replace(/\s+/g, " ").trim(),
    message: (await section.locator("p").first().innerText()).trim(),
  };
}

/** The ids used by more than one element of the page now shown: a label then focuses the wrong box. */
export function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
}

/**
 * Records what a page reports as wrong itself: uncaught exceptions, and console errors such as
 * hydration mismatches, and ids that each page it loads uses twice. Failed resource loads are left
 * out: tests check those by their status.
 */
export function watchPageErrors(page: Page, into: string[]): void {
  page.on("pageerror", (e) => into.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
      into.push(`console: ${m.text()}`);
  });
  page.on("load", () => {
    // A page navigated away from or closed meanwhile has nothing left to check.
    duplicateIds(page)
      .then((ids) => ids.length && into.push(`duplicate ids on ${page.url()}: ${ids.join(", ")}`))
      .catch(() => {});
  });
}

/** Closes `previous`, forgets every cookie and opens a page watched for errors: a test starts signed out. */
export async function openFreshPage(
  browser: Browser,
  previous: Page | undefined,
  errors: string[],
): Promise<Page> {
  await previous?.close();
  await browser.context.clearCookies();
  const page = await browser.newPage();
  watchPageErrors(page, errors);
  return page;
}
