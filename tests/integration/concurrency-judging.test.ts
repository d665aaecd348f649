import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeOrg, makeTree, makeUser } from "../support/factories";
import { makeProposedList } from "../support/proposed-list";
import { routeHarness } from "../support/remix";
import { insertEligible, setStage } from "./judging-fixture";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { advanceCompetition, getCompetition } from "~/models/competition.server";
import { getJudgingCategory } from "~/models/judging-category.server";
import { openNotice } from "~/models/notice.server";
import { fileObjection } from "~/models/objection.server";
import { addPanelJudge, assignPanel } from "~/models/panel.server";
import { publish } from "~/models/publication.server";
import { categoryResults } from "~/models/results.server";
import * as deskRoute from "~/routes/judging.$nominationId";

const JUDGES = 50;
const NOMINEES = 5;
const DB = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite";

let t: TestDatabase;
let tree: Awaited<ReturnType<typeof makeTree>>;

beforeAll(async () => {
  t = await createTestDatabase();
  tree = await makeTree(t.db);
});
afterAll(() => t.destroy());
afterEach(() => {
  delete process.env.LAUREL_TODAY;
});

const count = async (
  table: "score_sheets" | "score_sheet_history" | "objections" | "publications" | "honorees",
  where?: [string, string],
) => {
  let q = t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n"));
  if (where) q = q.where(where[0] as never, "=", where[1] as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

/** A category in judging, every one of `JUDGES` judges on its panel scoring every nominee. */
async function judgingCategory() {
  const panelOrg = await makeOrg(t.db, tree.province, { name: "评审委员会", kind: "industry" });
  const comp = await makeNominatingCompetition(t.db, tree, {
    cityA: 10,
    cityB: 10,
    county: 10,
    collective: 2,
  });
  await t.db
    .updateTable("categories")
    .set({ judges_per_nomination: null })
    .where("id", "=", comp.individual.id)
    .execute();
  await setStage(t.db, comp.competitionId, "judging");
  const target = { competitionId: comp.competitionId, categoryId: comp.individual.id };
  const nominees: number[] = [];
  for (let i = 0; i < NOMINEES; i++)
    nominees.push((await insertEligible(t.db, target, [tree.cityA, tree.cityB, tree.county][i % 3])).id);
  const judges: number[] = [];
  for (let j = 0; j < JUDGES; j++) {
    const u = await makeUser(t.db, panelOrg, [], { displayName: `评委${j}` });
    await t.db
      .insertInto("role_grants")
      .values({
        user_id: u.id,
        org_id: tree.province.id,
        role: "judge",
        granted_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    judges.push(u.id);
  }
  const cat = (await getJudgingCategory(t.db, comp.individual.id))!;
  await t.db.transaction().execute(async (trx) => {
    for (const j of judges) await addPanelJudge(trx, SYSTEM_ACTOR, cat, j);
    await assignPanel(trx, SYSTEM_ACTOR, cat);
  });
  return { ...comp, nominees, judges };
}

/** Judge j's points for nominee n: spread so the ranking is known in advance (nominee 0 last). */
const pointsOf = (j: number, n: number) => 40 + n * 10 + (j % 5);

describe(`judges submitting at once (${DB})`, () => {
  it(`takes ${JUDGES} judges' score sheets submitted at once, each exactly once, and ranks them all`, async () => {
    const { competitionId, individual, nominees, judges } = await judgingCategory();
    const h = routeHarness(t.db);
    const submit = (j: number, n: number) =>
      h.post(
        deskRoute.action,
        `/judging/${nominees[n]}`,
        { intent: "submit", version: "0", p0: String(pointsOf(j, n)), comment: "" },
        { userId: judges[j], params: { nominationId: String(nominees[n]) } },
      );
    // Every sheet of every judge at once, and each judge's first sheet twice (a double click).
    const posts = judges.flatMap((_, j) => [...nominees.keys()].map((n) => ({ j, n })));
    const doubles = judges.map((_, j) => ({ j, n: 0 }));
    const results = await Promise.all([...posts, ...doubles].map(({ j, n }) => submit(j, n)));

    expect(results.filter((r) => r.status === 302)).toHaveLength(JUDGES * NOMINEES);
    for (const r of results.filter((x) => x.status !== 302)) {
      expect([400, 409]).toContain(r.status);
      expect(r.data.errors._form.key).toMatch(/^judging\.sheet\.(stale|alreadySubmitted)$/);
    }
    // Each (judge, nominee) sheet exactly once, with the points sent; one history line and one audit entry each.
    const sheets = await t.db
      .selectFrom("score_sheets")
      .select(["nomination_id", "total", "status", "version"])
      .where("category_id", "=", individual.id)
      .execute();
    expect(sheets).toHaveLength(JUDGES * NOMINEES);
    expect(sheets.every((s) => s.status === "submitted" && s.version === 1)).toBe(true);
    expect(await count("score_sheet_history")).toBe(JUDGES * NOMINEES);
    const audits = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("action", "=", "sheet.submit")
      .executeTakeFirstOrThrow();
    expect(Number(audits.n)).toBe(JUDGES * NOMINEES);

    const c = (await getCompetition(t.db, competitionId))!;
    expect(await t.db.transaction().execute((trx) => advanceCompetition(trx, SYSTEM_ACTOR, c))).toEqual({
      ok: true,
      stage: "deciding",
    });
    const ranked = (await categoryResults(t.db, individual.id, "mean"))!;
    expect(ranked.unscored).toEqual([]);
    expect(ranked.entries.map((e) => e.nominationId)).toEqual([...nominees].reverse());
    for (const e of ranked.entries) {
      const n = nominees.indexOf(e.nominationId);
      const mean = judges.reduce((sum, _, j) => sum + pointsOf(j, n), 0) / JUDGES;
      expect(e.sheetCount).toBe(JUDGES);
      expect(e.score).toBeCloseTo(mean, 6);
    }
  }, 120_000);
});

/** Objections are taken through the notice's last day; publication from the day after. */
const LAST_DAY = "2018-10-05";
const DAY_AFTER = "2018-10-06";

async function listOnNotice() {
  const comp = await makeNominatingCompetition(t.db, tree, {
    cityA: 10,
    cityB: 10,
    county: 5,
    collective: 2,
  });
  const ids = await makeProposedList(t.db, comp.competitionId, comp.individual.id, [
    { name: "王强", orgId: tree.cityA.id, proposed: true },
    { name: "张伟", orgId: tree.cityB.id, proposed: true },
  ]);
  const c = (await getCompetition(t.db, comp.competitionId))!;
  await t.db
    .transaction()
    .execute((trx) => openNotice(trx, SYSTEM_ACTOR, c, { start: "2018-10-01", days: 5, unit: "calendar" }));
  return { competition: (await getCompetition(t.db, comp.competitionId))!, ids };
}

/**
 * A transaction that stops before committing until released: the other side of the race runs
 * while this one's writes are made but not yet visible. On SQLite (one connection) the other
 * side simply waits; on PostgreSQL it runs alongside unless a lock makes it wait.
 */
function heldOpen<T>(work: (trx: Transaction<Database>) => Promise<T>) {
  let release!: () => void;
  let written!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const ready = new Promise<void>((r) => (written = r));
  const done = t.db.transaction().execute(async (trx) => {
    try {
      return await work(trx);
    } finally {
      written();
      await gate;
    }
  });
  return {
    ready,
    release,
    done: done.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
  };
}

const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** The invariant of docs/domain.md#publication: a published list never has an open objection against it. */
async function invariantHolds(competitionId: number) {
  const published = await count("publications", ["competition_id", String(competitionId)]);
  const open = Number(
    (
      await t.db
        .selectFrom("objections")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("competition_id", "=", competitionId)
        .where("status", "=", "open")
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { published, open, holds: !(published > 0 && open > 0) };
}

const publishInput = () => ({
  docNumber: "陕工发〔2018〕99号",
  publishedOn: DAY_AFTER,
  publishingOrgId: tree.province.id,
});

describe(`an objection filed while the admin publishes (${DB})`, () => {
  it("refuses a publication while an objection filed at the same moment is open, or takes the objection first", async () => {
    const { competition, ids } = await listOnNotice();
    // The objector's request was read on the notice's last day, the admin's just after midnight.
    process.env.LAUREL_TODAY = DAY_AFTER;
    const objection = heldOpen((trx) =>
      fileObjection(trx, Buffer.alloc(32, 1), {
        competitionId: competition.id,
        nominationId: ids[0],
        facts: "事迹不实。",
        name: null,
        contact: null,
        ip: "10.1.1.1",
        today: LAST_DAY,
      }),
    );
    await objection.ready;
    const publication = settle(
      t.db.transaction().execute((trx) => publish(trx, SYSTEM_ACTOR, competition, publishInput())),
    );
    await new Promise((r) => setTimeout(r, 300));
    objection.release();
    const [filed, published] = await Promise.all([objection.done, publication]);
    expect(filed.ok).toBe(true);
    expect(published.ok, "the publication went through beside an open objection").toBe(false);
    if (!published.ok) expect(published.error).toMatchObject({ messageKey: "notice.refuse.openObjections" });
    expect(await invariantHolds(competition.id)).toEqual({ published: 0, open: 1, holds: true });
    expect(await count("honorees", ["competition_id", String(competition.id)])).toBe(0);
  });

  it("refuses an objection that arrives while the publication is being written, once it is published", async () => {
    const { competition, ids } = await listOnNotice();
    process.env.LAUREL_TODAY = DAY_AFTER;
    const publication = heldOpen((trx) => publish(trx, SYSTEM_ACTOR, competition, publishInput()));
    await publication.ready;
    const objection = settle(
      t.db.transaction().execute((trx) =>
        fileObjection(trx, Buffer.alloc(32, 1), {
          competitionId: competition.id,
          nominationId: ids[1],
          facts: "事迹不实。",
          name: null,
          contact: null,
          ip: "10.1.1.2",
          today: LAST_DAY,
        }),
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    publication.release();
    const [published, filed] = await Promise.all([publication.done, objection]);
    expect(published.ok).toBe(true);
    expect(filed.ok, "an objection was stored against a list already published").toBe(false);
    if (!filed.ok) expect(filed.error).toMatchObject({ messageKey: "objection.closed" });
    expect(await invariantHolds(competition.id)).toEqual({ published: 1, open: 0, holds: true });
  });
});
