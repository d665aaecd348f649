import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import type { makeTree } from "../support/factories";
import { routeHarness } from "../support/remix";
import { runLaurel } from "../support/cli";
import { insertEligible, makeJudgingWorld } from "./judging-fixture";
import * as newCompetition from "~/routes/competitions.new";
import * as categoryEditor from "~/routes/competitions.$competitionId.categories.$categoryId";
import * as importPage from "~/routes/competitions.import";
import * as resultsPage from "~/routes/competitions.$competitionId.categories.$categoryId_.results";

// Issue #16 item 1: a rule value must be one of its attribute's values, in either spelling.
vi.setConfig({ testTimeout: 600_000 });

let t: TestDatabase;
let w: Awaited<ReturnType<typeof makeJudgingWorld>>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: { id: number };
let h: ReturnType<typeof routeHarness>;
const TEMPLATE = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/competition-template.json"), "utf8"),
);

beforeAll(async () => {
  t = await createTestDatabase();
  w = await makeJudgingWorld(t.db);
  tree = w.tree;
  admin = w.admin;
  h = routeHarness(t.db);
});
afterAll(() => t.destroy());

async function newDraft() {
  const res = await h.post(
    newCompetition.action,
    "/competitions/new",
    {
      orgId: String(tree.province.id),
      title: `规则测试${crypto.randomUUID().slice(0, 6)}`,
      year: "2018",
      description: "",
      noticeDays: "5",
      noticeUnit: "working",
    },
    { userId: admin.id },
  );
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  return Number(res.headers.get("location")!.split("/").pop());
}

const categoryForm = (over: Record<string, string | string[]>) => ({
  rows: "4",
  name: "先进个人",
  kind: "individual",
  quota: "2",
  aggregation: "mean",
  judgesPer: "",
  criterion_title_0: "事迹突出",
  criterion_max_0: "100",
  rule_label_0: "非公企业不少于50%",
  rule_attribute_0: "sector",
  rule_op_0: "at_least",
  rule_share_0: "0.5",
  [`alloc_${tree.cityA.id}`]: "3",
  ...over,
});

const storedRules = async (competitionId: number) =>
  (
    await t.db
      .selectFrom("composition_rules")
      .innerJoin("categories", "categories.id", "composition_rules.category_id")
      .select(["composition_rules.values_json"])
      .where("categories.competition_id", "=", competitionId)
      .execute()
  ).map((r) => JSON.parse(r.values_json));

describe("the category form", () => {
  it("offers each closed attribute's values as checkboxes and saves the ticked ones", async () => {
    const id = await newDraft();
    const params = { competitionId: String(id), categoryId: "new" };
    const saved = await h.post(
      categoryEditor.action,
      "/c",
      categoryForm({ rule_choice_0: ["sector:non_public", "sector:rural"] }),
      { userId: admin.id, params },
    );
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);
    expect(await storedRules(id)).toEqual([["non_public", "rural"]]);
  });

  it("refuses a value that is not the attribute's, naming it and the accepted ones, and writes nothing", async () => {
    const id = await newDraft();
    const params = { competitionId: String(id), categoryId: "new" };
    const attempts: Record<string, string | string[]>[] = [
      { rule_values_0: "民营企业" },
      // Ticked under another attribute: sector's "other" must not count as an occupation group's.
      { rule_attribute_0: "occupation_group", rule_choice_0: ["sector:other"] },
    ];
    for (const over of attempts) {
      const refused = await h.post(categoryEditor.action, "/c", categoryForm(over), {
        userId: admin.id,
        params,
      });
      expect(refused.status).toBe(400);
      expect(refused.data.errors.rule_values_0.key).toBe("competition.ruleValueUnknown");
    }
    const refused = await h.post(categoryEditor.action, "/c", categoryForm({ rule_values_0: "民营企业" }), {
      userId: admin.id,
      params,
    });
    expect(refused.data.errors.rule_values_0.params).toEqual({
      value: "民营企业",
      attribute: "单位性质 (sector)",
      accepted:
        "国有企业 (state)、非公企业 (non_public)、机关事业单位 (public_institution)、农村 (rural)、其他 (other)",
    });
    expect(refused.data.values.rule_values_0).toBe("民营企业");
    expect(await storedRules(id)).toEqual([]);
  });

  it("still takes typed values in either spelling, and free text for ethnicity", async () => {
    const id = await newDraft();
    const params = { competitionId: String(id), categoryId: "new" };
    const saved = await h.post(
      categoryEditor.action,
      "/c",
      categoryForm({
        rule_values_0: "非公企业;non-public",
        rule_label_1: "少数民族",
        rule_attribute_1: "ethnicity",
        rule_values_1: "回族；藏族",
        rule_op_1: "at_least",
        rule_share_1: "0.2",
      }),
      { userId: admin.id, params },
    );
    expect(saved.status, JSON.stringify(saved.data)).toBe(302);
    expect(await storedRules(id)).toEqual([
      ["非公企业", "non-public"],
      ["回族", "藏族"],
    ]);
  });
});

const badTemplate = () => {
  const tpl = structuredClone(TEMPLATE);
  tpl.organizer = tree.province.name;
  tpl.categories[0].allocations = [];
  tpl.categories[1].allocations = [];
  tpl.categories[0].rules[0] = { ...tpl.categories[0].rules[0], attribute: "sector", values: ["民营企业"] };
  return tpl;
};

describe("competition import", () => {
  it("the web import refuses an unknown value, naming it and the accepted values", async () => {
    const before = await t.db
      .selectFrom("competitions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const res = await h.post(
      importPage.action,
      "/competitions/import",
      { template: JSON.stringify(badTemplate()) },
      { userId: admin.id },
    );
    expect(res.status).toBe(400);
    expect(res.data.errors.template.key).toBe("competitions.templateInvalid");
    expect(res.data.errors.template.params.detail).toBe(
      "categories.0.rules.0.values.0: 「民营企业」不是「单位性质 (sector)」的取值；可用的取值：" +
        "国有企业 (state)、非公企业 (non_public)、机关事业单位 (public_institution)、农村 (rural)、其他 (other)。",
    );
    const after = await t.db
      .selectFrom("competitions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("the command line refuses it with exit 1 and the same naming", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-rules-"));
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, JSON.stringify(badTemplate()));
    const env = {
      ...t.env,
      LAUREL_LANG: "en",
      LAUREL_DATA_KEY: crypto.randomBytes(32).toString("hex"),
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
    };
    const r = await runLaurel(["competition", "import", file], env);
    fs.rmSync(dir, { recursive: true, force: true });
    expect([r.status, r.stdout, r.stderr]).toEqual([
      1,
      "",
      "The template is not valid: categories.0.rules.0.values.0: “民营企业” is not a value of “单位性质 (sector)”; " +
        "accepted values: 国有企业 (state)、非公企业 (non_public)、机关事业单位 (public_institution)、农村 (rural)、其他 (other).\n",
    ]);
  });
});

describe("a rule stored before values were checked", () => {
  it("is flagged on the results page and its unknown value left out, not reported as 选出 0 名", async () => {
    const cat = w.target;
    await t.db.updateTable("categories").set({ quota: 1 }).where("id", "=", cat.categoryId).execute();
    await t.db
      .insertInto("composition_rules")
      .values({
        category_id: cat.categoryId,
        position: 1,
        label: "非公企业",
        attribute: "sector",
        values_json: '["民营企业"]',
        op: "at_least",
        share: "1",
      })
      .execute();
    const a = await insertEligible(t.db, cat, w.tree.cityA, { name: "王丽" });
    await t.db.updateTable("nominations").set({ sector: "non_public" }).where("id", "=", a.id).execute();
    const { id: member } = await t.db
      .insertInto("panel_members")
      .values({
        category_id: cat.categoryId,
        user_id: null,
        display_name: "纸质评委",
        external: 1,
        added_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("score_sheets")
      .values({
        category_id: cat.categoryId,
        nomination_id: a.id,
        panel_member_id: member,
        status: "submitted",
        points_json: "[90]",
        total: 90,
        comment: "",
        version: 1,
        updated_at: new Date().toISOString(),
        submitted_at: new Date().toISOString(),
      })
      .execute();
    const page = await h.get(resultsPage.loader, "/r", {
      userId: w.admin.id,
      params: { competitionId: String(cat.competitionId), categoryId: String(cat.categoryId) },
    });
    expect(page.status).toBe(200);
    expect(page.data.invalidRules).toEqual([
      {
        label: "非公企业",
        attribute: "单位性质 (sector)",
        unknown: ["民营企业"],
        accepted:
          "国有企业 (state)、非公企业 (non_public)、机关事业单位 (public_institution)、农村 (rural)、其他 (other)",
        applied: false,
      },
    ]);
    expect(page.data.selection.unmet).toEqual([]);
    expect(page.data.selection.selected.map((s: { ref: string }) => s.ref)).toEqual([a.ref]);
  });
});
