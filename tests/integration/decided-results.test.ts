import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { routeHarness } from "../support/remix";
import { runLaurel } from "../support/cli";
import { insertEligible, makeJudgingWorld } from "./judging-fixture";
import { advanceCompetition, getCompetition } from "~/models/competition.server";
import { getResultSnapshot } from "~/models/result-snapshot.server";
import * as resultsPage from "~/routes/competitions.$competitionId.categories.$categoryId_.results";

// Issue #16 item 3: the committee's numbers are frozen when the list is decided; a later removal
// shows only in a recomputation beside them.
vi.setConfig({ testTimeout: 600_000 });

let t: TestDatabase;
let w: Awaited<ReturnType<typeof makeJudgingWorld>>;
const nominees: Record<string, { id: number; ref: string }> = {};
const TOTALS: Record<string, [number, number]> = {
  王丽: [95, 92],
  李娜: [90, 94],
  陈晨: [80, 78],
  吴刚: [60, 70],
};

beforeAll(async () => {
  t = await createTestDatabase();
  w = await makeJudgingWorld(t.db);
  const { categoryId } = w.target;
  await t.db
    .updateTable("categories")
    .set({ quota: 2, aggregation: "zscore" })
    .where("id", "=", categoryId)
    .execute();
  const members: number[] = [];
  for (const name of ["纸质评委一", "纸质评委二"]) {
    const { id } = await t.db
      .insertInto("panel_members")
      .values({
        category_id: categoryId,
        user_id: null,
        display_name: name,
        external: 1,
        added_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    members.push(id);
  }
  for (const [name, totals] of Object.entries(TOTALS)) {
    nominees[name] = await insertEligible(t.db, w.target, w.tree.cityA, { name });
    for (const [j, total] of totals.entries())
      await t.db
        .insertInto("score_sheets")
        .values({
          category_id: categoryId,
          nomination_id: nominees[name].id,
          panel_member_id: members[j],
          status: "submitted",
          points_json: JSON.stringify([total]),
          total,
          comment: "",
          version: 1,
          updated_at: new Date().toISOString(),
          submitted_at: new Date().toISOString(),
        })
        .execute();
  }
  const actor = { userId: w.admin.id, label: "admin", ip: null };
  for (let i = 0; i < 2; i++) {
    const c = (await getCompetition(t.db, w.competitionId))!;
    const out = await t.db.transaction().execute((trx) => advanceCompetition(trx, actor, c));
    expect(out.ok, JSON.stringify(out)).toBe(true);
  }
});
afterAll(() => t.destroy());

const page = async () => {
  const h = routeHarness(t.db);
  const res = await h.get(resultsPage.loader, "/r", {
    userId: w.admin.id,
    params: { competitionId: String(w.competitionId), categoryId: String(w.target.categoryId) },
  });
  expect(res.status).toBe(200);
  return res.data;
};

describe("the decided results", () => {
  it("are frozen when the list is decided: scores, standard scores, ranks, method, who and when", async () => {
    const snapshot = (await getResultSnapshot(t.db, w.target.categoryId))!;
    expect(snapshot.method).toBe("zscore");
    expect(snapshot.decidedBy).toBe(
      (
        await t.db
          .selectFrom("users")
          .select("display_name")
          .where("id", "=", w.admin.id)
          .executeTakeFirstOrThrow()
      ).display_name,
    );
    expect(snapshot.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(snapshot.entries.map((e) => [e.name, e.rank, e.position])).toEqual([
      ["王丽", 1, 1],
      ["李娜", 2, 2],
      ["陈晨", 3, null],
      ["吴刚", 4, null],
    ]);
    for (const e of snapshot.entries) expect(e.standard).toBe(e.score);
    expect(snapshot.selection.selected.map((s) => s.ref)).toEqual([nominees.王丽.ref, nominees.李娜.ref]);
  });

  it("a removal after the decision leaves them as they were; the recomputation shows beside them", async () => {
    const before = (await page()).snapshot;
    await t.db
      .updateTable("nominations")
      .set({ status: "withdrawn" })
      .where("id", "=", nominees.吴刚.id)
      .execute();
    const after = await page();
    expect(after.snapshot).toEqual(before);
    const decided = before.entries.find((e: { name: string }) => e.name === "王丽");
    const live = after.entries.find((e: { name: string }) => e.name === "王丽");
    // Every standard score moves once 吴刚 is gone: the recomputation says so, the decision does not.
    expect(live.score).not.toBeCloseTo(decided.score, 2);
    expect(live.decided).toEqual({ rank: decided.rank, score: decided.score });
    expect(after.entries.map((e: { name: string }) => e.name)).toEqual(["王丽", "李娜", "陈晨"]);
  });

  it("the command line prints the decided ranking, and recomputes only with --current", async () => {
    const env = {
      ...t.env,
      LAUREL_DATA_KEY: crypto.randomBytes(32).toString("hex"),
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
    };
    const base = ["--competition", String(w.competitionId), "--category", "先进个人", "--format", "json"];
    const decided = JSON.parse((await runLaurel(["ranking", ...base], env)).stdout);
    expect(decided.decided.by).toBeTruthy();
    expect(decided.entries.map((e: { name: string }) => e.name)).toEqual(["王丽", "李娜", "陈晨", "吴刚"]);
    const current = JSON.parse((await runLaurel(["ranking", ...base, "--current"], env)).stdout);
    expect(current.decided).toBeUndefined();
    expect(current.entries.map((e: { name: string }) => e.name)).toEqual(["王丽", "李娜", "陈晨"]);
  });
});
