import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeNominatingCompetition, makeTree, makeUser } from "../support/factories";
import { makeProposedList } from "../support/proposed-list";
import { routeHarness } from "../support/remix";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { getCompetition } from "~/models/competition.server";
import { openNotice } from "~/models/notice.server";
import { translate } from "~/i18n";
import * as publicationRoute from "~/routes/competitions.$competitionId.publication";
import * as rollRoute from "~/routes/honors.$competitionId._index";

let t: TestDatabase;
let h: ReturnType<typeof routeHarness>;
let competitionId: number;
let adminId: number;
let provinceId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  h = routeHarness(t.db);
  const tree = await makeTree(t.db);
  provinceId = tree.province.id;
  adminId = (await makeUser(t.db, tree.province, ["admin"])).id;
  const comp = await makeNominatingCompetition(t.db, tree, {
    cityA: 10,
    cityB: 10,
    county: 5,
    collective: 2,
  });
  competitionId = comp.competitionId;
  await makeProposedList(t.db, competitionId, comp.individual.id, [
    { name: "王强", orgId: tree.cityA.id, proposed: true },
    { name: "张伟", orgId: tree.cityB.id, proposed: true },
  ]);
  const c = (await getCompetition(t.db, competitionId))!;
  await t.db
    .transaction()
    .execute((trx) => openNotice(trx, SYSTEM_ACTOR, c, { start: "2018-10-01", days: 5, unit: "calendar" }));
});
afterAll(() => t.destroy());
afterEach(() => {
  delete process.env.LAUREL_TODAY;
});

const params = () => ({ params: { competitionId: String(competitionId) }, userId: adminId });
const post = (form: Record<string, string>) => {
  process.env.LAUREL_TODAY = "2018-10-08";
  return h.post(publicationRoute.action, `/competitions/${competitionId}/publication`, form, params());
};
const stored = async () => ({
  publication: await t.db.selectFrom("publications").select("doc_number").executeTakeFirst(),
  honorees: (await t.db.selectFrom("honorees").select("doc_number").execute()).map((r) => r.doc_number),
  corrections: await t.db
    .selectFrom("doc_number_corrections")
    .select(["previous", "corrected", "reason", "corrected_on"])
    .execute(),
});
const publishForm = (doc: string, intent = "review") => ({
  intent,
  doc_number: doc,
  published_on: "2018-10-08",
  publishing_org: String(provinceId),
});

describe("publishing with a checked 文号, after a confirm step", () => {
  it("refuses square brackets, naming the number as it should read, keeping the input, writing nothing", async () => {
    for (const intent of ["review", "publish"]) {
      const res = await post(publishForm("陕工发[2018]88号", intent));
      expect(res.status).toBe(400);
      expect(res.data.errors.doc_number).toEqual({
        key: "publication.docNumberBrackets",
        params: { suggestion: "陕工发〔2018〕88号" },
      });
      expect(res.data.values.doc_number).toBe("陕工发[2018]88号");
    }
    expect(translate("en", "publication.docNumberBrackets")).toContain("〔〕");
    const year = await post(publishForm("陕工发〔2019〕88号"));
    expect([year.status, year.data.errors.doc_number.key]).toEqual([400, "publication.docNumberYear"]);
    expect(await stored()).toEqual({ publication: undefined, honorees: [], corrections: [] });
  });

  it("reviews first (nothing written), then publishes on the confirm step", async () => {
    const review = await post(publishForm("陕工发〔2018〕88号"));
    expect(review.status).toBe(200);
    expect(review.data).toMatchObject({
      ok: true,
      done: "review",
      review: { doc_number: "陕工发〔2018〕88号", entries: 2, org_name: "测试省总工会" },
    });
    expect((await stored()).publication).toBeUndefined();
    const confirmed = await post(publishForm(review.data.review.doc_number, "publish"));
    expect(confirmed.data).toMatchObject({ ok: true, done: "publish" });
    expect((await getCompetition(t.db, competitionId))!.stage).toBe("published");
  });
});

describe("correcting the published 文号 (更正)", () => {
  it("refuses a malformed number, the same number and a missing reason, writing nothing", async () => {
    const before = await stored();
    const bad = await post({
      intent: "correct",
      doc_number: "陕工发2018-89",
      reason: "笔误",
      corrected_on: "2018-10-09",
    });
    expect([bad.status, bad.data.errors.doc_number.key]).toEqual([400, "publication.docNumberFormat"]);
    expect(bad.data.values.reason).toBe("笔误");
    const same = await post({
      intent: "correct",
      doc_number: "陕工发〔2018〕88号",
      reason: "笔误",
      corrected_on: "2018-10-09",
    });
    expect([same.status, same.data.errors.doc_number.key]).toEqual([400, "publication.correctionSame"]);
    const noReason = await post({
      intent: "correct",
      doc_number: "陕工发〔2018〕89号",
      reason: " ",
      corrected_on: "2018-10-09",
    });
    expect([noReason.status, noReason.data.errors.reason.key]).toEqual([400, "publication.correctionReason"]);
    const early = await post({
      intent: "correct",
      doc_number: "陕工发〔2018〕89号",
      reason: "笔误",
      corrected_on: "2018-10-01",
    });
    expect([early.status, early.data.errors.corrected_on.key]).toEqual([
      400,
      "publication.correctionBeforePublication",
    ]);
    expect(await stored()).toEqual(before);
  });

  it("corrects the publication and every roll entry, keeps the old number with reason and date, and the public roll says so", async () => {
    const res = await post({
      intent: "correct",
      doc_number: "陕工发〔2018〕89号",
      reason: "序号笔误，以印发文件为准。",
      corrected_on: "2018-10-09",
    });
    expect(res.data).toMatchObject({ ok: true, done: "correct" });
    expect(await stored()).toEqual({
      publication: { doc_number: "陕工发〔2018〕89号" },
      honorees: ["陕工发〔2018〕89号", "陕工发〔2018〕89号"],
      corrections: [
        {
          previous: "陕工发〔2018〕88号",
          corrected: "陕工发〔2018〕89号",
          reason: "序号笔误，以印发文件为准。",
          corrected_on: "2018-10-09",
        },
      ],
    });
    const roll = await h.get(rollRoute.loader, `/honors/${competitionId}`, {
      params: { competitionId: String(competitionId) },
    });
    expect(roll.data.list.doc_number).toBe("陕工发〔2018〕89号");
    expect(roll.data.corrections).toMatchObject([
      { previous: "陕工发〔2018〕88号", corrected: "陕工发〔2018〕89号", corrected_on: "2018-10-09" },
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "publication.correctDocNumber")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
