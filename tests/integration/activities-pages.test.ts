import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTree, makeUser } from "../support/factories";
import { routeHarness } from "../support/remix";
import { insertCounties } from "../support/activities";
import * as statsPage from "../../app/routes/stats._index";
import * as statsExport from "../../app/routes/stats.export";
import * as aidDesk from "../../app/routes/aid._index";
import * as teamPage from "../../app/routes/aid.teams.$teamId";
import * as newActivity from "../../app/routes/aid.activities.new";
import * as newProject from "../../app/routes/aid.projects.new";
import * as editProject from "../../app/routes/aid.projects.$projectId";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let provinceAdmin: number;
let cityAdmin: number;
let otherCityAdmin: number;
let nominator: number;
let helperId: number;
let countyId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
  await insertCounties(t.db);
  provinceAdmin = (await makeUser(t.db, tree.province, ["admin"])).id;
  cityAdmin = (await makeUser(t.db, tree.cityA, ["admin"])).id;
  otherCityAdmin = (await makeUser(t.db, tree.cityB, ["admin"])).id;
  nominator = (await makeUser(t.db, tree.cityA, ["nominator"])).id;
  const now = "2018-01-01T00:00:00.000Z";
  helperId = (
    await t.db
      .insertInto("helpers")
      .values({
        ref: "H1",
        kind: "worker",
        name: "王劳模",
        city: "甲市",
        skills: "",
        capacity: 2,
        level: "provincial",
        title: null,
        year: 2015,
        ownership: null,
        workplace: null,
        contact_enc: null,
        contact_masked: null,
        org_id: tree.cityA.id,
        nomination_id: null,
        revoked_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  countyId = (
    await t.db.selectFrom("counties").select("id").where("code", "=", "610824").executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.destroy());

const activityForm = (teamId: number, over: Record<string, string> = {}) => ({
  teamId: String(teamId),
  date: "2018-06-01",
  county_code: "610824",
  village: "杨桥畔村",
  kind: "技术培训",
  funds_yuan: "15,000.50",
  person_times: "12",
  households_helped: "8",
  people_helped: "30",
  households_lifted: "3",
  people_lifted: "10",
  ...over,
});

describe("the aid pages", () => {
  let teamId: number;

  it("keep non-admins out of /aid and let everyone read /stats", async () => {
    expect((await h.get(aidDesk.loader, "/aid")).status).toBe(302);
    expect((await h.get(aidDesk.loader, "/aid", { userId: nominator })).status).toBe(403);
    const page = await h.get(statsPage.loader, "/stats");
    expect(page.status).toBe(200);
    expect(page.data.report.province.activities).toBe(0);
    expect(page.data.admin).toBe(false);
    expect((await h.get(statsPage.loader, "/stats?year=abc")).status).toBe(400);
  });

  it("create a team under the admin's org, refuse an org outside it", async () => {
    const outside = await h.post(
      aidDesk.action,
      "/aid",
      { intent: "team", name: "乙市服务队", orgId: String(tree.cityB.id) },
      { userId: cityAdmin },
    );
    expect(outside.status).toBe(400);
    expect(outside.data.errors.orgId.key).toBe("error.orgOutsideScope");
    const made = await h.post(
      aidDesk.action,
      "/aid",
      { intent: "team", name: "甲市农业技术服务队", orgId: String(tree.cityA.id) },
      { userId: cityAdmin },
    );
    expect(made.status).toBe(302);
    teamId = Number(made.headers.get("location")!.split("/").pop());
    const taken = await h.post(
      aidDesk.action,
      "/aid",
      { intent: "team", name: "甲市农业技术服务队", orgId: String(tree.cityA.id) },
      { userId: provinceAdmin },
    );
    expect(taken.data.errors.name.key).toBe("activities.team.nameTaken");
    expect(
      (
        await h.get(teamPage.loader, `/aid/teams/${teamId}`, {
          userId: otherCityAdmin,
          params: { teamId: String(teamId) },
        })
      ).status,
    ).toBe(403);
    expect(
      (await h.get(teamPage.loader, "/aid/teams/999", { userId: cityAdmin, params: { teamId: "999" } }))
        .status,
    ).toBe(404);
    const member = await h.post(
      teamPage.action,
      `/aid/teams/${teamId}`,
      { intent: "add", name: "李技师", workplace: "甲市农技站", skills: "果树" },
      { userId: cityAdmin, params: { teamId: String(teamId) } },
    );
    expect(member.status).toBe(302);
    const page = await h.get(teamPage.loader, `/aid/teams/${teamId}`, {
      userId: provinceAdmin,
      params: { teamId: String(teamId) },
    });
    expect(page.data.members.map((m: { name: string }) => m.name)).toEqual(["李技师"]);
  });

  it("record an activity from the form, refusing implausible figures and another org's team", async () => {
    const implausible = await h.post(
      newActivity.action,
      "/aid/activities/new",
      activityForm(teamId, { people_lifted: "31" }),
      { userId: cityAdmin },
    );
    expect(implausible.status).toBe(400);
    expect(implausible.data.errors.people_lifted.key).toBe("activities.rule.peopleLifted");
    expect(
      (
        await h.post(newActivity.action, "/aid/activities/new", activityForm(teamId), {
          userId: otherCityAdmin,
        })
      ).status,
    ).toBe(403);
    expect(
      (await h.post(newActivity.action, "/aid/activities/new", activityForm(teamId), { userId: cityAdmin }))
        .status,
    ).toBe(302);
    const again = await h.post(newActivity.action, "/aid/activities/new", activityForm(teamId), {
      userId: cityAdmin,
    });
    expect(again.data.errors.village.key).toBe("activities.duplicate");
    const stats = (await h.get(statsPage.loader, "/stats?year=2018")).data.report.province;
    expect(stats).toMatchObject({
      teams: 1,
      activities: 1,
      funds_fen: 1500050,
      villages: 1,
      people_lifted: 10,
    });
    const csv = await h.get(statsExport.loader, "/stats/export?format=csv");
    expect(csv.status).toBe(200);
    expect(String(csv.data)).toContain("15000.50");
    expect((await h.get(statsExport.loader, "/stats/export?format=pdf")).status).toBe(400);
    const desk = await h.get(aidDesk.loader, "/aid", { userId: cityAdmin });
    expect((await h.get(aidDesk.loader, "/aid", { userId: otherCityAdmin })).data.activities).toEqual([]);
    const deleted = await h.post(
      aidDesk.action,
      "/aid",
      { intent: "delete", activityId: String(desk.data.activities[0].id) },
      { userId: cityAdmin },
    );
    expect(deleted.status).toBe(302);
    expect((await h.get(statsPage.loader, "/stats?year=2018")).data.report.province.activities).toBe(0);
    expect(
      (await h.post(newActivity.action, "/aid/activities/new", activityForm(teamId), { userId: cityAdmin }))
        .status,
    ).toBe(302);
  });

  it("file and edit a project for a helper in scope, with investment exact to the fen", async () => {
    const form = {
      title: "苹果产业示范园",
      helperId: String(helperId),
      countyId: String(countyId),
      investment: "1,520,000.05",
      startedOn: "2018-03-01",
      endedOn: "2018-12-31",
      status: "ongoing",
    };
    expect(
      (await h.post(newProject.action, "/aid/projects/new", form, { userId: otherCityAdmin })).data.errors
        .helperId.key,
    ).toBe("form.invalidChoice");
    const backwards = await h.post(
      newProject.action,
      "/aid/projects/new",
      { ...form, endedOn: "2018-01-01" },
      { userId: cityAdmin },
    );
    expect(backwards.data.errors.endedOn.key).toBe("activities.project.endsBeforeStart");
    expect((await h.post(newProject.action, "/aid/projects/new", form, { userId: cityAdmin })).status).toBe(
      302,
    );
    const project = await t.db
      .selectFrom("aid_projects")
      .select(["id", "investment_fen"])
      .executeTakeFirstOrThrow();
    expect(project.investment_fen).toBe(152000005);
    const params = { projectId: String(project.id) };
    expect(
      (await h.get(editProject.loader, `/aid/projects/${project.id}`, { userId: otherCityAdmin, params }))
        .status,
    ).toBe(403);
    const edited = await h.post(
      editProject.action,
      `/aid/projects/${project.id}`,
      { ...form, status: "completed", investment: "0.1" },
      { userId: provinceAdmin, params },
    );
    expect(edited.status).toBe(302);
    expect(
      await t.db.selectFrom("aid_projects").select(["status", "investment_fen"]).executeTakeFirstOrThrow(),
    ).toEqual({ status: "completed", investment_fen: 10 });
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "aid_project.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["aid_project.create", "aid_project.update"]);
  });
});
