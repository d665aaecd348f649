import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stage } from "../../app/domain/competitions/vocabulary";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeOrg, makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { makeId } from "../unit/nominations/id-helpers";
import { DomainError } from "~/domain/errors";
import { parseNomination, type NominationFields } from "~/domain/nominations/nomination-schema";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { createNomination } from "~/models/nomination.server";
import * as newPage from "~/routes/competitions.$competitionId.nominations.new";
import * as dossier from "~/routes/nominations.$nominationId._index";
import * as editPage from "~/routes/nominations.$nominationId.edit";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let competitionId: number;
let individual: { id: number };
let collective: { id: number };
const u: Record<"admin" | "nomA" | "nomB" | "nomCounty", { id: number }> = {} as never;

let seq = 101;
/** A fresh valid ID number of a man born 1980-03-15 (odd sequence digit). */
const nextId = () => makeId("610102", "19800315", String((seq += 2) % 1000).padStart(3, "0"));

/** A complete individual form, as the browser posts it. */
function person(over: Record<string, string> = {}): Record<string, string> {
  return {
    name: "张建国",
    gender: "",
    birth_date: "",
    ethnicity: "汉族",
    political_status: "中共党员",
    education: "大专",
    workplace: "陕西某某机械有限公司",
    post: "数控车工",
    occupation_group: "frontline",
    migrant: "no",
    sector: "non_public",
    id_number: nextId(),
    phone: "13812345678",
    summary: "扎根一线二十年。",
    deeds: "扎根一线二十年，攻克技术难题三十余项。",
    ...over,
  };
}

function team(over: Record<string, string> = {}): Record<string, string> {
  return {
    name: "某某车间数控班",
    collective_kind: "team",
    member_count: "24",
    leader: "李红",
    sector: "state",
    phone: "",
    summary: "",
    deeds: "全年安全生产无事故。",
    ...over,
  };
}

async function setStage(stage: Stage) {
  await t.db.updateTable("competitions").set({ stage }).where("id", "=", competitionId).execute();
}

const count = async (table: "nominations" | "nomination_files" | "nomination_events" | "consultations") =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const params = () => ({ competitionId: String(competitionId) });
const fileNew = (userId: number, form: Record<string, string>) =>
  h.post(newPage.action, `/competitions/${competitionId}/nominations/new`, form, {
    userId,
    params: params(),
  });

/** Files a nomination through the page and returns its id. */
async function file(
  userId: number,
  orgId: number,
  form: Record<string, string>,
  intent: "draft" | "submit" = "submit",
  categoryId = individual.id,
) {
  const res = await fileNew(userId, { category: String(categoryId), org: String(orgId), intent, ...form });
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  // "/nominations/12?done=submitted": the id, without the confirmation's query.
  return Number(new URL(res.headers.get("location")!, "http://x").pathname.split("/").pop());
}

const row = (id: number) =>
  t.db.selectFrom("nominations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
  u.admin = await makeUser(t.db, tree.province, ["admin"]);
  u.nomA = await makeUser(t.db, tree.cityA, ["nominator"]);
  u.nomB = await makeUser(t.db, tree.cityB, ["nominator"]);
  u.nomCounty = await makeUser(t.db, tree.county, ["nominator"]);
  ({ competitionId, individual, collective } = await makeNominatingCompetition(t.db, tree, {
    cityA: 20,
    cityB: 5,
    county: 1,
    collective: 2,
  }));
});
afterAll(() => t.destroy());

describe("places", () => {
  it("gives the last place to exactly one of two concurrent nominations", async () => {
    const target = {
      competitionId,
      competitionYear: 2018,
      categoryId: individual.id,
      categoryKind: "individual" as const,
      org: tree.county,
    };
    const fields = (): NominationFields => {
      const r = parseNomination({ kind: "individual", ...person() });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.value;
    };
    const attempt = (f: NominationFields) =>
      t.db
        .transaction()
        .execute((trx) => createNomination(trx, SYSTEM_ACTOR, h.context.secrets.dataKey, target, f));
    const results = await Promise.allSettled([attempt(fields()), attempt(fields())]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect(refused.reason.messageKey).toBe("nomination.noPlaces");
    const live = await t.db
      .selectFrom("nominations")
      .select("id")
      .where("org_id", "=", tree.county.id)
      .where("status", "<>", "withdrawn")
      .execute();
    expect(live).toHaveLength(1);
  });

  it("refuses a nomination beyond the org's places through the form, and a withdrawn one frees its place", async () => {
    const before = await count("nominations");
    const res = await fileNew(u.nomCounty.id, {
      category: String(individual.id),
      org: String(tree.county.id),
      intent: "submit",
      ...person(),
    });
    expect(res.status).toBe(400);
    expect(res.data.errors._form).toEqual({ key: "nomination.noPlaces", params: { places: 1 } });
    expect(await count("nominations")).toBe(before);
    const held = await t.db
      .selectFrom("nominations")
      .select(["id", "version"])
      .where("org_id", "=", tree.county.id)
      .executeTakeFirstOrThrow();
    const withdraw = await h.post(
      dossier.action,
      "/n",
      { intent: "withdraw", version: String(held.version) },
      { userId: u.nomCounty.id, params: { nominationId: String(held.id) } },
    );
    expect(withdraw.status).toBe(302);
    await file(u.nomCounty.id, tree.county.id, person());
  });

  it("refuses an org without places in a category", async () => {
    const res = await fileNew(u.nomB.id, {
      category: String(collective.id),
      org: String(tree.cityB.id),
      intent: "draft",
      ...team(),
    });
    expect(res.status).toBe(400);
    expect(res.data.errors._form.key).toBe("nomination.noPlaces");
  });
});

describe("ID numbers", () => {
  it("refuses the same ID number from another org, naming the org that has it", async () => {
    const id = nextId();
    await file(u.nomA.id, tree.cityA.id, person({ id_number: id }));
    const before = await count("nominations");
    const res = await fileNew(u.nomB.id, {
      category: String(individual.id),
      org: String(tree.cityB.id),
      intent: "submit",
      ...person({ name: "王五", id_number: id }),
    });
    expect(res.status).toBe(400);
    expect(res.data.errors.id_number).toEqual({
      key: "nomination.duplicateId",
      params: { org: "甲市总工会" },
    });
    expect(await count("nominations")).toBe(before);
  });

  it("accepts the ID number again once the nomination holding it is withdrawn", async () => {
    const id = nextId();
    const first = await file(u.nomA.id, tree.cityA.id, person({ id_number: id }));
    const n = await row(first);
    const w = await h.post(
      dossier.action,
      "/n",
      { intent: "withdraw", version: String(n.version), reason: "本人申请" },
      { userId: u.nomA.id, params: { nominationId: String(first) } },
    );
    expect(w.status).toBe(302);
    expect((await row(first)).status).toBe("withdrawn");
    await file(u.nomB.id, tree.cityB.id, person({ id_number: id }));
  });

  it("stores the ID number and phone encrypted, with masked forms for display", async () => {
    const id = nextId();
    const n = await row(
      await file(u.nomA.id, tree.cityA.id, person({ id_number: id, phone: "139 1234 5678" })),
    );
    expect(n.id_number_masked).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    expect(n.phone_masked).toBe("139****5678");
    expect(n.id_number_enc).not.toContain(id);
    expect(n.phone_enc).not.toContain("13912345678");
    expect(n.gender).toBe("male");
    expect(n.birth_date).toBe("1980-03-15");
  });
});

describe("malformed forms", () => {
  const big = (n: number) => "事".repeat(n);
  const cases: [string, Record<string, string>, string, string][] = [
    ["empty name", person({ name: "" }), "name", "form.required"],
    ["blank name", person({ name: "   " }), "name", "form.required"],
    ["name too long", person({ name: big(51) }), "name", "form.tooLong"],
    ["bad gender", person({ gender: "unknown" }), "gender", "nomination.gender.invalid"],
    ["gender against the ID", person({ gender: "female" }), "gender", "nomination.gender.idMismatch"],
    ["impossible date", person({ birth_date: "1980-02-30" }), "birth_date", "form.date"],
    ["future birth date", person({ birth_date: "2999-01-01" }), "birth_date", "nomination.birthDate.range"],
    [
      "birth date against the ID",
      person({ birth_date: "1981-03-15" }),
      "birth_date",
      "nomination.birthDate.idMismatch",
    ],
    ["no ethnicity", person({ ethnicity: "" }), "ethnicity", "form.required"],
    ["no political status", person({ political_status: "" }), "political_status", "form.required"],
    ["no education", person({ education: "" }), "education", "form.required"],
    ["workplace too long", person({ workplace: big(101) }), "workplace", "form.tooLong"],
    ["post too long", person({ post: big(51) }), "post", "form.tooLong"],
    ["no occupation group", person({ occupation_group: "" }), "occupation_group", "form.required"],
    [
      "bad occupation group",
      person({ occupation_group: "boss" }),
      "occupation_group",
      "nomination.occupationGroup.invalid",
    ],
    ["bad migrant", person({ migrant: "maybe" }), "migrant", "nomination.migrant.invalid"],
    ["bad sector", person({ sector: "space" }), "sector", "nomination.sector.invalid"],
    ["short ID", person({ id_number: "61010219800315" }), "id_number", "nomination.idNumber.length"],
    [
      "letters in ID",
      person({ id_number: "61010219800315A12X" }),
      "id_number",
      "nomination.idNumber.characters",
    ],
    [
      "unknown region",
      person({ id_number: makeId("990102", "19800315", "123") }),
      "id_number",
      "nomination.idNumber.region",
    ],
    [
      "bad check digit",
      person({
        id_number: (() => {
          const id = nextId();
          return id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
        })(),
      }),
      "id_number",
      "nomination.idNumber.checkDigit",
    ],
    ["empty ID", person({ id_number: "" }), "id_number", "form.required"],
    ["bad phone", person({ phone: "12345" }), "phone", "nomination.phone.format"],
    ["no phone", person({ phone: "" }), "phone", "form.required"],
    ["summary over 500", person({ summary: big(501) }), "summary", "form.tooLong"],
    ["deeds over 3000", person({ deeds: big(3001) }), "deeds", "form.tooLong"],
    ["no deeds", person({ deeds: "" }), "deeds", "form.required"],
  ];

  it.each(cases)("refuses %s with its field key and writes nothing", async (_label, form, field, key) => {
    const before = [await count("nominations"), await count("nomination_events")];
    const res = await fileNew(u.nomA.id, {
      category: String(individual.id),
      org: String(tree.cityA.id),
      intent: "submit",
      ...form,
    });
    expect(res.status).toBe(400);
    expect(res.data.errors[field]?.key, JSON.stringify(res.data.errors)).toBe(key);
    expect([await count("nominations"), await count("nomination_events")]).toEqual(before);
  });

  const collectiveCases: [string, Record<string, string>, string, string][] = [
    ["zero members", team({ member_count: "0" }), "member_count", "nomination.memberCount.invalid"],
    ["fractional members", team({ member_count: "12.5" }), "member_count", "nomination.memberCount.invalid"],
    ["no leader", team({ leader: "" }), "leader", "form.required"],
    [
      "bad collective kind",
      team({ collective_kind: "club" }),
      "collective_kind",
      "nomination.collectiveKind.invalid",
    ],
    ["bad contact phone", team({ phone: "call me" }), "phone", "nomination.phone.format"],
  ];

  it.each(collectiveCases)("refuses a collective with %s", async (_label, form, field, key) => {
    const before = await count("nominations");
    const res = await fileNew(u.nomA.id, {
      category: String(collective.id),
      org: String(tree.cityA.id),
      intent: "draft",
      ...form,
    });
    expect(res.status).toBe(400);
    expect(res.data.errors[field]?.key).toBe(key);
    expect(await count("nominations")).toBe(before);
  });

  it("refuses a missing or foreign category and an unknown intent", async () => {
    const before = await count("nominations");
    const other = await t.db
      .insertInto("competitions")
      .values({
        org_id: tree.province.id,
        title: "另一竞赛",
        year: 2019,
        description: "",
        stage: "nominating",
        notice_days: 5,
        notice_unit: "working",
        copied_from_id: null,
        created_at: "2019-01-01",
        updated_at: "2019-01-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const foreign = await t.db
      .insertInto("categories")
      .values({
        competition_id: other.id,
        position: 1,
        name: "外类",
        kind: "individual",
        quota: 1,
        aggregation: "mean",
        judges_per_nomination: null,
        blind: 0,
        honor_level: null,
        honor_title: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const base = { org: String(tree.cityA.id), intent: "submit", ...person() };
    const missing = await fileNew(u.nomA.id, base);
    expect(missing.data.errors.category.key).toBe("form.required");
    const garbage = await fileNew(u.nomA.id, { ...base, category: "abc" });
    expect(garbage.data.errors.category.key).toBe("form.invalidChoice");
    const elsewhere = await fileNew(u.nomA.id, { ...base, category: String(foreign.id) });
    expect(elsewhere.data.errors.category.key).toBe("form.invalidChoice");
    const intent = await fileNew(u.nomA.id, { ...base, category: String(individual.id), intent: "publish" });
    expect(intent.data.errors.intent.key).toBe("form.invalidChoice");
    expect(await count("nominations")).toBe(before);
  });

  it("refuses filing for an org the nominator does not hold (403)", async () => {
    const res = await fileNew(u.nomB.id, {
      category: String(individual.id),
      org: String(tree.cityA.id),
      intent: "submit",
      ...person(),
    });
    expect(res.status).toBe(403);
    const below = await fileNew(u.nomA.id, {
      category: String(individual.id),
      org: String(tree.county.id),
      intent: "submit",
      ...person(),
    });
    expect(below.status).toBe(403);
  });

  it("refuses a form without the CSRF token", async () => {
    const res = await h.post(
      newPage.action,
      "/new",
      { category: String(individual.id), org: String(tree.cityA.id), intent: "submit", ...person() },
      { userId: u.nomA.id, params: params(), csrf: "forged.token" },
    );
    expect(res.status).toBe(403);
  });
});

describe("editing", () => {
  it("refuses a stale edit with nomination.stale and keeps the newer one", async () => {
    const id = await file(u.nomA.id, tree.cityA.id, person({ name: "初稿" }), "draft");
    const v = (await row(id)).version;
    const first = await h.post(
      editPage.action,
      "/e",
      { intent: "save", version: String(v), ...person({ name: "第一次修改", id_number: "", phone: "" }) },
      { userId: u.nomA.id, params: { nominationId: String(id) } },
    );
    expect(first.status).toBe(302);
    const stale = await h.post(
      editPage.action,
      "/e",
      { intent: "save", version: String(v), ...person({ name: "过期的修改", id_number: "", phone: "" }) },
      { userId: u.nomA.id, params: { nominationId: String(id) } },
    );
    expect(stale.status).toBe(400);
    expect(stale.data.errors._form.key).toBe("nomination.stale");
    const now = await row(id);
    expect(now.name).toBe("第一次修改");
    expect(now.version).toBe(v + 1);
  });

  it("keeps the stored ID number and phone when the edit leaves them blank", async () => {
    const idNumber = nextId();
    const id = await file(u.nomA.id, tree.cityA.id, person({ id_number: idNumber }), "draft");
    const before = await row(id);
    const res = await h.post(
      editPage.action,
      "/e",
      {
        intent: "save",
        version: String(before.version),
        ...person({ id_number: "", phone: "", workplace: "新单位" }),
      },
      { userId: u.nomA.id, params: { nominationId: String(id) } },
    );
    expect(res.status).toBe(302);
    const after = await row(id);
    expect(after.workplace).toBe("新单位");
    expect(after.id_number_hash).toBe(before.id_number_hash);
    expect(after.phone_masked).toBe(before.phone_masked);
  });

  it("refuses a stale lifecycle step too", async () => {
    const id = await file(u.nomA.id, tree.cityA.id, person(), "draft");
    const v = (await row(id)).version;
    await h.post(
      editPage.action,
      "/e",
      { intent: "save", version: String(v), ...person({ id_number: "", phone: "" }) },
      { userId: u.nomA.id, params: { nominationId: String(id) } },
    );
    const res = await h.post(
      dossier.action,
      "/n",
      { intent: "submit", version: String(v) },
      { userId: u.nomA.id, params: { nominationId: String(id) } },
    );
    expect(res.status).toBe(400);
    expect(res.data.errors._form.key).toBe("nomination.stale");
    expect((await row(id)).status).toBe("draft");
  });

  it("does not let a submitted nomination be edited", async () => {
    const id = await file(u.nomA.id, tree.cityA.id, person());
    const res = await h.get(editPage.loader, "/e", {
      userId: u.nomA.id,
      params: { nominationId: String(id) },
    });
    expect(res.status).toBe(403);
    expect(res.data.messageKey).toBe("nominations.notEditable");
  });
});

describe("review and consultation", () => {
  let submitted: number;
  let returned: number;

  beforeAll(async () => {
    submitted = await file(u.nomA.id, tree.cityA.id, person({ name: "审查甲" }));
    returned = await file(u.nomB.id, tree.cityB.id, person({ name: "审查乙" }));
    await setStage("reviewing");
  });
  afterAll(() => setStage("nominating"));

  const act = async (userId: number, id: number, form: Record<string, string>) => {
    const v = (await row(id)).version;
    return h.post(
      dossier.action,
      "/n",
      { version: String(v), ...form },
      { userId, params: { nominationId: String(id) } },
    );
  };

  it("closes new nominations once the review starts", async () => {
    const res = await h.get(newPage.loader, "/new", { userId: u.nomA.id, params: params() });
    expect(res.status).toBe(403);
    expect(res.data.messageKey).toBe("nominations.closed");
    const post = await fileNew(u.nomA.id, {
      category: String(individual.id),
      org: String(tree.cityA.id),
      intent: "submit",
      ...person(),
    });
    expect(post.status).toBe(403);
  });

  it("returns with a comment, lets the nominator correct and resubmit during the review", async () => {
    const blank = await act(u.admin.id, returned, { intent: "return", reason: "  " });
    expect(blank.status).toBe(400);
    expect(blank.data.errors.reason.key).toBe("nomination.transition.reasonRequired");
    expect((await act(u.admin.id, returned, { intent: "return", reason: "请补充单位推荐意见" })).status).toBe(
      302,
    );
    expect((await row(returned)).status).toBe("returned");
    const n = await row(returned);
    const edit = await h.post(
      editPage.action,
      "/e",
      {
        intent: "resubmit",
        version: String(n.version),
        ...person({ name: "审查乙", id_number: "", phone: "", deeds: "已补充单位推荐意见。" }),
      },
      { userId: u.nomB.id, params: { nominationId: String(returned) } },
    );
    expect(edit.status).toBe(302);
    const after = await row(returned);
    expect(after.status).toBe("resubmitted");
    expect(after.deeds).toBe("已补充单位推荐意见。");
    const events = await t.db
      .selectFrom("nomination_events")
      .select(["action", "to_status", "reason", "actor_label"])
      .where("nomination_id", "=", returned)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["create", "submit", "return", "resubmit"]);
    expect(events[2]).toMatchObject({ reason: "请补充单位推荐意见", to_status: "returned" });
  });

  it("refuses review steps to nominators and nominator steps to admins", async () => {
    expect((await act(u.nomA.id, submitted, { intent: "markEligible" })).status).toBe(403);
    expect((await act(u.admin.id, submitted, { intent: "withdraw" })).status).toBe(403);
  });

  it("requires a reason to refuse, and records a refusal in history and audit", async () => {
    const id = submitted;
    const none = await act(u.admin.id, id, { intent: "markIneligible" });
    expect(none.data.errors.reason.key).toBe("nomination.transition.reasonRequired");
    expect((await act(u.admin.id, id, { intent: "markEligible" })).status).toBe(302);
    expect((await row(id)).status).toBe("eligible");
    const again = await act(u.admin.id, id, { intent: "markEligible" });
    expect(again.data.errors._form.key).toBe("nominations.stepClosed");
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_label"])
      .where("entity", "=", "nomination")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "nomination.create",
      "nomination.submit",
      "nomination.markEligible",
    ]);
  });

  it("makes a nomination ineligible on a negative opinion (一票否决), in the same transaction", async () => {
    await setStage("nominating");
    const id = await file(u.nomA.id, tree.cityA.id, person({ name: "否决对象" }));
    await setStage("reviewing");
    const positive = await act(u.admin.id, id, {
      intent: "consult",
      department: "税务",
      opinion: "positive",
      note: "无欠税",
    });
    expect(positive.status).toBe(302);
    expect((await row(id)).status).toBe("submitted");
    const veto = await act(u.admin.id, id, {
      intent: "consult",
      department: "公安",
      opinion: "negative",
      note: "有违法记录",
    });
    expect(veto.status).toBe(302);
    expect((await row(id)).status).toBe("ineligible");
    const last = await t.db
      .selectFrom("nomination_events")
      .select(["action", "from_status", "to_status", "reason"])
      .where("nomination_id", "=", id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(last).toEqual({
      action: "markIneligible",
      from_status: "submitted",
      to_status: "ineligible",
      reason: "一票否决: 公安",
    });
    const opinions = await t.db
      .selectFrom("consultations")
      .select(["department", "opinion", "note"])
      .where("nomination_id", "=", id)
      .orderBy("id")
      .execute();
    expect(opinions).toEqual([
      { department: "税务", opinion: "positive", note: "无欠税" },
      { department: "公安", opinion: "negative", note: "有违法记录" },
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action).slice(-3)).toEqual([
      "nomination.consultation",
      "nomination.consultation",
      "nomination.markIneligible",
    ]);
    // A second objection adds the opinion and keeps the status.
    expect(
      (
        await act(u.admin.id, id, {
          intent: "consult",
          department: "纪检监察",
          opinion: "negative",
          note: "",
        })
      ).status,
    ).toBe(302);
    expect((await row(id)).status).toBe("ineligible");
  });

  it("refuses a veto on a returned nomination and a malformed opinion, writing nothing", async () => {
    await setStage("nominating");
    const id = await file(u.nomA.id, tree.cityA.id, person({ name: "退回中" }));
    await setStage("reviewing");
    await act(u.admin.id, id, { intent: "return", reason: "补材料" });
    const before = await count("consultations");
    const veto = await act(u.admin.id, id, {
      intent: "consult",
      department: "公安",
      opinion: "negative",
      note: "",
    });
    expect(veto.status).toBe(400);
    expect(veto.data.errors.opinion.key).toBe("review.consultation.notVetoable");
    const noDept = await act(u.admin.id, id, { intent: "consult", department: " ", opinion: "positive" });
    expect(noDept.data.errors.department.key).toBe("form.required");
    const badOpinion = await act(u.admin.id, id, { intent: "consult", department: "公安", opinion: "maybe" });
    expect(badOpinion.data.errors.opinion.key).toBe("form.invalidChoice");
    expect(await count("consultations")).toBe(before);
    expect((await row(id)).status).toBe("returned");
  });

  it("refuses consultation to a nominator", async () => {
    expect(
      (await act(u.nomA.id, submitted, { intent: "consult", department: "公安", opinion: "negative" }))
        .status,
    ).toBe(403);
  });
});

describe("orgs outside the organizer", () => {
  it("gives a nominator of an org outside the organizer's subtree nothing to file", async () => {
    const otherRoot = await makeOrg(t.db, null, { name: "外省总工会" });
    const outsider = await makeUser(t.db, otherRoot, ["nominator"]);
    const res = await h.get(newPage.loader, "/new", { userId: outsider.id, params: params() });
    expect(res.status).toBe(403);
  });
});
