import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeOrg, makeTree } from "../support/factories";
import { markHonoreeHelperRevoked, registerHonoreesAsHelpers } from "~/models/honoree-helpers.server";
import { loadMatchInput } from "~/models/registry-coverage.server";
import type { NominationStatus } from "~/domain/nominations/vocabulary";
import type { Actor } from "~/models/audit.server";

const ACTOR: Actor = { userId: null, label: "test", ip: null };

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.destroy());

async function nomination(
  competitionId: number,
  categoryId: number,
  orgId: number,
  ref: string,
  kind: "individual" | "collective",
  status: NominationStatus,
) {
  const now = new Date().toISOString();
  const { id } = await t.db
    .insertInto("nominations")
    .values({
      competition_id: competitionId,
      category_id: categoryId,
      org_id: orgId,
      ref,
      kind,
      status,
      name: `候选${ref}`,
      workplace: kind === "individual" ? "某厂" : null,
      summary: "",
      deeds: "",
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

describe("honorees become helpers", () => {
  it("registers each commended honoree of a titled category once, with its city, and marks a revoked one", async () => {
    const tree = await makeTree(t.db);
    const enterprise = await makeOrg(t.db, tree.county, { name: "甲市某县某企业工会", kind: "grassroots" });
    const { competitionId, individual, collective } = await makeNominatingCompetition(t.db, tree, {
      cityA: 3,
      cityB: 3,
      county: 3,
      collective: 2,
    });
    await t.db
      .updateTable("categories")
      .set({ honor_level: "provincial", honor_title: "陕西省劳动模范" })
      .where("id", "=", individual.id)
      .execute();
    const a = await nomination(competitionId, individual.id, enterprise.id, "P1", "individual", "commended");
    await nomination(competitionId, individual.id, tree.cityB.id, "P2", "individual", "commended");
    await nomination(competitionId, individual.id, tree.cityB.id, "P3", "individual", "withdrawn");
    await nomination(competitionId, collective.id, tree.cityA.id, "C1", "collective", "commended");

    expect(
      await t.db.transaction().execute((trx) => registerHonoreesAsHelpers(trx, ACTOR, individual.id)),
    ).toBe(2);
    // Publication again (or another category's) never duplicates; an untitled category adds nobody.
    expect(
      await t.db.transaction().execute((trx) => registerHonoreesAsHelpers(trx, ACTOR, individual.id)),
    ).toBe(0);
    expect(
      await t.db.transaction().execute((trx) => registerHonoreesAsHelpers(trx, ACTOR, collective.id)),
    ).toBe(0);

    const helpers = await t.db
      .selectFrom("helpers")
      .select([
        "ref",
        "kind",
        "name",
        "city",
        "level",
        "title",
        "year",
        "workplace",
        "org_id",
        "nomination_id",
        "capacity",
      ])
      .orderBy("ref")
      .execute();
    expect(helpers).toEqual([
      {
        ref: `H${competitionId}-P1`,
        kind: "worker",
        name: "候选P1",
        city: "甲市",
        level: "provincial",
        title: "陕西省劳动模范",
        year: 2018,
        workplace: "某厂",
        org_id: enterprise.id,
        nomination_id: a,
        capacity: 1,
      },
      expect.objectContaining({ ref: `H${competitionId}-P2`, city: "乙市", org_id: tree.cityB.id }),
    ]);

    await t.db.transaction().execute((trx) => markHonoreeHelperRevoked(trx, ACTOR, a));
    const revoked = await t.db
      .selectFrom("helpers")
      .select("revoked_at")
      .where("nomination_id", "=", a)
      .executeTakeFirstOrThrow();
    expect(revoked.revoked_at).not.toBeNull();
    expect((await loadMatchInput(t.db)).helpers.map((h) => h.id)).toEqual([`H${competitionId}-P2`]);
    await t.db.transaction().execute((trx) => markHonoreeHelperRevoked(trx, ACTOR, 999_999));
  });
});
