import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { routeHarness } from "../support/remix";
import { makeWorld, type World } from "../support/hardening-world";
import { parseCsv } from "~/domain/csv";
import * as exportRoute from "~/routes/honors.$competitionId.export";
import * as openData from "~/routes/honors.data[.]json";

// Issue #14: the public exports of a roll say how long they may be kept (≤ 60 s, so a revocation
// shows within a minute), revalidate by their content's ETag, and neutralize formulas in every
// cell, the footer's title, 文号 and publisher too.
let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let w: World;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  w = await makeWorld(t.db, h.context.secrets.dataKey);
  const id = w.published.id;
  await t.db
    .updateTable("competitions")
    .set({ title: '=HYPERLINK("http://evil","点我")' })
    .where("id", "=", id)
    .execute();
  await t.db
    .updateTable("publications")
    .set({ doc_number: "+1+1" })
    .where("competition_id", "=", id)
    .execute();
  const pub = await t.db
    .selectFrom("publications")
    .select("publishing_org_id")
    .where("competition_id", "=", id)
    .executeTakeFirstOrThrow();
  await t.db.updateTable("orgs").set({ name: "@SUM(A1)" }).where("id", "=", pub.publishing_org_id).execute();
});

afterAll(async () => {
  await t?.destroy();
});

async function exported(format: string, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`http://laurel.test/honors/${w.published.id}/export?format=${format}`, {
    headers,
  });
  return (await exportRoute.loader({
    request,
    params: { competitionId: String(w.published.id) },
    context: h.context,
  })) as Response;
}

const maxAge = (res: Response) =>
  Number(/max-age=(\d+)/.exec(res.headers.get("cache-control") ?? "")?.[1] ?? NaN);

describe("public roll exports", () => {
  it("give each honoree's region by name, not by its code (issue #16)", async () => {
    const rows = parseCsv(await (await exported("csv")).text());
    const column = rows[0].indexOf("地区");
    const regions = rows
      .slice(1)
      .filter((r) => r.length === rows[0].length)
      .map((r) => r[column]);
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) expect(region).toMatch(/^世界[甲乙]市/);
    const json = (await (await exported("json")).json()) as {
      categories: { entries: { region: string; region_code: string }[] }[];
    };
    const entries = json.categories.flatMap((c) => c.entries);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.region).toMatch(/^世界[甲乙]市/);
      expect(e.region_code).toMatch(/^\d{6}$/);
    }
  });

  it("neutralize the CSV footer's title, 文号 and publisher like every other cell", async () => {
    const res = await exported("csv");
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    const footer = Object.fromEntries(rows.filter((r) => r.length === 2).map((r) => [r[0], r[1]]));
    expect(footer["表彰"]).toBe('\'=HYPERLINK("http://evil","点我")');
    expect(footer["文号"]).toBe("'+1+1");
    expect(footer["发文单位"]).toBe("'@SUM(A1)");
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  for (const format of ["csv", "xlsx", "json"]) {
    it(`${format}: kept at most 60 s, then revalidated by a content ETag (304), the same on every render`, async () => {
      const first = await exported(format);
      expect(first.status).toBe(200);
      expect(maxAge(first)).toBeLessThanOrEqual(60);
      expect(first.headers.get("cache-control")).toContain("public");
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^W\/".+"$/);
      // XLSX bytes carry the time of writing; the tag does not.
      await new Promise((r) => setTimeout(r, format === "xlsx" ? 1100 : 0));
      expect((await exported(format)).headers.get("etag")).toBe(etag);
      const again = await exported(format, { "if-none-match": etag });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(maxAge(again)).toBeLessThanOrEqual(60);
    });
  }

  it("change their ETag when an entry is revoked", async () => {
    const before = (await exported("csv")).headers.get("etag")!;
    await t.db.updateTable("honorees").set({ revoked: 1 }).where("id", "=", w.published.honoreeId).execute();
    const after = await exported("csv", { "if-none-match": before });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before);
  });

  it("the open-data index too", async () => {
    const first = (await openData.loader({
      request: new Request("http://laurel.test/honors/data.json"),
      params: {},
      context: h.context,
    })) as Response;
    expect(maxAge(first)).toBeLessThanOrEqual(60);
    const etag = first.headers.get("etag")!;
    const again = (await openData.loader({
      request: new Request("http://laurel.test/honors/data.json", { headers: { "if-none-match": etag } }),
      params: {},
      context: h.context,
    })) as Response;
    expect(again.status).toBe(304);
  });
});
