import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as participantsPage from "~/routes/competitions.$competitionId.contest.participants._index";
import * as applyPage from "~/routes/competitions.$competitionId.contest.apply";
import * as applicationsPage from "~/routes/competitions.$competitionId.contest.applications";
import * as targetsPage from "~/routes/competitions.$competitionId.contest.targets._index";
import { nowIso } from "~/utils/time.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeOrg, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { makeContest } from "../support/contest-fixture-c2";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let orgs: Record<
  "province" | "cityA" | "cityB" | "county" | "works" | "soe",
  Awaited<ReturnType<typeof makeOrg>>
>;
let users: Record<"province" | "cityA" | "cityB" | "county" | "works" | "worksNominator", number>;
let contest: Awaited<ReturnType<typeof makeContest>>;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  const province = await makeOrg(t.db, null, { name: "参赛省总工会", kind: "provincial" });
  const cityA = await makeOrg(t.db, province, { name: "参赛甲市总工会", kind: "city" });
  const cityB = await makeOrg(t.db, province, { name: "参赛乙市总工会", kind: "city" });
  const county = await makeOrg(t.db, cityA, { name: "参赛甲市某县总工会", kind: "county" });
  const works = await makeOrg(t.db, county, { name: "某县水泥厂工会", kind: "grassroots" });
  const soe = await makeOrg(t.db, province, { name: "省能源集团工会", kind: "industry" });
  orgs = { province, cityA, cityB, county, works, soe };
  const admin = async (org: typeof province) => (await makeUser(t.db, org, ["admin"])).id;
  users = {
    province: await admin(province),
    cityA: await admin(cityA),
    cityB: await admin(cityB),
    county: await admin(county),
    works: await admin(works),
    worksNominator: (await makeUser(t.db, works, ["nominator"])).id,
  };
  contest = await makeContest(t.db, province, "running");
});
afterAll(() => t.destroy());

const path = (tail: string) => `/competitions/${contest.id}/contest/${tail}`;
const params = () => ({ competitionId: String(contest.id) });
const version = async () =>
  (
    await t.db
      .selectFrom("contests")
      .select("standings_version")
      .where("competition_id", "=", contest.id)
      .executeTakeFirstOrThrow()
  ).standings_version;
const participantOf = (orgId: number) =>
  t.db
    .selectFrom("contest_participants")
    .selectAll()
    .where("competition_id", "=", contest.id)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
const audits = (action: string) =>
  t.db.selectFrom("audit_log").select(["action", "after_json"]).where("action", "=", action).execute();

describe("enrolment by the organizer's admin", () => {
  it("enrols an org of the subtree at once, audited, and bumps the standings version", async () => {
    const before = await version();
    const r = await h.post(
      participantsPage.action,
      path("participants"),
      {
        intent: "enrol",
        org: String(orgs.soe.id),
        group: String(contest.groups.soe),
      },
      { userId: users.province, params: params() },
    );
    expect(r.status).toBe(302);
    const p = await participantOf(orgs.soe.id);
    expect(p).toMatchObject({ status: "admitted", group_id: contest.groups.soe });
    expect(await version()).toBe(before + 1);
    expect((await audits("contest.participant.enrol")).map((a) => JSON.parse(a.after_json!).org)).toContain(
      "省能源集团工会",
    );
    const page = await h.get(participantsPage.loader, path("participants"), {
      userId: users.province,
      params: params(),
    });
    expect(page.data.participants.map((x: { orgName: string }) => x.orgName)).toContain("省能源集团工会");
  });

  it("refuses admins below the organizer, and an org enrolled twice", async () => {
    const form = { intent: "enrol", org: String(orgs.cityB.id), group: String(contest.groups.city) };
    expect(
      (
        await h.post(participantsPage.action, path("participants"), form, {
          userId: users.cityA,
          params: params(),
        })
      ).status,
    ).toBe(403);
    expect(
      (await h.get(participantsPage.loader, path("participants"), { userId: users.works, params: params() }))
        .status,
    ).toBe(403);
    const again = await h.post(
      participantsPage.action,
      path("participants"),
      {
        intent: "enrol",
        org: String(orgs.soe.id),
        group: String(contest.groups.city),
      },
      { userId: users.province, params: params() },
    );
    expect(again.status).toBe(400);
    expect(again.data.errors.org.key).toBe("contestParticipants.already.admitted");
  });

  it("moves, withdraws and disqualifies only with a reason, each audited", async () => {
    await h.post(
      participantsPage.action,
      path("participants"),
      { intent: "enrol", org: String(orgs.cityB.id), group: String(contest.groups.soe) },
      { userId: users.province, params: params() },
    );
    const p = (await participantOf(orgs.cityB.id))!;
    const moved = await h.post(
      participantsPage.action,
      path("participants"),
      { intent: "move", participant: String(p.id), group: String(contest.groups.city) },
      { userId: users.province, params: params() },
    );
    expect(moved.status).toBe(302);
    expect((await participantOf(orgs.cityB.id))!.group_id).toBe(contest.groups.city);

    const noReason = await h.post(
      participantsPage.action,
      path("participants"),
      { intent: "disqualify", participant: String(p.id), reason: "  " },
      { userId: users.province, params: params() },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors._form.key).toBe("contestParticipants.reasonRequired");
    expect((await participantOf(orgs.cityB.id))!.status).toBe("admitted");

    const before = await version();
    const dq = await h.post(
      participantsPage.action,
      path("participants"),
      { intent: "disqualify", participant: String(p.id), reason: "数据造假" },
      { userId: users.province, params: params() },
    );
    expect(dq.status).toBe(302);
    expect(await participantOf(orgs.cityB.id)).toMatchObject({ status: "disqualified", reason: "数据造假" });
    expect(await version()).toBe(before + 1);
    expect(await audits("contest.participant.disqualify")).toHaveLength(1);
    // Disqualified stays listed, and can no longer be withdrawn or moved.
    const w = await h.post(
      participantsPage.action,
      path("participants"),
      { intent: "withdraw", participant: String(p.id), reason: "x" },
      { userId: users.province, params: params() },
    );
    expect(w.status).toBe(400);
  });

  it("refuses a move after a verified report, and anything after the running stage", async () => {
    const p = (await participantOf(orgs.soe.id))!;
    const now = nowIso();
    await t.db
      .insertInto("contest_reports")
      .values({
        participant_id: p.id,
        period_id: contest.periods.q1,
        status: "verified",
        note: "",
        late: 0,
        late_consented_by: null,
        late_consented_at: null,
        return_reason: null,
        submitted_by: null,
        submitted_at: now,
        verified_by: null,
        verified_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const moved = await h.post(
      participantsPage.action,
      path("participants"),
      { intent: "move", participant: String(p.id), group: String(contest.groups.city) },
      { userId: users.province, params: params() },
    );
    expect(moved.status).toBe(400);
    expect(moved.data.errors.group.key).toBe("contestParticipants.moveAfterVerified");
    const withdrawn = await h.post(
      participantsPage.action,
      path("participants"),
      { intent: "withdraw", participant: String(p.id), reason: "主动退出" },
      { userId: users.province, params: params() },
    );
    expect(withdrawn.status).toBe(302);
    expect(await participantOf(orgs.soe.id)).toMatchObject({ status: "withdrawn", reason: "主动退出" });
    await t.db
      .updateTable("competitions")
      .set({ stage: "nominating" })
      .where("id", "=", contest.id)
      .execute();
    try {
      const late = await h.post(
        participantsPage.action,
        path("participants"),
        { intent: "enrol", org: String(orgs.soe.id), group: String(contest.groups.soe) },
        { userId: users.province, params: params() },
      );
      expect(late.status).toBe(400);
      expect(late.data.errors._form.key).toBe("contestParticipants.closedStage");
    } finally {
      await t.db.updateTable("competitions").set({ stage: "running" }).where("id", "=", contest.id).execute();
    }
  });
});

describe("an application climbing the tree (逐级审核)", () => {
  const decide = (userId: number, form: Record<string, string>) =>
    h.post(applicationsPage.action, path("applications"), form, { userId, params: params() });

  it("waits at each union in turn, is returned with a reason, re-applied, and admitted by the organizer", async () => {
    expect(
      (await h.get(applyPage.loader, path("apply"), { userId: users.worksNominator, params: params() }))
        .status,
    ).toBe(403);
    expect(
      (await h.get(applyPage.loader, path("apply"), { userId: users.province, params: params() })).status,
    ).toBe(403);
    const applied = await h.post(
      applyPage.action,
      path("apply"),
      { org: String(orgs.works.id), group: String(contest.groups.city) },
      { userId: users.works, params: params() },
    );
    expect(applied.status).toBe(302);
    let p = (await participantOf(orgs.works.id))!;
    expect(p).toMatchObject({ status: "applied", awaiting_org_id: orgs.county.id, applied_by: users.works });

    // The county's list holds it; city A's does not yet.
    const countyList = await h.get(applicationsPage.loader, path("applications"), {
      userId: users.county,
      params: params(),
    });
    expect(countyList.data.waiting.map((w: { id: number }) => w.id)).toEqual([p.id]);
    const cityBList = await h.get(applicationsPage.loader, path("applications"), {
      userId: users.cityB,
      params: params(),
    });
    expect(cityBList.data.waiting).toEqual([]);
    // A union not on the way may not decide.
    expect(
      (
        await decide(users.cityB, {
          intent: "approve",
          participant: String(p.id),
          awaiting: String(orgs.county.id),
        })
      ).status,
    ).toBe(403);

    const noReason = await decide(users.county, {
      intent: "return",
      participant: String(p.id),
      awaiting: String(orgs.county.id),
      reason: "",
    });
    expect(noReason.status).toBe(400);
    const returned = await decide(users.county, {
      intent: "return",
      participant: String(p.id),
      awaiting: String(orgs.county.id),
      reason: "材料不全",
    });
    expect(returned.status).toBe(302);
    p = (await participantOf(orgs.works.id))!;
    expect(p).toMatchObject({ status: "returned", awaiting_org_id: null, reason: "材料不全" });
    const told = await t.db
      .selectFrom("notifications")
      .select(["user_id", "params_json"])
      .where("kind", "=", "contest_application_decided")
      .execute();
    expect(told.map((n) => n.user_id)).toEqual([users.works]);
    expect(JSON.parse(told[0].params_json).decision).toContain("材料不全");

    expect(
      (
        await h.post(
          applyPage.action,
          path("apply"),
          { org: String(orgs.works.id), group: String(contest.groups.city) },
          { userId: users.works, params: params() },
        )
      ).status,
    ).toBe(302);
    expect((await participantOf(orgs.works.id))!).toMatchObject({
      status: "applied",
      awaiting_org_id: orgs.county.id,
      reason: null,
    });

    expect(
      (
        await decide(users.county, {
          intent: "approve",
          participant: String(p.id),
          awaiting: String(orgs.county.id),
        })
      ).status,
    ).toBe(302);
    expect((await participantOf(orgs.works.id))!.awaiting_org_id).toBe(orgs.cityA.id);
    // The county's second click, on a page now stale: refused, nothing applied at city A's step.
    expect(
      (
        await decide(users.county, {
          intent: "approve",
          participant: String(p.id),
          awaiting: String(orgs.county.id),
        })
      ).status,
    ).toBe(409);
    // Only the organizer admits.
    const early = await decide(users.cityA, {
      intent: "admit",
      participant: String(p.id),
      awaiting: String(orgs.cityA.id),
    });
    expect(early.status).toBe(400);
    expect(
      (
        await decide(users.cityA, {
          intent: "approve",
          participant: String(p.id),
          awaiting: String(orgs.cityA.id),
        })
      ).status,
    ).toBe(302);
    expect((await participantOf(orgs.works.id))!.awaiting_org_id).toBe(orgs.province.id);
    expect(
      (
        await decide(users.cityA, {
          intent: "admit",
          participant: String(p.id),
          awaiting: String(orgs.province.id),
        })
      ).status,
    ).toBe(403);

    const before = await version();
    expect(
      (
        await decide(users.province, {
          intent: "admit",
          participant: String(p.id),
          awaiting: String(orgs.province.id),
        })
      ).status,
    ).toBe(302);
    expect(await participantOf(orgs.works.id)).toMatchObject({ status: "admitted", awaiting_org_id: null });
    expect(await version()).toBe(before + 1);

    const steps = await t.db
      .selectFrom("contest_application_steps")
      .select(["org_id", "decision", "reason"])
      .where("participant_id", "=", p.id)
      .orderBy("id")
      .execute();
    expect(steps).toEqual([
      { org_id: orgs.county.id, decision: "returned", reason: "材料不全" },
      { org_id: orgs.county.id, decision: "approved", reason: null },
      { org_id: orgs.cityA.id, decision: "approved", reason: null },
      { org_id: orgs.province.id, decision: "admitted", reason: null },
    ]);
    expect(await audits("contest.participant.approve")).toHaveLength(2);
    expect(await audits("contest.participant.admit")).toHaveLength(1);
    expect(
      await t.db
        .selectFrom("notifications")
        .select("id")
        .where("kind", "=", "contest_application_decided")
        .execute(),
    ).toHaveLength(2);
    const mine = await h.get(applyPage.loader, path("apply"), { userId: users.works, params: params() });
    expect(mine.data.own[0].status).toBe("admitted");
    expect(mine.data.steps).toHaveLength(4);
  });

  it("refuses a second application while one climbs or competes", async () => {
    const again = await h.post(
      applyPage.action,
      path("apply"),
      { org: String(orgs.works.id), group: String(contest.groups.city) },
      { userId: users.works, params: params() },
    );
    expect(again.status).toBe(400);
    expect(again.data.errors.org.key).toBe("contestParticipants.already.admitted");
  });
});

describe("targets by form", () => {
  it("sets the year's and a period's targets of an admitted participant, refusing a bad cell whole", async () => {
    const p = (await participantOf(orgs.works.id))!;
    const field = (ind: number, period: number | null) => `t_${ind}_${period ?? 0}`;
    const bad = await h.post(
      targetsPage.action,
      path("targets"),
      {
        participant: String(p.id),
        [field(contest.indicators.invest, null)]: "1200",
        [field(contest.indicators.invest, contest.periods.q1)]: "-5",
      },
      { userId: users.province, params: params() },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors[field(contest.indicators.invest, contest.periods.q1)].key).toBe(
      "contestTargets.negative",
    );
    expect(
      await t.db.selectFrom("contest_targets").select("id").where("participant_id", "=", p.id).execute(),
    ).toEqual([]);

    const before = await version();
    const ok = await h.post(
      targetsPage.action,
      path("targets"),
      {
        participant: String(p.id),
        [field(contest.indicators.invest, null)]: "1200",
        [field(contest.indicators.invest, contest.periods.q2)]: "500",
        [field(contest.indicators.vill, null)]: "12",
      },
      { userId: users.province, params: params() },
    );
    expect(ok.status).toBe(302);
    const rows = await t.db
      .selectFrom("contest_targets")
      .select(["indicator_id", "period_id", "target"])
      .where("participant_id", "=", p.id)
      .orderBy("indicator_id")
      .orderBy("period_id")
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows).toContainEqual({
      indicator_id: contest.indicators.invest,
      period_id: contest.periods.q2,
      target: 500,
    });
    expect(await version()).toBe(before + 1);
    expect(
      (
        await h.post(
          targetsPage.action,
          path("targets"),
          { participant: String(p.id) },
          { userId: users.cityA, params: params() },
        )
      ).status,
    ).toBe(403);
  });
});
