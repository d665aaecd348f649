import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { makeOpenNotice } from "../support/notice-fixture";
import { insertEligible, makeJudgingWorld } from "./judging-fixture";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { transitionNomination } from "~/models/nomination.server";
import { reviewNominations } from "~/models/nomination-review.server";
import { getJudgingCategory } from "~/models/judging-category.server";
import { addPanelJudge, assignManually, assignPanel } from "~/models/panel.server";
import { fileObjection } from "~/models/objection.server";
import { getOrg } from "~/models/org.server";

/*
 * Issue 19: each event notifies in the transaction that makes it (decision 025), so a refused or
 * rolled-back event leaves no notification.
 */

type Db = TestDatabase["db"];

const notificationsOf = (db: Db, userId: number) =>
  db
    .selectFrom("notifications")
    .select(["kind", "params_json", "link"])
    .where("user_id", "=", userId)
    .orderBy("id")
    .execute()
    .then((rows) => rows.map((r) => ({ kind: r.kind, params: JSON.parse(r.params_json), link: r.link })));

const countAll = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom("notifications")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

class Rollback extends Error {}
async function rolledBack(db: Db, work: (trx: Transaction<Database>) => Promise<unknown>) {
  await expect(
    db.transaction().execute(async (trx) => {
      await work(trx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

describe("a nomination returned, found eligible or ineligible", () => {
  let t: TestDatabase;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let target: { competitionId: number; categoryId: number };
  let nominatorA: number;
  let nominatorA2: number;
  let nominatorB: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    tree = await makeTree(t.db);
    nominatorA = (await makeUser(t.db, tree.cityA, ["nominator"])).id;
    nominatorA2 = (await makeUser(t.db, tree.cityA, ["nominator"])).id;
    nominatorB = (await makeUser(t.db, tree.cityB, ["nominator"])).id;
    await t.db.updateTable("users").set({ email: "a@example.org" }).where("id", "=", nominatorA).execute();
    const comp = await makeNominatingCompetition(t.db, tree, {
      cityA: 20,
      cityB: 20,
      county: 0,
      collective: 0,
    });
    target = { competitionId: comp.competitionId, categoryId: comp.individual.id };
    await t.db.updateTable("competitions").set({ stage: "reviewing" }).execute();
  });
  afterAll(() => t.destroy());

  const submitted = (name: string, org = tree.cityA) =>
    insertEligible(t.db, target, org, { name, status: "submitted" });
  const nomination = (id: number) => ({ id, status: "submitted" as const, org_path: tree.cityA.path });

  it("tells the nominators of the nomination's org that it was returned, with the reason and a link", async () => {
    const n = await submitted("李红");
    await t.db
      .transaction()
      .execute((trx) =>
        transitionNomination(trx, SYSTEM_ACTOR, nomination(n.id), "returned", "admin", "缺少推荐表"),
      );
    const expected = {
      kind: "nomination_returned",
      params: { name: "李红", competition: "2018年度全省工会脱贫攻坚竞赛", reason: "缺少推荐表" },
      link: `/nominations/${n.id}`,
    };
    expect(await notificationsOf(t.db, nominatorA)).toEqual([expected]);
    expect(await notificationsOf(t.db, nominatorA2)).toEqual([expected]);
    expect(await notificationsOf(t.db, nominatorB)).toEqual([]);
    const mails = await t.db.selectFrom("outbox").select(["to_address", "subject"]).execute();
    expect(mails).toEqual([
      { to_address: "a@example.org", subject: "推荐被退回：李红（2018年度全省工会脱贫攻坚竞赛）" },
    ]);
  });

  it("leaves no notification when the return rolls back or is refused", async () => {
    const n = await submitted("王刚");
    const before = await countAll(t.db);
    await rolledBack(t.db, (trx) =>
      transitionNomination(trx, SYSTEM_ACTOR, nomination(n.id), "returned", "admin", "材料不全"),
    );
    // No reason: the lifecycle refuses a return without one.
    await expect(
      t.db
        .transaction()
        .execute((trx) =>
          transitionNomination(trx, SYSTEM_ACTOR, nomination(n.id), "returned", "admin", null),
        ),
    ).rejects.toThrow();
    expect(await countAll(t.db)).toBe(before);
  });

  it("tells each org's nominators about a bulk review's decisions, and nothing when the batch is refused", async () => {
    const a1 = await submitted("赵一");
    const a2 = await submitted("赵二");
    const b1 = await submitted("钱三", tree.cityB);
    const competition = { id: target.competitionId, stage: "reviewing" as const };
    const before = {
      a: (await notificationsOf(t.db, nominatorA)).length,
      b: (await notificationsOf(t.db, nominatorB)).length,
    };
    await t.db.transaction().execute((trx) =>
      reviewNominations(trx, SYSTEM_ACTOR, competition, {
        ids: [a1.id, b1.id],
        decision: "markIneligible",
        reason: "不符合推荐条件",
      }),
    );
    await t.db.transaction().execute((trx) =>
      reviewNominations(trx, SYSTEM_ACTOR, competition, {
        ids: [a2.id],
        decision: "markEligible",
        reason: null,
      }),
    );
    const a = (await notificationsOf(t.db, nominatorA)).slice(before.a);
    expect(a).toEqual([
      {
        kind: "nomination_ineligible",
        params: { name: "赵一", competition: "2018年度全省工会脱贫攻坚竞赛", reason: "不符合推荐条件" },
        link: `/nominations/${a1.id}`,
      },
      {
        kind: "nomination_eligible",
        params: { name: "赵二", competition: "2018年度全省工会脱贫攻坚竞赛", reason: "" },
        link: `/nominations/${a2.id}`,
      },
    ]);
    expect((await notificationsOf(t.db, nominatorB)).slice(before.b).map((x) => x.params.name)).toEqual([
      "钱三",
    ]);

    // a2 is decided already: the whole batch is refused, and so are its notifications.
    const c1 = await submitted("孙四");
    const count = await countAll(t.db);
    await expect(
      t.db.transaction().execute((trx) =>
        reviewNominations(trx, SYSTEM_ACTOR, competition, {
          ids: [c1.id, a2.id],
          decision: "markEligible",
          reason: null,
        }),
      ),
    ).rejects.toThrow();
    expect(await countAll(t.db)).toBe(count);
  });

  it("asks for an org's nominators once per bulk review, not once per nomination", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await submitted(`批量${i}`)).id);
    const grantReads: unknown[] = [];
    const competition = { id: target.competitionId, stage: "reviewing" as const };
    await t.db.transaction().execute(async (trx) => {
      const counted = trx.withPlugin({
        transformQuery: (args) => {
          if (args.node.kind === "SelectQueryNode" && JSON.stringify(args.node).includes('"role_grants"'))
            grantReads.push(args.node);
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      await reviewNominations(counted, SYSTEM_ACTOR, competition, {
        ids,
        decision: "markEligible",
        reason: null,
      });
    });
    expect(grantReads).toHaveLength(1);
    expect(
      (await notificationsOf(t.db, nominatorA2)).filter((n) => n.params.name.startsWith("批量")),
    ).toHaveLength(12);
  });
});

describe("sheets assigned to judges", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it("tells each judge how many, in which category, naming no nominee; nothing when the assignment is refused", async () => {
    const world = await makeJudgingWorld(t.db);
    const cat = (await getJudgingCategory(t.db, world.individual.id))!;
    for (const [i, org] of [
      world.tree.cityA,
      world.tree.cityB,
      world.tree.county,
      world.tree.cityA,
    ].entries())
      await insertEligible(t.db, world.target, org, { name: `被推荐人${i}` });
    // No judge on the panel yet: refused, and nobody told.
    await expect(t.db.transaction().execute((trx) => assignPanel(trx, SYSTEM_ACTOR, cat))).rejects.toThrow();
    expect(await countAll(t.db)).toBe(0);

    await t.db.transaction().execute(async (trx) => {
      for (const j of world.judges) await addPanelJudge(trx, SYSTEM_ACTOR, cat, j.id);
      await assignPanel(trx, SYSTEM_ACTOR, cat);
    });
    const assigned = await t.db
      .selectFrom("judge_assignments")
      .innerJoin("panel_members", "panel_members.id", "judge_assignments.panel_member_id")
      .select(["panel_members.user_id"])
      .execute();
    for (const judge of world.judges) {
      const count = assigned.filter((a) => a.user_id === judge.id).length;
      const got = await notificationsOf(t.db, judge.id);
      if (count === 0) {
        expect(got).toEqual([]);
        continue;
      }
      expect(got).toEqual([
        {
          kind: "sheets_assigned",
          params: { count, category: "先进个人", competition: "2018年度全省工会脱贫攻坚竞赛" },
          link: "/judging",
        },
      ]);
    }
    expect(
      JSON.stringify(await t.db.selectFrom("notifications").select("params_json").execute()),
    ).not.toContain("被推荐人");

    // Rebalancing hands out nothing new: nobody is told again.
    const made = await countAll(t.db);
    await t.db.transaction().execute((trx) => assignPanel(trx, SYSTEM_ACTOR, cat));
    expect(await countAll(t.db)).toBe(made);

    // A manual placement tells that judge about one sheet.
    const extra = await insertEligible(t.db, world.target, world.tree.cityB, { name: "补充人" });
    const members = await t.db
      .selectFrom("panel_members")
      .select(["id", "user_id"])
      .where("category_id", "=", cat.id)
      .orderBy("id")
      .execute();
    const judgeC = members.find((m) => m.user_id === world.judges[2].id)!;
    await t.db.transaction().execute((trx) => assignManually(trx, SYSTEM_ACTOR, cat, judgeC.id, extra.id));
    expect((await notificationsOf(t.db, world.judges[2].id)).at(-1)).toEqual({
      kind: "sheets_assigned",
      params: { count: 1, category: "先进个人", competition: "2018年度全省工会脱贫攻坚竞赛" },
      link: "/judging",
    });
  });
});

describe("an objection filed", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it("tells the organizer's admins that one came, without the objector or the facts; nothing when refused", async () => {
    const { competitionId, ids } = await makeOpenNotice(t.db);
    const c = await t.db
      .selectFrom("competitions")
      .select(["org_id", "title"])
      .where("id", "=", competitionId)
      .executeTakeFirstOrThrow();
    const organizer = (await getOrg(t.db, c.org_id))!;
    const admin = (await makeUser(t.db, organizer, ["admin"])).id;
    const nominator = (await makeUser(t.db, organizer, ["nominator"])).id;
    const key = Buffer.alloc(32, 7);
    const objection = (today: string) =>
      t.db.transaction().execute((trx) =>
        fileObjection(trx, key, {
          competitionId,
          nominationId: ids[0],
          facts: "该同志事迹材料与实际不符。",
          name: "举报人张某",
          contact: "13900001111",
          ip: null,
          today,
        }),
      );
    // After the notice period: refused, nobody told.
    await expect(objection("2018-12-01")).rejects.toThrow();
    expect(await countAll(t.db)).toBe(0);

    await objection("2018-10-03");
    expect(await notificationsOf(t.db, admin)).toEqual([
      {
        kind: "objection_filed",
        params: { competition: c.title },
        link: `/competitions/${competitionId}/notice`,
      },
    ]);
    expect(await notificationsOf(t.db, nominator)).toEqual([]);
    const stored = JSON.stringify(await t.db.selectFrom("notifications").selectAll().execute());
    for (const secret of ["举报人张某", "13900001111", "事迹材料与实际不符"])
      expect(stored).not.toContain(secret);
  });
});
