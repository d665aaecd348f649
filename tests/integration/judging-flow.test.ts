import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeOrg, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { insertEligible, makeJudgingWorld, setStage } from "./judging-fixture";
import { translate } from "~/i18n";
import { isConflict } from "~/domain/judging/assignment";
import { advanceCompetition, getCompetition } from "~/models/competition.server";
import { getJudgingCategory } from "~/models/judging-category.server";
import { addPanelJudge, assignPanel, declareConflict, listPanel } from "~/models/panel.server";
import { categoryResults } from "~/models/results.server";
import { setOverride } from "~/models/results-decision.server";
import { correctScoreSheet, saveScoreSheet } from "~/models/score-sheet.server";
import * as deskRoute from "~/routes/judging.$nominationId";
import * as panelRoute from "~/routes/competitions.$competitionId.categories.$categoryId_.panel";
import * as resultsRoute from "~/routes/competitions.$competitionId.categories.$categoryId_.results";
import * as matrixRoute from "~/routes/competitions.$competitionId.categories.$categoryId_.sheets._index";

const ACTOR = { userId: null, label: "test", ip: null };

let t: TestDatabase;
let world: Awaited<ReturnType<typeof makeJudgingWorld>>;
const noms: { id: number; ref: string; org: string }[] = [];
let extraJudge: { id: number };

beforeAll(async () => {
  t = await createTestDatabase();
  world = await makeJudgingWorld(t.db);
  const industry2 = await makeOrg(t.db, world.tree.province, { name: "另一产业工会", kind: "industry" });
  extraJudge = await makeUser(t.db, industry2, [], { displayName: "评委丁" });
  await t.db
    .insertInto("role_grants")
    .values({
      user_id: extraJudge.id,
      org_id: world.tree.province.id,
      role: "judge",
      granted_by: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  await t.db
    .updateTable("categories")
    .set({ judges_per_nomination: 2, quota: 3 })
    .where("id", "=", world.individual.id)
    .execute();
  for (const [org, label] of [
    [world.tree.cityA, "A"],
    [world.tree.cityB, "B"],
    [world.tree.county, "county"],
  ] as const) {
    for (let i = 0; i < 3; i++) noms.push({ ...(await insertEligible(t.db, world.target, org)), org: label });
  }
});
afterAll(async () => t.destroy());

const cat = async () => (await getJudgingCategory(t.db, world.individual.id))!;
const pairs = () =>
  t.db
    .selectFrom("judge_assignments")
    .innerJoin("panel_members", "panel_members.id", "judge_assignments.panel_member_id")
    .select(["panel_members.id as member", "panel_members.user_id", "judge_assignments.nomination_id"])
    .execute();

describe("panel and assignment", () => {
  it("assigns k judges to each nomination, never a conflict, evenly", async () => {
    const category = await cat();
    await t.db.transaction().execute(async (trx) => {
      for (const j of [...world.judges, extraJudge]) await addPanelJudge(trx, ACTOR, category, j.id);
      const plan = await assignPanel(trx, ACTOR, category);
      expect(plan.short).toEqual([]);
    });
    const panel = await listPanel(t.db, world.individual.id);
    const orgPath = new Map(panel.map((m) => [m.id, m.org_path ?? null]));
    const nomPath = new Map(
      (
        await t.db
          .selectFrom("nominations")
          .innerJoin("orgs", "orgs.id", "nominations.org_id")
          .select(["nominations.id", "orgs.path"])
          .execute()
      ).map((n) => [n.id, n.path]),
    );
    const all = await pairs();
    expect(all).toHaveLength(18);
    for (const p of all)
      expect(
        isConflict(
          { id: p.member, orgPath: orgPath.get(p.member)! },
          { id: p.nomination_id, orgPath: nomPath.get(p.nomination_id)! },
          new Set(),
        ),
      ).toBe(false);
    for (const n of noms) expect(all.filter((p) => p.nomination_id === n.id)).toHaveLength(2);
    const load = (userId: number) => all.filter((p) => p.user_id === userId).length;
    // Judge A (city A) may take only city B's three; the others share the rest evenly.
    expect(load(world.judges[0].id)).toBe(3);
    const rest = [world.judges[1].id, world.judges[2].id, extraJudge.id].map(load);
    expect(Math.max(...rest) - Math.min(...rest)).toBeLessThanOrEqual(1);
  });

  it("reassigns a nomination when its judge declares a conflict", async () => {
    const mine = (await pairs()).find((p) => p.user_id === world.judges[2].id)!;
    const member = mine.member;
    const category = await cat();
    await t.db
      .transaction()
      .execute(async (trx) => declareConflict(trx, ACTOR, category, member, mine.nomination_id, "亲属关系"));
    const after = (await pairs()).filter((p) => p.nomination_id === mine.nomination_id);
    expect(after).toHaveLength(2);
    expect(after.some((p) => p.member === member)).toBe(false);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "judging.conflictDeclared")
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe("the judge's sheet", () => {
  it("saves a draft, refuses a stale submit, then submits; others never see it", async () => {
    const h = routeHarness(t.db);
    const p = (await pairs()).find((x) => x.user_id === world.judges[0].id)!;
    const path = `/judging/${p.nomination_id}`;
    const params = { nominationId: String(p.nomination_id) };
    const page = await h.get(deskRoute.loader, path, { userId: world.judges[0].id, params });
    expect(page.status).toBe(200);
    expect(page.data.sheet).toBeNull();
    const draft = await h.post(
      deskRoute.action,
      path,
      { intent: "save", version: "0", p0: "80", comment: "" },
      { userId: world.judges[0].id, params },
    );
    expect(draft.status).toBe(302);
    // A second tab still shows version 0: its submit is refused, not merged.
    const stale = await h.post(
      deskRoute.action,
      path,
      { intent: "submit", version: "0", p0: "90", comment: "" },
      { userId: world.judges[0].id, params },
    );
    expect(stale.status).toBe(409);
    expect(stale.data.errors._form.key).toBe("judging.sheet.stale");
    const bad = await h.post(
      deskRoute.action,
      path,
      { intent: "submit", version: "1", p0: "90.25", comment: "" },
      { userId: world.judges[0].id, params },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors.p0.key).toBe("judging.points.halfStep");
    const ok = await h.post(
      deskRoute.action,
      path,
      { intent: "submit", version: "1", p0: "90.5", comment: "好" },
      { userId: world.judges[0].id, params },
    );
    expect(ok.status).toBe(302);
    const sheet = await t.db
      .selectFrom("score_sheets")
      .select(["status", "total", "version"])
      .where("nomination_id", "=", p.nomination_id)
      .executeTakeFirstOrThrow();
    expect(sheet).toEqual({ status: "submitted", total: 90.5, version: 2 });
    const again = await h.post(
      deskRoute.action,
      path,
      { intent: "save", version: "2", p0: "10", comment: "" },
      { userId: world.judges[0].id, params },
    );
    expect(again.data.errors._form.key).toBe("judging.sheet.alreadySubmitted");
    const unassigned = noms.find((n) => n.org === "A")!;
    const other = await h.get(deskRoute.loader, `/judging/${unassigned.id}`, {
      userId: world.judges[0].id,
      params: { nominationId: String(unassigned.id) },
    });
    expect(other.status).toBe(404);
  });
});

describe("who sees what", () => {
  it("keeps panel, results and matrix to the organizer's admins, and the matrix closed while judging", async () => {
    const h = routeHarness(t.db);
    const params = { competitionId: String(world.competitionId), categoryId: String(world.individual.id) };
    const base = `/competitions/${world.competitionId}/categories/${world.individual.id}`;
    expect(
      (await h.get(panelRoute.loader, `${base}/panel`, { userId: world.judges[0].id, params })).status,
    ).toBe(403);
    const panel = await h.get(panelRoute.loader, `${base}/panel`, { userId: world.admin.id, params });
    expect(panel.status).toBe(200);
    expect(panel.data.panel).toHaveLength(4);
    expect(panel.data.conflicts).toHaveLength(1);
    const results = await h.get(resultsRoute.loader, `${base}/results?method=median`, {
      userId: world.admin.id,
      params,
    });
    expect(results.status).toBe(200);
    expect(results.data.method).toBe("median");
    expect(
      (await h.get(matrixRoute.loader, `${base}/sheets`, { userId: world.admin.id, params })).status,
    ).toBe(409);
    const wrong = await h.get(panelRoute.loader, `${base}/panel`, {
      userId: world.admin.id,
      params: { ...params, categoryId: "999999" },
    });
    expect(wrong.status).toBe(404);
  });
});

describe("closing judging and deciding", () => {
  it("refuses to close judging while sheets are missing, with counts", async () => {
    const c = (await getCompetition(t.db, world.competitionId))!;
    const out = await t.db.transaction().execute((trx) => advanceCompetition(trx, ACTOR, c));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const pending = (await pairs()).length - 1;
    const text = translate("en", out.refusals[0].messageKey, out.refusals[0].params);
    expect(pending).toBe(17);
    expect(text).toBe("9 nominations still unscored by 4 judges.");
  });

  it("closes judging once every sheet is in, ranks, and freezes the committee's list", async () => {
    const category = await cat();
    const all = await t.db
      .selectFrom("judge_assignments")
      .leftJoin("score_sheets", (j) =>
        j
          .onRef("score_sheets.panel_member_id", "=", "judge_assignments.panel_member_id")
          .onRef("score_sheets.nomination_id", "=", "judge_assignments.nomination_id"),
      )
      .select(["judge_assignments.panel_member_id", "judge_assignments.nomination_id", "score_sheets.status"])
      .execute();
    await t.db.transaction().execute(async (trx) => {
      for (const a of all.filter((x) => x.status !== "submitted")) {
        const score = 50 + noms.findIndex((n) => n.id === a.nomination_id) * 5;
        await saveScoreSheet(
          trx,
          ACTOR,
          category,
          { memberId: a.panel_member_id, nominationId: a.nomination_id },
          { points: [score], comment: "", version: 0, submit: true },
        );
      }
    });
    const c = (await getCompetition(t.db, world.competitionId))!;
    expect(await t.db.transaction().execute((trx) => advanceCompetition(trx, ACTOR, c))).toEqual({
      ok: true,
      stage: "deciding",
    });
    const statuses = await t.db
      .selectFrom("nominations")
      .select("status")
      .where("category_id", "=", world.individual.id)
      .execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(["scored"]));

    const sheet = await t.db
      .selectFrom("score_sheets")
      .select(["id", "version"])
      .where("nomination_id", "=", noms[0].id)
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow();
    const deciding = await cat();
    await expect(
      t.db.transaction().execute(async (trx) =>
        correctScoreSheet(trx, ACTOR, deciding, sheet.id, {
          points: [99],
          comment: "",
          version: sheet.version,
          reason: " ",
        }),
      ),
    ).rejects.toThrow("form.required");
    await t.db.transaction().execute(async (trx) =>
      correctScoreSheet(trx, ACTOR, deciding, sheet.id, {
        points: [99],
        comment: "",
        version: sheet.version,
        reason: "录入错误",
      }),
    );
    const history = await t.db
      .selectFrom("score_sheet_history")
      .select(["action", "reason"])
      .where("sheet_id", "=", sheet.id)
      .orderBy("id")
      .execute();
    expect(history.at(-1)).toEqual({ action: "correct", reason: "录入错误" });

    const r = (await categoryResults(t.db, world.individual.id))!;
    expect(r.entries).toHaveLength(9);
    expect(r.final.map((f) => f.ref)).toEqual(r.selection.selected.map((s) => s.ref));
    const outsider = r.entries[4].ref;
    await t.db.transaction().execute((trx) =>
      setOverride(trx, ACTOR, world.individual.id, {
        ref: r.entries[0].ref,
        decision: "exclude",
        reason: "群众反映",
      }),
    );
    await t.db.transaction().execute((trx) =>
      setOverride(trx, ACTOR, world.individual.id, {
        ref: outsider,
        decision: "include",
        reason: "委员会决定",
      }),
    );
    const c2 = (await getCompetition(t.db, world.competitionId))!;
    expect(await t.db.transaction().execute((trx) => advanceCompetition(trx, ACTOR, c2))).toEqual({
      ok: true,
      stage: "notice",
    });
    const entries = await t.db
      .selectFrom("proposed_entries")
      .innerJoin("nominations", "nominations.id", "proposed_entries.nomination_id")
      .select([
        "nominations.ref",
        "nominations.status",
        "proposed_entries.proposed",
        "proposed_entries.position",
        "proposed_entries.override_reason",
        "proposed_entries.rank",
      ])
      .orderBy("proposed_entries.rank")
      .orderBy("nominations.ref")
      .execute();
    expect(entries).toHaveLength(9);
    const proposed = entries.filter((e) => e.proposed === 1);
    expect(proposed.map((e) => e.position)).toEqual([1, 2, 3]);
    expect(proposed.map((e) => e.status)).toEqual(["shortlisted", "shortlisted", "shortlisted"]);
    expect(proposed.some((e) => e.ref === outsider && e.override_reason === "委员会决定")).toBe(true);
    expect(entries.find((e) => e.ref === r.entries[0].ref)).toMatchObject({
      proposed: 0,
      position: null,
      override_reason: "群众反映",
      status: "scored",
    });
  });
});

describe("deciding refusals", () => {
  it("refuses an empty list", async () => {
    const w2 = await makeNominatingCompetition(t.db, world.tree, {
      cityA: 1,
      cityB: 1,
      county: 1,
      collective: 1,
    });
    await insertEligible(
      t.db,
      { competitionId: w2.competitionId, categoryId: w2.individual.id },
      world.tree.cityA,
      { status: "scored" },
    );
    await setStage(t.db, w2.competitionId, "deciding");
    const c = (await getCompetition(t.db, w2.competitionId))!;
    const out = await t.db.transaction().execute((trx) => advanceCompetition(trx, ACTOR, c));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.refusals.map((r) => r.messageKey)).toContain("judging.refuse.emptyList");
  });
});
