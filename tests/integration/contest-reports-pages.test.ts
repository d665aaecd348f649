import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeReportsWorld, type ReportsWorld } from "../support/contest-reports-fixture";
import { routeHarness } from "../support/remix";
import { insertCounties } from "../support/activities";
import {
  action as listAction,
  loader as listLoader,
} from "~/routes/competitions.$competitionId.contest.reports._index";
import { action as importAction } from "~/routes/competitions.$competitionId.contest.reports.import";
import { CSRF_COOKIE } from "~/utils/csrf.server";
import {
  action as reportAction,
  loader as reportLoader,
} from "~/routes/competitions.$competitionId.contest.reports.$reportId._index";

let t: TestDatabase;
let w: ReportsWorld;
let h: ReturnType<typeof routeHarness>;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await makeReportsWorld(t.db);
  h = routeHarness(t.db);
});
afterAll(() => t.destroy());

const listPath = () => `/competitions/${w.competitionId}/contest/reports`;
const params = (reportId?: number) => ({
  competitionId: String(w.competitionId),
  ...(reportId ? { reportId: String(reportId) } : {}),
});
const post = (reportId: number, userId: number, form: Record<string, string>) =>
  h.post(reportAction, `${listPath()}/${reportId}`, form, { userId, params: params(reportId) });

async function openCountyQ2(): Promise<number> {
  const res = await h.post(
    listAction,
    listPath(),
    { intent: "open", participant: String(w.participants.county), period: String(w.periods.q2) },
    { userId: w.users.countyNominator.id, params: params() },
  );
  expect(res.status).toBe(302);
  return Number(res.headers.get("location")!.split("/").pop());
}

describe("the report pages", () => {
  let id: number;

  it("lets the unit's nominator open, refuse a bad value with its field, and submit", async () => {
    id = await openCountyQ2();
    const bad = await post(id, w.users.countyNominator.id, {
      intent: "submit",
      v_invest: "十二",
      v_award: "-1",
    });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({
      v_invest: { key: "contestReports.value.notNumber" },
      v_award: { key: "contestReports.value.negative" },
    });
    const stored = await t.db
      .selectFrom("contest_reports")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("draft");
    const ok = await post(id, w.users.countyNominator.id, {
      intent: "submit",
      v_invest: "1,200",
      note: "一季度",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toMatch(/done=submitted$/);
  });

  it("hides the report from another unit's nominator and the sibling union's admin, who cannot verify either", async () => {
    expect(
      (
        await h.get(reportLoader, `${listPath()}/${id}`, {
          userId: w.users.cityBNominator.id,
          params: params(id),
        })
      ).status,
    ).toBe(403);
    expect((await post(id, w.users.cityBAdmin.id, { intent: "verify" })).status).toBe(403);
    const bulk = await h.post(
      listAction,
      listPath(),
      { intent: "verify", ids: String(id) },
      {
        userId: w.users.cityBAdmin.id,
        params: params(),
      },
    );
    expect(bulk.status).toBe(200);
    expect(bulk.data).toMatchObject({
      ok: true,
      verified: 0,
      refused: [{ id, messageKey: "contestReports.verify.notYours" }],
    });
    expect((await post(id, w.users.countyNominator.id, { intent: "verify" })).status).toBe(403);
  });

  it("shows the parent union's admin the queue; a return needs a reason and tells the reporter", async () => {
    const list = await h.get(listLoader, listPath(), { userId: w.users.cityAAdmin.id, params: params() });
    expect(list.data.queue.rows.map((r: { id: number }) => r.id)).toEqual([id]);
    const noReason = await post(id, w.users.cityAAdmin.id, { intent: "return", reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason.key).toBe("contestReports.reason.required");
    expect((await post(id, w.users.cityAAdmin.id, { intent: "return", reason: "缺少佐证" })).status).toBe(
      302,
    );
    const told = await t.db
      .selectFrom("notifications")
      .select("user_id")
      .where("kind", "=", "contest_report_returned")
      .execute();
    expect(told).toEqual([{ user_id: w.users.countyNominator.id }]);
    const mine = await h.get(listLoader, listPath(), {
      userId: w.users.countyNominator.id,
      params: params(),
    });
    expect(mine.data.mine.find((r: { reportId: number }) => r.reportId === id)).toMatchObject({
      status: "returned",
      returnReason: "缺少佐证",
    });
  });

  it("verifies in bulk what it can after the resubmission and names the draft it cannot", async () => {
    expect((await post(id, w.users.countyNominator.id, { intent: "submit", v_invest: "1300" })).status).toBe(
      302,
    );
    const draft = await h.post(
      listAction,
      listPath(),
      { intent: "open", participant: String(w.participants.county), period: String(w.periods.q3) },
      { userId: w.users.countyNominator.id, params: params() },
    );
    const draftId = Number(draft.headers.get("location")!.split("/").pop());
    const bulk = await h.post(
      listAction,
      listPath(),
      { intent: "verify", ids: [String(id), String(draftId)] } as never,
      {
        userId: w.users.cityAAdmin.id,
        params: params(),
      },
    );
    expect(bulk.data).toMatchObject({
      ok: true,
      verified: 1,
      refused: [{ id: draftId, messageKey: "contestReports.verify.notSubmitted" }],
    });
    const page = await h.get(reportLoader, `${listPath()}/${id}`, {
      userId: w.users.provinceAdmin.id,
      params: params(id),
    });
    expect(page.data.can).toMatchObject({ edit: false, verify: false, correct: true });
  });

  it("lets the organizer correct a verified value with a reason, shown in the history", async () => {
    const organizer = w.users.provinceAdmin.id;
    expect((await post(id, organizer, { intent: "correct", v_invest: "1250", reason: "" })).status).toBe(400);
    expect(
      (await post(id, organizer, { intent: "correct", v_invest: "1250", reason: "审计调减" })).status,
    ).toBe(302);
    const page = await h.get(reportLoader, `${listPath()}/${id}`, {
      userId: w.users.countyNominator.id,
      params: params(id),
    });
    expect(page.data.events.at(-1)).toMatchObject({
      action: "corrected",
      indicator_code: "invest",
      previous_value: 1300,
      new_value: 1250,
      reason: "审计调减",
    });
    expect(
      (await post(id, w.users.cityAAdmin.id, { intent: "correct", v_invest: "1", reason: "x" })).status,
    ).toBe(403);
  });
});

describe("an aid-bound value on the report page", () => {
  it("shows the number counted from the unit's own activities in the period's days, not a blank", async () => {
    const [county] = await insertCounties(t.db);
    const countyId = (
      await t.db.selectFrom("counties").select("id").where("code", "=", county.code).executeTakeFirstOrThrow()
    ).id;
    const team = await t.db
      .insertInto("aid_teams")
      .values({ name: "县服务队", org_id: w.tree.county.id, created_at: "2001-01-01" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const activity = (held_on: string, households: number) => ({
      team_id: team.id,
      held_on,
      year: Number(held_on.slice(0, 4)),
      county_id: countyId,
      village: "张村",
      kind: `送技术${households}`,
      person_times: 1,
      funds_fen: 0,
      households_helped: households,
      people_helped: 0,
      households_lifted: 0,
      people_lifted: 0,
      created_at: "2001-01-01",
    });
    // The periods of this world cover 1 January 2001 only: the second activity is outside.
    await t.db
      .insertInto("activities")
      .values([activity("2001-01-01", 7), activity("2001-01-02", 100)])
      .execute();
    const report = await t.db
      .selectFrom("contest_reports")
      .select("id")
      .where("participant_id", "=", w.participants.county)
      .where("period_id", "=", w.periods.q2)
      .executeTakeFirstOrThrow();
    const page = await h.get(reportLoader, `${listPath()}/${report.id}`, {
      userId: w.users.countyNominator.id,
      params: params(report.id),
    });
    expect(page.data.computed).toEqual({ [w.indicators.households]: 7 });
  });
});

/** Posts the sheet upload as a browser does: multipart, with the CSRF token and the session. */
async function upload(userId: number, csv: string, verified = false) {
  const form = new FormData();
  form.set("_csrf", h.csrfToken);
  if (verified) form.set("verified", "on");
  form.set("sheet", new Blob([new TextEncoder().encode(csv)]), "reports.csv");
  const request = new Request(`http://laurel.test${listPath()}/import`, {
    method: "POST",
    body: form,
    headers: {
      cookie: `${CSRF_COOKIE}=${h.csrfToken}; ${await h.sessionCookie(userId)}`,
      host: "laurel.test",
      origin: "http://laurel.test",
    },
  });
  let value: unknown;
  try {
    value = await importAction({ request, params: params(), context: h.context });
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    value = thrown;
  }
  const d = value as { data: any; init: ResponseInit | null };
  return { status: d.init?.status ?? 200, data: d.data };
}

describe("the reports sheet upload", () => {
  it("reports bad rows by row and column and writes nothing; good rows go in verified", async () => {
    const organizer = w.users.provinceAdmin.id;
    const count = async () => (await t.db.selectFrom("contest_values").select("report_id").execute()).length;
    const before = await count();
    const bad = await upload(
      organizer,
      `单位,周期,指标代码,数值\n${w.tree.cityB.name},Q2,invest,1\n${w.tree.cityB.name},Q2,award,x\n`,
    );
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      ok: true,
      imported: 0,
      refused: 1,
      issues: [{ row: 3, column: "value" }],
    });
    expect(await count()).toBe(before);
    const good = await upload(organizer, `单位,周期,指标代码,数值\n${w.tree.cityB.name},Q2,invest,1\n`, true);
    expect(good.data).toMatchObject({ ok: true, imported: 1, reports: 1, refused: 0 });
    const r = await t.db
      .selectFrom("contest_reports")
      .select("status")
      .where("participant_id", "=", w.participants.cityB)
      .where("period_id", "=", w.periods.q2)
      .executeTakeFirstOrThrow();
    expect(r.status).toBe("verified");
  });
});
