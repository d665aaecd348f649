import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { makeOrg, makeUser, TEST_PASSWORD } from "../support/factories";
import { makeExampleContest } from "../support/contest-fixture";
import { startServer, type RunningServer } from "./support/server";
import { duplicateIds, launchBrowser, login, type Browser } from "./support/browser";

// The hand-worked contest of tests/unit/contest-example.test.ts
// (docs/domain.md#contest), alone in the database (the demo is then not loaded: its orgs' names
// would clash), with a nominator of 秦川机床 whose Q2 report is submitted, not verified.
let server: RunningServer;
let browser: Browser;
let dir: string;
let competitionId = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-e2e-contest-"));
  const file = path.join(dir, "laurel.db");
  const dataKey = crypto.randomBytes(32);
  const db = createDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db);
    const organizer = await makeOrg(db, null, { name: "示例省总工会", kind: "provincial" });
    const example = await makeExampleContest(db, organizer);
    competitionId = example.contest.competitionId;
    await makeUser(db, example.orgs[4], ["nominator"], { username: "qinchuan" });
    await db
      .updateTable("contest_reports")
      .set({ status: "submitted" })
      .where("participant_id", "=", example.contest.participant.get(example.orgs[4].id)!)
      .where("period_id", "=", example.contest.period.get("Q2")!)
      .execute();
  } finally {
    await db.destroy();
  }
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

describe("contest standings", () => {
  it("a participant's nominator sees the official and the provisional standing, its gap, and exports", async () => {
    const page = await browser.newPage();
    await login(page, "qinchuan", TEST_PASSWORD);
    await page.goto(`/competitions/${competitionId}/contest/standings`);
    expect(await page.locator("main h1").innerText()).toContain("排行榜");
    const table = page.locator("table.contest-standings");
    expect(await table.locator("caption").innerText()).toBe("省属国企组 · Q2 · 累计");
    // Official: 秦川's Q2 is not verified, so only its Q1 counts (invest 50 of 100 → 15; award 2; villages 5 of its Q2 target 20 → 2.5).
    const ownRow = table.locator("tbody tr.own");
    expect(await ownRow.locator("th").innerText()).toBe("秦川机床");
    expect(await ownRow.locator("td").nth(1).innerText()).toBe("19.5");
    expect(await page.locator("#gap-title").innerText()).toBe("秦川机床距上一名次的差距");

    // The switch to the provisional standing is a plain GET form.
    await page.locator("#s-view").selectOption("provisional");
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get("view") === "provisional"),
      page.locator("main form button[type=submit]").click(),
    ]);
    // The URL can change before the new standing has rendered: wait for the caption.
    await expect.poll(() => table.locator("caption").innerText()).toBe("省属国企组 · Q2 · 累计（预览）");
    expect(await page.locator("main [role=note]").innerText()).toContain("秦川机床");
    // Provisional: its Q2 counts too → 39, rank 4 behind 陕煤 45.6667 (the hand-worked figures).
    expect(await ownRow.locator("td").nth(0).innerText()).toBe("4");
    expect(await ownRow.locator("td").nth(1).innerText()).toBe("39");
    expect(await page.locator("#gap-title + p").innerText()).toBe("距第 3 名还差 6.6667 分");
    const gapRows = page.locator("section.card tbody tr");
    expect(await gapRows.filter({ hasText: "安全事故" }).locator("td").innerText()).toBe(
      "否决项，数值越多越不利",
    );
    expect(await duplicateIds(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("a", { hasText: "导出 CSV" }).click(),
    ]);
    const saved = path.join(dir, "standings.csv");
    await download.saveAs(saved);
    const csv = fs.readFileSync(saved, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("省属国企组 · Q2 · 累计（预览）");
    expect(csv).toContain("4,秦川机床,39,");
    await page.close();
  });
});
