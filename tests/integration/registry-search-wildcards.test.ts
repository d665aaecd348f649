import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOrg } from "../support/factories";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { listCounties, registryAuditPath, saveCounty } from "~/models/county.server";
import { listHelpers, saveHelper } from "~/models/helper.server";
import type { RegistryScope } from "~/domain/registry/registry-scope";

// Issue #14: `%` and `_` typed into the registry search are characters, not wildcards (SQLite and PostgreSQL).
let t: TestDatabase;
const everything: RegistryScope = { all: true, countyPrefixes: [], cityNames: [], orgPaths: [] };

beforeAll(async () => {
  t = await createTestDatabase();
  const audit = await registryAuditPath(t.db);
  const county = (code: string, name: string) => ({
    code,
    name,
    city: "甲市",
    poverty_level: "deep" as const,
    exited_year: null,
    needs: "",
  });
  await t.db
    .transaction()
    .execute((trx) => saveCounty(trx, SYSTEM_ACTOR, county("610101", "百分%县"), audit));
  await t.db
    .transaction()
    .execute((trx) => saveCounty(trx, SYSTEM_ACTOR, county("610102", "下划_县"), audit));
  await t.db.transaction().execute((trx) => saveCounty(trx, SYSTEM_ACTOR, county("610103", "普通县"), audit));
  const org = await makeOrg(t.db);
  const helper = (id: string, name: string, skills: string) => ({
    id,
    kind: "unit" as const,
    name,
    city: "甲市",
    skills,
    capacity: 5,
    level: null,
    title: null,
    year: null,
    ownership: null,
    workplace: null,
    contact: "13800000000",
  });
  const key = crypto.randomBytes(32);
  await t.db
    .transaction()
    .execute((trx) => saveHelper(trx, SYSTEM_ACTOR, key, helper("H-1", "百分%公司", "种植"), org.id, audit));
  await t.db
    .transaction()
    .execute((trx) =>
      saveHelper(trx, SYSTEM_ACTOR, key, helper("H-2", "下划_公司", "养殖\\技术"), org.id, audit),
    );
  await t.db
    .transaction()
    .execute((trx) => saveHelper(trx, SYSTEM_ACTOR, key, helper("H-3", "普通公司", "电商"), org.id, audit));
});

afterAll(async () => {
  await t?.destroy();
});

const countyNames = async (q: string) => (await listCounties(t.db, everything, { q })).map((c) => c.name);
const helperNames = async (q: string) => (await listHelpers(t.db, everything, { q })).rows.map((h) => h.name);

describe("registry search takes % and _ literally", () => {
  it("counties by name and by code prefix", async () => {
    expect(await countyNames("%")).toEqual(["百分%县"]);
    expect(await countyNames("_")).toEqual(["下划_县"]);
    expect(await countyNames("%县")).toEqual(["百分%县"]);
    expect(await countyNames("6101_")).toEqual([]);
    expect(await countyNames("61010")).toEqual(["百分%县", "下划_县", "普通县"]);
    expect(await countyNames("县")).toEqual(["百分%县", "下划_县", "普通县"]);
  });

  it("helpers by name and skills, a backslash too", async () => {
    expect(await helperNames("%")).toEqual(["百分%公司"]);
    expect(await helperNames("_")).toEqual(["下划_公司"]);
    expect(await helperNames("\\")).toEqual(["下划_公司"]);
    expect(await helperNames("公司")).toEqual(["百分%公司", "下划_公司", "普通公司"]);
  });
});
