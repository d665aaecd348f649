import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { makeProposedList } from "../support/proposed-list";
import { routeHarness } from "../support/remix";
import { translate } from "~/i18n";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { getCompetition } from "~/models/competition.server";
import { getNotice, listRunningNotices, openNotice } from "~/models/notice.server";
import * as noticePage from "~/routes/competitions.$competitionId.notice";
import * as publicationPage from "~/routes/competitions.$competitionId.publication";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let tree: Awaited<ReturnType<typeof makeTree>>;
let provinceAdmin: { id: number };
let cityAdmin: { id: number };

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  tree = await makeTree(t.db);
  provinceAdmin = await makeUser(t.db, tree.province, ["admin"]);
  cityAdmin = await makeUser(t.db, tree.cityA, ["admin"]);
});
afterAll(() => t.destroy());
afterEach(() => {
  delete process.env.LAUREL_TODAY;
});

/** A competition of `organizer` in the notice stage with a proposed list of two. */
async function listReadyForNotice(organizer = tree.province) {
  const comp = await makeNominatingCompetition(t.db, tree, { cityA: 5, cityB: 5, county: 2, collective: 1 });
  await t.db
    .updateTable("competitions")
    .set({ org_id: organizer.id })
    .where("id", "=", comp.competitionId)
    .execute();
  const ids = await makeProposedList(t.db, comp.competitionId, comp.individual.id, [
    { name: "王强", orgId: tree.county.id, proposed: true },
    { name: "张伟", orgId: tree.county.id, proposed: true },
  ]);
  return { id: comp.competitionId, ids };
}

const count = async (table: "notices" | "publications", competitionId: number) =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .where("competition_id", "=", competitionId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const audits = async (action: string, competitionId: number) =>
  Number(
    (
      await t.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("action", "=", action)
        .where("entity_id", "=", String(competitionId))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("a notice starts today or later", () => {
  it("refuses a start in the past with a message and writes nothing; today is taken and the notice is on /notices", async () => {
    const { id, ids } = await listReadyForNotice();
    process.env.LAUREL_TODAY = "2018-10-08";
    const params = { competitionId: String(id) };
    const open = (start: string) =>
      h.post(
        noticePage.action,
        `/competitions/${id}/notice`,
        { intent: "open", start, days: "5", unit: "calendar" },
        { userId: provinceAdmin.id, params },
      );

    const past = await open("2018-10-01");
    expect(past.status).toBe(400);
    expect(past.data.errors.start).toEqual({ key: "notice.startInPast", params: { today: "2018-10-08" } });
    expect(translate("en", "notice.startInPast", { today: "2018-10-08" })).toBe(
      "The notice cannot start before today (2018-10-08): it must be public on this site for its whole period.",
    );
    expect(await count("notices", id)).toBe(0);
    expect(await audits("notice.open", id)).toBe(0);
    const statuses = await t.db.selectFrom("nominations").select("status").where("id", "in", ids).execute();
    expect(statuses.map((s) => s.status)).toEqual(["shortlisted", "shortlisted"]);

    expect((await open("2018-10-08")).status).toBe(200);
    expect(await getNotice(t.db, id)).toMatchObject({ starts_on: "2018-10-08", ends_on: "2018-10-12" });
    expect((await listRunningNotices(t.db, "2018-10-08")).map((n) => n.id)).toContain(id);
  });
});

describe("publishing in a union's name takes an admin of that union", () => {
  /** cityA's competition, its notice over (2018-10-08 to 10-12), on the 15th. */
  async function endedNotice() {
    const { id } = await listReadyForNotice(tree.cityA);
    const c = (await getCompetition(t.db, id))!;
    await t.db
      .transaction()
      .execute((trx) => openNotice(trx, SYSTEM_ACTOR, c, { start: "2018-10-08", days: 5, unit: "calendar" }));
    process.env.LAUREL_TODAY = "2018-10-15";
    return id;
  }
  const publish = (id: number, userId: number, orgId: number) =>
    h.post(
      publicationPage.action,
      `/competitions/${id}/publication`,
      {
        intent: "publish",
        doc_number: "甲工发〔2018〕3号",
        published_on: "2018-10-15",
        publishing_org: String(orgId),
      },
      { userId, params: { competitionId: String(id) } },
    );

  it("offers the city's admin only the city, and says who publishes as the province", async () => {
    const id = await endedNotice();
    const page = await h.get(publicationPage.loader, `/competitions/${id}/publication`, {
      userId: cityAdmin.id,
      params: { competitionId: String(id) },
    });
    expect(page.data.orgs).toEqual([
      { id: tree.cityA.id, name: tree.cityA.name, mayPublish: true },
      { id: tree.province.id, name: tree.province.name, mayPublish: false },
    ]);
    const asProvince = await h.get(publicationPage.loader, `/competitions/${id}/publication`, {
      userId: provinceAdmin.id,
      params: { competitionId: String(id) },
    });
    expect(asProvince.data.orgs.map((o: { mayPublish: boolean }) => o.mayPublish)).toEqual([true, true]);
  });

  it("refuses the city's admin publishing as the province (403, nothing written); the city's own name goes through", async () => {
    const id = await endedNotice();
    const refused = await publish(id, cityAdmin.id, tree.province.id);
    expect(refused.status).toBe(403);
    expect(refused.data.errors.publishing_org).toEqual({
      key: "publication.publishingOrgNotAdmin",
      params: { org: tree.province.name },
    });
    expect(await count("publications", id)).toBe(0);
    expect(await audits("publication.publish", id)).toBe(0);
    expect((await getCompetition(t.db, id))!.stage).toBe("notice");

    expect((await publish(id, cityAdmin.id, tree.cityA.id)).status).toBe(200);
    const row = await t.db
      .selectFrom("publications")
      .select("publishing_org_id")
      .where("competition_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.publishing_org_id).toBe(tree.cityA.id);
  });

  it("lets the province's admin publish the city's list in the province's name", async () => {
    const id = await endedNotice();
    expect((await publish(id, provinceAdmin.id, tree.province.id)).status).toBe(200);
    expect((await getCompetition(t.db, id))!.stage).toBe("published");
  });
});
