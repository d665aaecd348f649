import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { registryScope } from "~/domain/registry/registry-scope";
import { coverageOf } from "~/models/registry-coverage.server";
import { acceptSuggestions, runMatching } from "~/models/matching.server";
import { importRegistrySheet, type RegistrySheet } from "~/models/registry-import.server";
import type { Actor } from "~/models/audit.server";
import * as dashboard from "~/routes/registry._index";
import * as countiesPage from "~/routes/registry.counties._index";
import * as countyPage from "~/routes/registry.counties.$countyId";
import * as helperPage from "~/routes/registry.helpers.$helperId";
import * as matchPage from "~/routes/registry.match";

const ACTOR: Actor = { userId: null, label: "cli", ip: null };
const KEY = crypto.randomBytes(32);
const ALL = { ...registryScope([]), all: true };

const csv = (lines: string[]) => lines.map((l) => l.split(","));
const COUNTIES = csv([
  "代码,名称,市,贫困类别,摘帽年份,帮扶需求",
  "610124,周至县,甲市,贫困县,2018,猕猴桃;电商",
  "610125,鄠邑区,甲市,深度贫困县,2019,苹果",
  "610327,陇县,乙市,poverty,,核桃；奶山羊",
]);
const HELPERS = csv([
  "id,kind,name,city,skills,capacity,level,title,year,ownership,workplace,contact",
  "U1,unit,甲市电力公司,甲市,苹果,2,,,,local_soe,,",
  "U2,劳模单位,甲市建工集团,甲市,电商,2,,,,央企,,",
  "U3,unit,乙市农发公司,乙市,苹果,1,,,,private,,",
  "W1,worker,张建国,乙市,核桃,1,provincial,劳动模范,2015,,乙市某厂,13812345678",
  "W2,劳模,李秀英,甲市,猕猴桃,2,全国,全国劳动模范,2010,,,",
]);
const PAIRINGS = csv(["helper_id,county_code,tier,started_on", "U1,610125,省,2018-05-01"]);

let t: TestDatabase;
let tree: Awaited<ReturnType<typeof makeTree>>;
const load = (sheet: RegistrySheet, rows: string[][], allOrNothing = false) =>
  importRegistrySheet(t.db, ACTOR, sheet, rows, { scope: ALL, dataKey: KEY, allOrNothing });

beforeAll(async () => {
  t = await createTestDatabase();
  tree = await makeTree(t.db);
});
afterAll(async () => t.destroy());

describe("registry: import → coverage → match → accept", () => {
  it("imports the three sheets in either language", async () => {
    expect(await load("counties", COUNTIES)).toEqual({ imported: 3, refused: 0, issues: [] });
    expect(await load("helpers", HELPERS)).toEqual({ imported: 5, refused: 0, issues: [] });
    expect(await load("pairings", PAIRINGS)).toEqual({ imported: 1, refused: 0, issues: [] });
    const w1 = await t.db
      .selectFrom("helpers")
      .select(["contact_enc", "contact_masked", "kind", "level"])
      .where("ref", "=", "W1")
      .executeTakeFirstOrThrow();
    expect(w1.contact_masked).toBe("138****5678");
    expect(w1.contact_enc).not.toContain("1381234");
    const county = await t.db
      .selectFrom("counties")
      .select("needs")
      .where("code", "=", "610327")
      .executeTakeFirstOrThrow();
    expect(county.needs).toBe("核桃;奶山羊");
  });

  it("evaluates coverage, matches at proven least cost, and accepting closes every gap", async () => {
    const before = await coverageOf(t.db, ALL);
    expect(before.counties.map((c) => [c.county_code, c.covered, c.short, c.closer_kind])).toEqual([
      ["610124", false, 1, null],
      ["610125", false, 2, "unit"],
      ["610327", false, 1, null],
    ]);
    const run = await runMatching(t.db);
    expect(run.result.optimal).toBe(true);
    expect(run.result.uncovered).toEqual([]);
    // 610124 ← W2 (same city, kiwi) 0; 610125 ← U2 (same city, no shared skill: 4) and U3 (other city, apple: 3); 610327 ← W1 0.
    expect(run.result.suggestions.map((s) => [s.helper_id, s.county_code, s.cost])).toEqual([
      ["W2", "610124", 0],
      ["U2", "610125", 4],
      ["U3", "610125", 3],
      ["W1", "610327", 0],
    ]);
    expect(run.result.cost).toBe(7);
    await t.db
      .transaction()
      .execute((trx) => acceptSuggestions(trx, ACTOR, run.result.suggestions, "province"));
    const after = await coverageOf(t.db, ALL);
    expect(after.counties.every((c) => c.covered)).toBe(true);
    const again = await runMatching(t.db);
    expect(again.result).toMatchObject({ cost: 0, suggestions: [], uncovered: [] });
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "pairing.create")
      .execute();
    expect(audit).toHaveLength(5);
  });
});

describe("registry imports: row reports", () => {
  it("refuses bad rows with their column and writes nothing of them", async () => {
    const rows = csv([
      "code,name,city,poverty_level,exited_year,needs,colour",
      "61012,坏代码县,甲市,poverty,,",
      "610126,好县,甲市,deep,1800,",
      "610127,另一好县,甲市,非贫困县,,",
      "610127,重复县,甲市,poverty,,",
      "610128,无类别县,甲市,赤贫,,",
    ]);
    const report = await load("counties", rows);
    expect(report.imported).toBe(1);
    expect(report.refused).toBe(4);
    expect(report.issues.map((i) => [i.row, i.column, i.messageKey])).toEqual([
      [1, "colour", "import.unknownColumn"],
      [2, "code", "form.regionCode"],
      [3, "exited_year", "registry.row.year"],
      [5, "code", "registry.row.repeated"],
      [6, "poverty_level", "form.invalidChoice"],
    ]);
    expect(
      await t.db.selectFrom("counties").select("code").where("code", "in", ["610126", "610128"]).execute(),
    ).toEqual([]);
  });

  it("with all-or-nothing imports nothing when a row is refused", async () => {
    const rows = csv([
      "helper_id,county_code,tier,started_on",
      "U3,610327,city,",
      "NOPE,610327,city,",
      "W1,610124,县,2018-13-01",
    ]);
    const report = await load("pairings", rows, true);
    expect(report.imported).toBe(0);
    expect(report.issues.map((i) => [i.row, i.column, i.messageKey])).toEqual([
      [2, "helper_id", "registry.pairing.full"],
      [3, "helper_id", "registry.row.helperUnknown"],
      [4, "started_on", "form.date"],
    ]);
    expect(
      await t.db
        .selectFrom("pairings")
        .innerJoin("helpers", "helpers.id", "pairings.helper_id")
        .select("helpers.ref")
        .where("helpers.ref", "=", "NOPE")
        .execute(),
    ).toEqual([]);
  });

  it("refuses to lower a helper's capacity below its pairings", async () => {
    expect(
      await load("pairings", csv(["helper_id,county_code,tier,started_on", "U2,610124,市,"])),
    ).toMatchObject({ imported: 1, refused: 0 });
    const report = await load(
      "helpers",
      csv([
        "id,kind,name,city,skills,capacity,level,title,year",
        "W2,worker,李秀英,甲市,猕猴桃,0,,,",
        "U2,unit,甲市建工集团,甲市,电商,1,,,",
      ]),
    );
    expect(report.issues.map((i) => [i.row, i.column, i.messageKey])).toEqual([
      [2, "capacity", "registry.row.capacity"],
      [3, "capacity", "registry.helper.capacityBelow"],
    ]);
  });

  it("reports a missing column and imports nothing", async () => {
    const report = await load("helpers", csv(["id,kind,name", "X1,unit,某单位"]));
    expect(report.imported).toBe(0);
    expect(report.issues.some((i) => i.messageKey === "import.missingColumn")).toBe(true);
  });
});

describe("registry pages: admin scoping", () => {
  it("shows a city admin its own counties only, and keeps matching for the province", async () => {
    const web = routeHarness(t.db);
    const cityAdmin = await makeUser(t.db, tree.cityA, ["admin"]);
    const provinceAdmin = await makeUser(t.db, tree.province, ["admin"]);
    const nominator = await makeUser(t.db, tree.cityA, ["nominator"]);
    const list = await web.get(countiesPage.loader, "/registry/counties", { userId: cityAdmin.id });
    expect(list.data.counties.map((c: { county_code: string }) => c.county_code)).toEqual([
      "610124",
      "610125",
      "610127",
    ]);
    const lupanshan = await t.db
      .selectFrom("counties")
      .select("id")
      .where("code", "=", "610327")
      .executeTakeFirstOrThrow();
    expect(
      (
        await web.get(countyPage.loader, "/x", {
          userId: cityAdmin.id,
          params: { countyId: String(lupanshan.id) },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await web.get(countyPage.loader, "/x", {
          userId: provinceAdmin.id,
          params: { countyId: String(lupanshan.id) },
        })
      ).status,
    ).toBe(200);
    expect((await web.get(dashboard.loader, "/registry", { userId: nominator.id })).status).toBe(403);
    expect((await web.get(matchPage.loader, "/registry/match", { userId: cityAdmin.id })).status).toBe(403);
    expect(
      (await web.post(matchPage.action, "/registry/match", { intent: "run" }, { userId: cityAdmin.id }))
        .status,
    ).toBe(403);
    // The province's helpers (no org) are not the city admin's.
    const w1 = await t.db
      .selectFrom("helpers")
      .select("id")
      .where("ref", "=", "W1")
      .executeTakeFirstOrThrow();
    expect(
      (await web.get(helperPage.loader, "/x", { userId: cityAdmin.id, params: { helperId: String(w1.id) } }))
        .status,
    ).toBe(404);
  });

  it("reveals a helper's whole contact to an admin who asks, and audits it", async () => {
    const web = routeHarness(t.db);
    const admin = await makeUser(t.db, tree.province, ["admin"]);
    await t.db
      .updateTable("helpers")
      .set({ contact_enc: null, contact_masked: null })
      .where("ref", "=", "W2")
      .execute();
    const w1 = await t.db
      .selectFrom("helpers")
      .select("id")
      .where("ref", "=", "W1")
      .executeTakeFirstOrThrow();
    // Re-import W1 so its contact is encrypted with the harness's key.
    await importRegistrySheet(t.db, ACTOR, "helpers", [HELPERS[0], HELPERS[4]], {
      scope: ALL,
      dataKey: web.context.secrets.dataKey,
    });
    const page = await web.get(helperPage.loader, "/x", {
      userId: admin.id,
      params: { helperId: String(w1.id) },
    });
    expect(JSON.stringify(page.data)).not.toContain("13812345678");
    const shown = await web.post(
      helperPage.action,
      "/x",
      { intent: "reveal" },
      { userId: admin.id, params: { helperId: String(w1.id) } },
    );
    expect(shown.data).toEqual({ revealed: "13812345678" });
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "helper.contact.reveal")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("runs the matcher and accepts some suggestions through the match page", async () => {
    const web = routeHarness(t.db);
    const admin = await makeUser(t.db, tree.province, ["admin"]);
    await load(
      "counties",
      csv([
        "code,name,city,poverty_level,exited_year,needs",
        "610128,新县,乙市,poverty,,核桃",
        "610129,又一县,乙市,poverty,,",
      ]),
    );
    expect(
      await load(
        "helpers",
        csv(["id,kind,name,city,skills,capacity,level,title,year", "W9,worker,王磊,乙市,核桃,3,city,,"]),
      ),
    ).toEqual({ imported: 1, refused: 0, issues: [] });
    const run = await web.post(matchPage.action, "/registry/match", { intent: "run" }, { userId: admin.id });
    expect(
      run.data.run.result.suggestions.map(
        (s: { helper_id: string; county_code: string }) => `${s.helper_id}|${s.county_code}`,
      ),
    ).toEqual(["W9|610128", "W9|610129"]);
    const bad = await web.post(
      matchPage.action,
      "/registry/match",
      { intent: "accept", tier: "city" },
      { userId: admin.id },
    );
    expect(bad.status).toBe(400);
    const ok = await web.post(
      matchPage.action,
      "/registry/match",
      { intent: "accept", tier: "city", pick: ["W9|610128"] },
      { userId: admin.id },
    );
    expect(ok.data).toEqual({ kind: "accepted", accepted: 1 });
    const stale = await web.post(
      matchPage.action,
      "/registry/match",
      { intent: "accept", tier: "city", pick: ["W9|610128"] },
      { userId: admin.id },
    );
    expect(stale.status).toBe(409);
    const left = await coverageOf(t.db, ALL);
    expect(left.counties.filter((c) => !c.covered).map((c) => c.county_code)).toEqual(["610129"]);
  });
});
