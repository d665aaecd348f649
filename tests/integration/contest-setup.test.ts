import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import * as setupPage from "~/routes/competitions.$competitionId.contest.setup";
import * as hubPage from "~/routes/competitions.$competitionId.contest._index";
import * as importPage from "~/routes/competitions.import";
import * as competitionPage from "~/routes/competitions.$competitionId._index";
import { runLaurel } from "../support/cli";
import { CompetitionTemplateSchema } from "~/domain/competitions/template";
import { ContestSchemeSchema, type ContestScheme } from "~/domain/contest/scheme-schema";
import { DomainError } from "~/domain/errors";
import {
  advanceCompetition,
  createCompetition,
  exportCompetition,
  getCompetition,
  listStages,
} from "~/models/competition.server";
import { removeContest, saveScheme, schemeSnapshot } from "~/models/contest.server";
import { loadScheme } from "~/models/contest-data.server";
import type { OrgRow } from "~/models/org.server";

vi.setConfig({ testTimeout: 600_000 });

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const TEMPLATE = JSON.parse(fs.readFileSync(path.join(FIXTURES, "competition-template.json"), "utf8"));
const ACTOR = { userId: null, label: "test", ip: null };

const SCHEME_INPUT = {
  groups: ["省属国企组", "市总工会组"],
  periods: [
    { label: "2018Q1", opens: "2018-04-01", closes: "2018-04-10" },
    { label: "2018Q2", opens: "2018-07-01", closes: "2018-07-10" },
  ],
  indicators: [
    {
      code: "invest",
      title: "帮扶投入",
      unit: "万元",
      aggregation: "sum",
      method: "target",
      weight: 30,
      cap: 1.2,
    },
    {
      code: "households",
      title: "帮扶贫困户",
      unit: "户",
      aggregation: "sum",
      method: "rank",
      weight: 20,
      direction: "higher",
      measure: "households_helped",
    },
    { code: "accident", title: "重大安全事故", unit: "起", aggregation: "sum", method: "veto" },
  ],
};
const scheme = (change: (s: typeof SCHEME_INPUT) => void = () => {}): ContestScheme => {
  const s = structuredClone(SCHEME_INPUT);
  change(s);
  return ContestSchemeSchema.parse(s);
};

let t: TestDatabase;
let province: OrgRow;
let city: OrgRow;
beforeAll(async () => {
  t = await createTestDatabase();
  ({ province, cityA: city } = await makeTree(t.db));
});
afterAll(() => t.destroy());

const create = (extra: object = {}) =>
  t.db
    .transaction()
    .execute((trx) =>
      createCompetition(trx, ACTOR, province, CompetitionTemplateSchema.parse({ ...TEMPLATE, ...extra })),
    );
const save = (id: number, s: ContestScheme, topN = new Map<string, number | null>()) =>
  t.db.transaction().execute((trx) => saveScheme(trx, id, s, ACTOR, topN));
const advance = (id: number) =>
  t.db.transaction().execute(async (trx) => advanceCompetition(trx, ACTOR, (await getCompetition(trx, id))!));
const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return { key: error.messageKey, params: error.params };
    throw error;
  }
  return null;
};

/** A participant in the first group with a report of the first period, its value of `invest`. */
async function enrolAndReport(id: number, status: "submitted" | "verified") {
  const stored = (await loadScheme(t.db, id))!;
  const now = "2018-04-02T00:00:00Z";
  const p = await t.db
    .insertInto("contest_participants")
    .values({
      competition_id: id,
      org_id: city.id,
      group_id: stored.groups[0].id,
      status: "admitted",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const r = await t.db
    .insertInto("contest_reports")
    .values({
      participant_id: p.id,
      period_id: stored.periods[0].id,
      status,
      note: "",
      late: 0,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto("contest_values")
    .values({ report_id: r.id, indicator_id: stored.indicators[0].id, value: 12 })
    .execute();
  return r.id;
}

describe("saving the scheme", () => {
  it("stores groups, periods with their covered days, and indicators; adds the running stage", async () => {
    const id = await create();
    expect((await listStages(t.db, id)).map((s) => s.stage)).not.toContain("running");
    await save(id, scheme(), new Map([["省属国企组", 3]]));
    const stored = (await loadScheme(t.db, id))!;
    expect(stored.groups.map((g) => [g.name, g.topN])).toEqual([
      ["省属国企组", 3],
      ["市总工会组", null],
    ]);
    expect(stored.periods.map((p) => [p.label, p.coversFrom, p.coversTo])).toEqual([
      ["2018Q1", "2018-01-01", "2018-03-31"],
      ["2018Q2", "2018-04-01", "2018-06-30"],
    ]);
    expect(stored.indicators.map((i) => [i.code, i.method, i.cap])).toEqual([
      ["invest", "target", 1.2],
      ["households", "rank", null],
      ["accident", "veto", null],
    ]);
    expect(stored.standingsVersion).toBe(1);
    expect((await listStages(t.db, id)).map((s) => s.stage)).toContain("running");
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", String(id))
      .where("action", "like", "contest.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["contest.scheme.create"]);
  });

  it("updates rows in place so that what points at them stays, and refuses removing what is used", async () => {
    const id = await create();
    await save(id, scheme());
    const before = (await loadScheme(t.db, id))!;
    await enrolAndReport(id, "submitted");
    await save(
      id,
      scheme((s) => {
        s.indicators[0].weight = 40;
        s.indicators.reverse();
      }),
    );
    const after = (await loadScheme(t.db, id))!;
    expect(after.indicators.map((i) => i.code)).toEqual(["accident", "households", "invest"]);
    expect(after.indicators.find((i) => i.code === "invest")).toMatchObject({
      id: before.indicators[0].id,
      weight: 40,
    });
    expect(after.standingsVersion).toBe(2);

    expect(
      await refusal(
        save(
          id,
          scheme((s) => s.groups.shift()),
        ),
      ),
    ).toEqual({
      key: "contestSetup.groupInUse",
      params: { group: "省属国企组" },
    });
    expect(
      await refusal(
        save(
          id,
          scheme((s) => s.periods.shift()),
        ),
      ),
    ).toMatchObject({
      key: "contestSetup.periodInUse",
    });
    expect(
      await refusal(
        save(
          id,
          scheme((s) => s.indicators.shift()),
        ),
      ),
    ).toMatchObject({
      key: "contestSetup.indicatorInUse",
      params: { code: "invest" },
    });
    // Removing what nothing points at is fine.
    await save(
      id,
      scheme((s) => s.indicators.pop()),
    );
    expect((await loadScheme(t.db, id))!.indicators.map((i) => i.code)).toEqual(["invest", "households"]);
  });

  it("is refused once a value is verified, and after the running stage", async () => {
    const id = await create();
    await save(id, scheme());
    await enrolAndReport(id, "verified");
    const version = (await loadScheme(t.db, id))!.standingsVersion;
    expect(
      await refusal(
        save(
          id,
          scheme((s) => (s.indicators[0].weight = 10)),
        ),
      ),
    ).toEqual({
      key: "contestSetup.locked",
      params: undefined,
    });
    expect((await loadScheme(t.db, id))!.standingsVersion).toBe(version);
    expect((await loadScheme(t.db, id))!.indicators[0].weight).toBe(30);

    const other = await create();
    await save(other, scheme());
    expect(await advance(other)).toEqual({ ok: true, stage: "running" });
    await save(
      other,
      scheme((s) => (s.indicators[0].weight = 10)),
    );
    expect(await advance(other)).toEqual({ ok: true, stage: "nominating" });
    expect(await refusal(save(other, scheme()))).toMatchObject({ key: "contestSetup.notEditable" });
  });

  it("removes the contest of a draft, and the competition skips running again", async () => {
    const id = await create();
    await save(id, scheme());
    await enrolAndReport(id, "submitted");
    await t.db.transaction().execute((trx) => removeContest(trx, id, ACTOR));
    expect(await loadScheme(t.db, id)).toBeNull();
    expect((await listStages(t.db, id)).map((s) => s.stage)).not.toContain("running");
    expect(await advance(id)).toEqual({ ok: true, stage: "nominating" });
  });
});

describe("the running stage", () => {
  it("goes draft → running → nominating with a contest, draft → nominating without", async () => {
    const plain = await create();
    expect(await advance(plain)).toEqual({ ok: true, stage: "nominating" });

    const id = await create();
    await save(id, scheme());
    expect(await advance(id)).toEqual({ ok: true, stage: "running" });
    const entered = (await listStages(t.db, id)).find((s) => s.stage === "running")!;
    expect(entered.entered_at).not.toBeNull();
    // What is unfinished is said on the competition page, and does not stop the advance.
    await enrolAndReport(id, "submitted");
    const h = routeHarness(t.db);
    const admin = await makeUser(t.db, province, ["admin"]);
    const shown = await h.get(competitionPage.loader, `/competitions/${id}`, {
      userId: admin.id,
      params: { competitionId: String(id) },
    });
    expect(shown.data).toMatchObject({ next: "nominating", loose: { unverified: 1, applications: 0 } });
    expect(await advance(id)).toEqual({ ok: true, stage: "nominating" });
  });

  it("refuses draft → running while the draft checks fail or the scheme has no periods", async () => {
    const id = await create({ categories: [] });
    await save(id, scheme());
    await t.db.deleteFrom("contest_periods").where("competition_id", "=", id).execute();
    const outcome = await advance(id);
    expect(outcome.ok).toBe(false);
    const keys = !outcome.ok ? outcome.refusals.map((r) => r.messageKey) : [];
    expect(keys).toEqual(["stage.refuse.noCategories", "contest.scheme.noPeriods"]);
    expect((await getCompetition(t.db, id))!.stage).toBe("draft");
  });
});

describe("the template's contest section", () => {
  it("creates the contest with the running dates, and export gives the same template back", async () => {
    const template = CompetitionTemplateSchema.parse({
      ...TEMPLATE,
      stages: { ...TEMPLATE.stages, running: ["2018-01-01", "2018-08-31"] },
      contest: SCHEME_INPUT,
    });
    const id = await t.db.transaction().execute((trx) => createCompetition(trx, ACTOR, province, template));
    const exported = await exportCompetition(t.db, id);
    expect(exported).toEqual(template);
    expect((await schemeSnapshot(t.db, id))!.periods).toHaveLength(2);
    expect((await listStages(t.db, id)).find((s) => s.stage === "running")).toMatchObject({
      starts_on: "2018-01-01",
      ends_on: "2018-08-31",
    });
  });

  it("refuses running dates without a contest", () => {
    const parsed = CompetitionTemplateSchema.safeParse({
      ...TEMPLATE,
      stages: { running: ["2018-01-01", "2018-08-31"] },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["stages.running", "contestSetup.runningWithoutContest"],
    ]);
  });
});

describe("CLI", () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-contest-setup-"));
    env = {
      ...t.env,
      LAUREL_DATA_KEY: crypto.randomBytes(32).toString("hex"),
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
    };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: object) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, JSON.stringify(content));
    return p;
  };

  it("imports a template with a contest, exports it back, and advances to running", async () => {
    const input = { ...TEMPLATE, contest: SCHEME_INPUT };
    const imported = await runLaurel(["competition", "import", file("with-contest.json", input)], env);
    expect(imported.stderr).toBe("");
    const id = Number(imported.stdout.trim());
    const exported = await runLaurel(["competition", "export", String(id)], env);
    expect(JSON.parse(exported.stdout)).toEqual(
      JSON.parse(JSON.stringify(CompetitionTemplateSchema.parse(input))),
    );
    const advanced = await runLaurel(["competition", "advance", String(id), "--to", "running"], env);
    expect(advanced.status).toBe(0);
    expect((await getCompetition(t.db, id))!.stage).toBe("running");
  });

  it("refuses a bad scheme naming the field, and writes nothing", async () => {
    const before = await t.db
      .selectFrom("competitions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const bad = structuredClone(SCHEME_INPUT) as Record<string, unknown> & typeof SCHEME_INPUT;
    (bad.indicators[0] as Record<string, unknown>).weight = -1;
    delete (bad.indicators[1] as Record<string, unknown>).direction;
    const r = await runLaurel(
      ["competition", "import", file("bad.json", { ...TEMPLATE, contest: bad })],
      env,
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("contest.indicators.0.weight: A weight cannot be negative.");
    expect(r.stderr).toContain(
      "contest.indicators.1.direction: Ranked indicator “households” needs a direction",
    );
    const after = await t.db
      .selectFrom("competitions")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe("the set-up page", () => {
  it("refuses a bad form with the field named and nothing written, saves a good one, locks after verification", async () => {
    const h = routeHarness(t.db);
    const admin = await makeUser(t.db, province, ["admin"]);
    const id = await create();
    const path = `/competitions/${id}/contest/setup`;
    const params = { competitionId: String(id) };
    const form = {
      intent: "save",
      groups: "省属国企组 | 2\n市总工会组",
      period_rows: "2",
      period_label_0: "2018Q1",
      period_opens_0: "2018-04-01",
      period_closes_0: "2018-04-10",
      ind_rows: "2",
      ind_code_0: "invest",
      ind_title_0: "帮扶投入",
      ind_unit_0: "万元",
      ind_aggregation_0: "sum",
      ind_method_0: "rank",
      ind_weight_0: "30",
      ind_aggregation_1: "sum",
      ind_method_1: "target",
    };
    const bad = await h.post(setupPage.action, path, form, { userId: admin.id, params });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.ind_direction_0.key).toBe("contest.scheme.rankDirection");
    expect(await loadScheme(t.db, id)).toBeNull();

    const good = await h.post(
      setupPage.action,
      path,
      { ...form, ind_direction_0: "higher" },
      { userId: admin.id, params },
    );
    expect(good.status).toBe(302);
    expect(good.headers.get("location")).toBe(`/competitions/${id}/contest?saved=1`);
    const stored = (await loadScheme(t.db, id))!;
    expect(stored.groups.map((g) => g.topN)).toEqual([2, null]);
    expect(stored.indicators.map((i) => i.code)).toEqual(["invest"]);

    const hub = await h.get(hubPage.loader, `/competitions/${id}/contest`, { userId: admin.id, params });
    expect(hub.data.editable).toBe(true);
    await enrolAndReport(id, "verified");
    const locked = await h.post(setupPage.action, path, form, { userId: admin.id, params });
    expect(locked.status).toBe(400);
    expect(locked.data.errors.ind_direction_0.key).toBe("contest.scheme.rankDirection");
    const refused = await h.post(
      setupPage.action,
      path,
      { ...form, ind_direction_0: "lower" },
      { userId: admin.id, params },
    );
    expect(refused.status).toBe(400);
    expect(refused.data.errors._form.key).toBe("contestSetup.locked");
    expect((await loadScheme(t.db, id))!.indicators[0].direction).toBe("higher");
    expect((await h.get(setupPage.loader, path, { userId: admin.id, params })).data.locked).toBe(true);
    expect(
      (await h.get(hubPage.loader, `/competitions/${id}/contest`, { userId: admin.id, params })).data
        .editable,
    ).toBe(false);
  });

  it("refuses a template with a bad scheme on the import page, naming the field in the reader's language", async () => {
    const h = routeHarness(t.db);
    const admin = await makeUser(t.db, province, ["admin"]);
    const bad = structuredClone(SCHEME_INPUT);
    (bad.indicators[2] as Record<string, unknown>).per_unit = 1;
    const r = await h.post(
      importPage.action,
      "/competitions/import",
      { template: JSON.stringify({ ...TEMPLATE, contest: bad }) },
      { userId: admin.id },
    );
    expect(r.status).toBe(400);
    expect(r.data.errors.template.params.detail).toBe(
      "contest.indicators.2.per_unit: 指标「accident」按 veto 计分，不使用 per_unit，请删去。",
    );
  });
});
