import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import * as list from "~/routes/competitions._index";
import * as newCompetition from "~/routes/competitions.new";
import * as page from "~/routes/competitions.$competitionId._index";
import * as edit from "~/routes/competitions.$competitionId.edit";
import * as categoryEditor from "~/routes/competitions.$competitionId.categories.$categoryId";
import * as importPage from "~/routes/competitions.import";
import * as exportRoute from "~/routes/competitions.$competitionId.export";
import { exportCompetition } from "~/models/competition.server";

let t: TestDatabase;
let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: { id: number };
let cityAdmin: { id: number };
let nominator: { id: number };
let h: ReturnType<typeof routeHarness>;

beforeAll(async () => {
  t = await createTestDatabase();
  tree = await makeTree(t.db);
  admin = await makeUser(t.db, tree.province, ["admin"]);
  cityAdmin = await makeUser(t.db, tree.cityA, ["admin"]);
  nominator = await makeUser(t.db, tree.cityB, ["nominator"]);
  h = routeHarness(t.db);
});
afterAll(() => t.destroy());

const basics = {
  title: "2018年度全省工会脱贫攻坚竞赛",
  year: "2018",
  description: "",
  noticeDays: "5",
  noticeUnit: "working",
  nominating_start: "2018-09-01",
  nominating_end: "2018-09-30",
};

async function newDraft(form: Record<string, string> = {}) {
  const res = await h.post(
    newCompetition.action,
    "/competitions/new",
    { orgId: String(tree.province.id), ...basics, ...form },
    { userId: admin.id },
  );
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  return Number(res.headers.get("location")!.split("/").pop());
}

const category = (over: Record<string, string> = {}) => ({
  rows: "4",
  name: "先进个人",
  kind: "individual",
  quota: "2",
  aggregation: "trimmed",
  judgesPer: "",
  criterion_title_0: "事迹突出",
  criterion_max_0: "60",
  criterion_title_1: "示范带动",
  criterion_max_1: "40",
  rule_label_0: "一线职工不少于50%",
  rule_attribute_0: "occupation_group",
  rule_values_0: "frontline",
  rule_op_0: "at_least",
  rule_share_0: "0.5",
  [`alloc_${tree.cityA.id}`]: "3",
  [`alloc_${tree.cityB.id}`]: "2",
  ...over,
});

describe("competition setup", () => {
  it("creates a draft with its stage plan, audited, and refuses bad basics", async () => {
    const id = await newDraft();
    const shown = await h.get(page.loader, `/competitions/${id}`, {
      userId: admin.id,
      params: { competitionId: String(id) },
    });
    expect(shown.data.competition).toMatchObject({
      title: basics.title,
      year: 2018,
      stage: "draft",
      notice_days: 5,
      notice_unit: "working",
    });
    expect(shown.data.stages.find((s: { stage: string }) => s.stage === "nominating")).toMatchObject({
      starts_on: "2018-09-01",
      ends_on: "2018-09-30",
    });
    const bad: [Record<string, string>, string, string][] = [
      [{ title: "" }, "title", "form.required"],
      [{ year: "abc" }, "year", "form.invalid"],
      [{ noticeDays: "0" }, "noticeDays", "notice.days"],
      [{ noticeUnit: "weeks" }, "noticeUnit", "notice.unit"],
      [{ nominating_end: "2018-08-01" }, "nominating_end", "competition.stageDates"],
      [{ nominating_end: "" }, "nominating_end", "form.required"],
      [{ judging_start: "2018-02-30", judging_end: "2018-03-01" }, "judging_start", "form.date"],
      [{ orgId: String(tree.cityB.id) }, "orgId", "error.orgOutsideScope"],
    ];
    for (const [form, field, key] of bad) {
      const res = await h.post(
        newCompetition.action,
        "/competitions/new",
        { orgId: String(tree.province.id), ...basics, ...form },
        { userId: form.orgId ? cityAdmin.id : admin.id },
      );
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(res.data.errors[field]?.key, JSON.stringify(form)).toBe(key);
    }
  });

  it("saves a category with rubric, rules and allocations, and reports bad rows by row", async () => {
    const id = await newDraft();
    const params = { competitionId: String(id), categoryId: "new" };
    const bad: [Record<string, string>, string, string][] = [
      [{ quota: "0" }, "quota", "competition.quota"],
      [{ kind: "team" }, "kind", "form.invalidChoice"],
      [{ criterion_max_1: "12.3" }, "criterion_max_1", "competition.maxPoints"],
      [{ criterion_title_1: "", criterion_max_1: "40" }, "criterion_title_1", "form.required"],
      [{ rule_share_0: "1.5" }, "rule_share_0", "competition.share"],
      [{ rule_share_0: "0.2.2" }, "rule_share_0", "competition.share"],
      [{ rule_attribute_0: "height" }, "rule_attribute_0", "form.invalidChoice"],
      [{ [`alloc_${tree.cityA.id}`]: "-1" }, `alloc_${tree.cityA.id}`, "form.invalid"],
    ];
    for (const [form, field, key] of bad) {
      const res = await h.post(categoryEditor.action, "/c", category(form), { userId: admin.id, params });
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(res.data.errors[field]?.key, JSON.stringify(form)).toBe(key);
    }
    expect(
      await t.db.selectFrom("categories").select("id").where("competition_id", "=", id).execute(),
    ).toEqual([]);
    expect((await h.post(categoryEditor.action, "/c", category(), { userId: admin.id, params })).status).toBe(
      302,
    );
    const template = await exportCompetition(t.db, id);
    expect(template!.categories).toEqual([
      {
        name: "先进个人",
        kind: "individual",
        quota: 2,
        aggregation: "trimmed",
        judges_per_nomination: null,
        blind: false,
        honor_level: null,
        honor_title: null,
        criteria: [
          { title: "事迹突出", max_points: 60, description: "" },
          { title: "示范带动", max_points: 40, description: "" },
        ],
        rules: [
          {
            label: "一线职工不少于50%",
            attribute: "occupation_group",
            values: ["frontline"],
            op: "at_least",
            share: "0.5",
          },
        ],
        allocations: [
          { org: "甲市总工会", nominations: 3 },
          { org: "乙市总工会", nominations: 2 },
        ],
      },
    ]);
    const dup = await h.post(categoryEditor.action, "/c", category(), { userId: admin.id, params });
    expect(dup.data.errors.name.key).toBe("competition.duplicateCategory");
  });

  it("advances only when the preconditions hold, saying why not", async () => {
    const id = await newDraft();
    const params = { competitionId: String(id) };
    const refused = await h.post(
      page.action,
      "/c",
      { intent: "advance", stage: "draft" },
      { userId: admin.id, params },
    );
    expect(refused.status).toBe(409);
    expect(Object.values(refused.data.errors)).toEqual([{ key: "stage.refuse.noCategories" }]);
    await h.post(
      categoryEditor.action,
      "/c",
      category({ criterion_title_0: "", criterion_max_0: "", criterion_title_1: "", criterion_max_1: "" }),
      { userId: admin.id, params: { ...params, categoryId: "new" } },
    );
    const noCriteria = await h.post(
      page.action,
      "/c",
      { intent: "advance", stage: "draft" },
      { userId: admin.id, params },
    );
    expect(Object.values(noCriteria.data.errors)).toEqual([
      { key: "stage.refuse.noCriteria", params: { category: "先进个人" } },
    ]);
    const catId = (
      await t.db
        .selectFrom("categories")
        .select("id")
        .where("competition_id", "=", id)
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (
        await h.post(categoryEditor.action, "/c", category(), {
          userId: admin.id,
          params: { ...params, categoryId: String(catId) },
        })
      ).status,
    ).toBe(302);
    const ok = await h.post(
      page.action,
      "/c",
      { intent: "advance", stage: "draft" },
      { userId: admin.id, params },
    );
    expect(ok.data).toMatchObject({ ok: true, advanced: "nominating" });
    const noNominations = await h.post(
      page.action,
      "/c",
      { intent: "advance", stage: "nominating" },
      { userId: admin.id, params },
    );
    expect(Object.values(noNominations.data.errors)).toEqual([{ key: "stage.refuse.noNominations" }]);
    const locked = await h.get(categoryEditor.loader, "/c", {
      userId: admin.id,
      params: { ...params, categoryId: String(catId) },
    });
    expect(locked.status).toBe(409);
    const basicsLocked = await h.post(
      edit.action,
      "/e",
      { ...basics, title: "改名", description: "新说明" },
      { userId: admin.id, params },
    );
    expect(basicsLocked.status).toBe(302);
    const after = await t.db
      .selectFrom("competitions")
      .select(["title", "description"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ title: basics.title, description: "新说明" });
  });

  it("copies a competition for next year and round-trips its template through import", async () => {
    const id = await newDraft({ title: "2030年度测试竞赛", year: "2030" });
    await h.post(categoryEditor.action, "/c", category(), {
      userId: admin.id,
      params: { competitionId: String(id), categoryId: "new" },
    });
    const copy = await h.post(
      page.action,
      "/c",
      { intent: "copy" },
      { userId: admin.id, params: { competitionId: String(id) } },
    );
    const copyId = Number(copy.headers.get("location")!.split("/").pop());
    const copied = await exportCompetition(t.db, copyId);
    const original = await exportCompetition(t.db, id);
    expect(copied).toEqual({ ...original, title: "2031年度测试竞赛", year: 2031, stages: {} });
    const file = await h.get(exportRoute.loader, "/x", {
      userId: admin.id,
      params: { competitionId: String(id) },
    });
    expect(file.headers.get("content-disposition")).toContain("attachment");
    const imported = await h.post(
      importPage.action,
      "/competitions/import",
      { template: JSON.stringify(file.data) },
      { userId: admin.id },
    );
    expect(imported.status).toBe(302);
    const importedId = Number(imported.headers.get("location")!.split("/").pop());
    expect(await exportCompetition(t.db, importedId)).toEqual(original);
    const badJson = await h.post(
      importPage.action,
      "/competitions/import",
      { template: "{not json" },
      { userId: admin.id },
    );
    expect(badJson.data.errors.template.key).toBe("competitions.templateJson");
    const badShape = await h.post(
      importPage.action,
      "/competitions/import",
      { template: JSON.stringify({ ...original, year: "x" }) },
      { userId: admin.id },
    );
    expect(badShape.data.errors.template.key).toBe("competitions.templateInvalid");
    const outside = await h.post(
      importPage.action,
      "/competitions/import",
      { template: JSON.stringify(original) },
      { userId: cityAdmin.id },
    );
    expect(outside.data.errors.template.key).toBe("error.orgOutsideScope");
  });

  it("keeps competitions to those entitled", async () => {
    const id = await newDraft();
    const params = { competitionId: String(id) };
    expect((await h.get(page.loader, "/c", { userId: nominator.id, params })).status).toBe(200);
    expect(
      (
        await h.post(
          page.action,
          "/c",
          { intent: "advance", stage: "nominating" },
          { userId: nominator.id, params },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await h.post(
          page.action,
          "/c",
          { intent: "advance", stage: "nominating" },
          { userId: cityAdmin.id, params },
        )
      ).status,
    ).toBe(403);
    expect((await h.get(edit.loader, "/c", { userId: cityAdmin.id, params })).status).toBe(403);
    expect((await h.get(exportRoute.loader, "/c", { userId: nominator.id, params })).status).toBe(403);
    expect((await h.get(page.loader, "/c", { params })).status).toBe(302);
    expect(
      (await h.get(page.loader, "/c", { userId: admin.id, params: { competitionId: "x1" } })).status,
    ).toBe(404);
    const outsider = await makeUser(
      t.db,
      await t.db
        .insertInto("orgs")
        .values({
          name: "外省总工会",
          kind: "provincial",
          region_code: null,
          parent_id: null,
          path: "/999999/",
          created_at: "2020-01-01T00:00:00Z",
        })
        .returning(["id", "name", "kind", "region_code", "parent_id", "path"])
        .executeTakeFirstOrThrow(),
      ["admin"],
    );
    expect((await h.get(page.loader, "/c", { userId: outsider.id, params })).status).toBe(403);
    const listed = await h.get(list.loader, "/competitions", { userId: outsider.id });
    expect(listed.data.competitions).toEqual([]);
  });
});
