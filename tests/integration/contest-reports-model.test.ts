import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError } from "../../app/domain/errors";
import type { Actor } from "../../app/models/audit.server";
import {
  consentLate,
  correctReport,
  getReport,
  listReportEvents,
  listReportValues,
  openReport,
  returnReport,
  saveReport,
  verifyReports,
} from "../../app/models/contest-report.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeReportsWorld, standingsVersion, type ReportsWorld } from "../support/contest-reports-fixture";

let t: TestDatabase;
let w: ReportsWorld;
const reporter: Actor = { userId: null, label: "reporter", ip: null };
const verifier: Actor = { userId: null, label: "verifier", ip: null };

beforeAll(async () => {
  t = await createTestDatabase();
  w = await makeReportsWorld(t.db);
  reporter.userId = w.users.countyNominator.id;
  verifier.userId = w.users.cityAAdmin.id;
});
afterAll(() => t.destroy());

const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => t.db.transaction().execute(fn);

async function report(participantId: number, periodId: number) {
  const id = await tx((trx) => openReport(trx, w.competitionId, participantId, periodId));
  return (await getReport(t.db, w.competitionId, id))!;
}

async function refusal(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof DomainError) return error.messageKey;
    throw error;
  }
  throw new Error("not refused");
}

describe("a report's lifecycle", () => {
  it("is saved, submitted, returned with a reason (the reporters told), resubmitted and verified", async () => {
    let r = await report(w.participants.county, w.periods.q2);
    expect(r.status).toBe("draft");
    await tx((trx) =>
      saveReport(
        trx,
        reporter,
        r,
        {
          values: new Map([
            [w.indicators.invest, 12.5],
            [w.indicators.award, null],
          ]),
          note: "草稿",
        },
        false,
      ),
    );
    r = (await getReport(t.db, w.competitionId, r.id))!;
    expect(r.status).toBe("draft");
    expect([...(await listReportValues(t.db, r.id))]).toEqual([[w.indicators.invest, 12.5]]);

    await tx((trx) =>
      saveReport(trx, reporter, r, { values: new Map([[w.indicators.award, 2]]), note: "一季度" }, true),
    );
    r = (await getReport(t.db, w.competitionId, r.id))!;
    expect(r).toMatchObject({ status: "submitted", late: 0, note: "一季度" });
    expect(
      await refusal(() => tx((trx) => saveReport(trx, reporter, r, { values: new Map(), note: "" }, false))),
    ).toBe("contestReports.notEditable");

    await tx((trx) => returnReport(trx, verifier, r, "投入数据缺少佐证"));
    r = (await getReport(t.db, w.competitionId, r.id))!;
    expect(r).toMatchObject({ status: "returned", return_reason: "投入数据缺少佐证" });
    const told = await t.db
      .selectFrom("notifications")
      .select(["user_id", "kind", "params_json", "link"])
      .where("kind", "=", "contest_report_returned")
      .execute();
    expect(told).toEqual([
      {
        user_id: w.users.countyNominator.id,
        kind: "contest_report_returned",
        params_json: expect.stringContaining("投入数据缺少佐证"),
        link: `/competitions/${w.competitionId}/contest/reports/${r.id}`,
      },
    ]);

    await tx((trx) =>
      saveReport(trx, reporter, r, { values: new Map([[w.indicators.invest, 13]]), note: "补充" }, true),
    );
    const before = await standingsVersion(t.db, w.competitionId);
    const out = await tx((trx) => verifyReports(trx, verifier, w.competitionId, [r.id], () => true));
    expect(out).toEqual({ verified: [r.id], refused: [] });
    expect(await standingsVersion(t.db, w.competitionId)).toBe(before + 1);
    const events = await listReportEvents(t.db, r.id);
    expect(events.map((e) => [e.action, e.reason])).toEqual([
      ["submitted", null],
      ["returned", "投入数据缺少佐证"],
      ["submitted", null],
      ["verified", null],
    ]);
  });

  it("refuses a submission before the window opens and marks one after it closes late, verifiable only once consented", async () => {
    const future = await report(w.participants.county, w.periods.q3);
    expect(
      await refusal(() =>
        tx((trx) => saveReport(trx, reporter, future, { values: new Map(), note: "" }, true)),
      ),
    ).toBe("contestReports.window.notOpen");

    let late = await report(w.participants.county, w.periods.q1);
    await tx((trx) =>
      saveReport(trx, reporter, late, { values: new Map([[w.indicators.invest, 5]]), note: "" }, true),
    );
    late = (await getReport(t.db, w.competitionId, late.id))!;
    expect(late).toMatchObject({ status: "submitted", late: 1, late_consented_at: null });
    const out = await tx((trx) => verifyReports(trx, verifier, w.competitionId, [late.id], () => true));
    expect(out.refused).toEqual([
      {
        id: late.id,
        label: expect.stringContaining("Q1"),
        messageKey: "contestReports.verify.lateNotConsented",
      },
    ]);
    await tx((trx) => consentLate(trx, verifier, late));
    late = (await getReport(t.db, w.competitionId, late.id))!;
    expect(await refusal(() => tx((trx) => consentLate(trx, verifier, late)))).toBe(
      "contestReports.consent.already",
    );
    expect(
      (await tx((trx) => verifyReports(trx, verifier, w.competitionId, [late.id], () => true))).verified,
    ).toEqual([late.id]);
  });

  it("changes a verified value only by correction with a reason, each change in the history", async () => {
    let r = await report(w.participants.cityB, w.periods.q2);
    await tx((trx) =>
      saveReport(
        trx,
        reporter,
        r,
        {
          values: new Map([
            [w.indicators.invest, 100],
            [w.indicators.award, 1],
          ]),
          note: "",
        },
        true,
      ),
    );
    await tx((trx) => verifyReports(trx, verifier, w.competitionId, [r.id], () => true));
    r = (await getReport(t.db, w.competitionId, r.id))!;
    expect(
      await refusal(() => tx((trx) => saveReport(trx, reporter, r, { values: new Map(), note: "" }, false))),
    ).toBe("contestReports.notEditable");
    const same = new Map<number, number | null>([[w.indicators.invest, 100]]);
    expect(await refusal(() => tx((trx) => correctReport(trx, verifier, r, same, "复核")))).toBe(
      "contestReports.correct.nothing",
    );
    const before = await standingsVersion(t.db, w.competitionId);
    await tx((trx) =>
      correctReport(
        trx,
        verifier,
        r,
        new Map([
          [w.indicators.invest, 90],
          [w.indicators.award, null],
          [w.indicators.accident, 0],
        ]),
        "审计调减",
      ),
    );
    expect(await standingsVersion(t.db, w.competitionId)).toBe(before + 1);
    expect(Object.fromEntries(await listReportValues(t.db, r.id))).toEqual({
      [w.indicators.invest]: 90,
      [w.indicators.accident]: 0,
    });
    const corrections = (await listReportEvents(t.db, r.id)).filter((e) => e.action === "corrected");
    expect(corrections.map((e) => [e.indicator_code, e.previous_value, e.new_value, e.reason])).toEqual([
      ["invest", 100, 90, "审计调减"],
      ["award", 1, null, "审计调减"],
      ["accident", null, 0, "审计调减"],
    ]);
  });

  it("verifies in bulk what can be verified and names the rest", async () => {
    const a = await report(w.participants.cityA, w.periods.q2);
    await tx((trx) =>
      saveReport(trx, reporter, a, { values: new Map([[w.indicators.invest, 1]]), note: "" }, true),
    );
    const draft = await report(w.participants.cityA, w.periods.q1);
    const out = await tx((trx) =>
      verifyReports(trx, verifier, w.competitionId, [a.id, draft.id, 999999], (r) => r.id !== 999999),
    );
    expect(out.verified).toEqual([a.id]);
    expect(out.refused.map((x) => [x.id, x.messageKey])).toEqual([
      [draft.id, "contestReports.verify.notSubmitted"],
      [999999, "contestReports.verify.notYours"],
    ]);
  });

  it("refuses reports outside the running stage and for a participant not admitted", async () => {
    await t.db
      .updateTable("competitions")
      .set({ stage: "nominating" })
      .where("id", "=", w.competitionId)
      .execute();
    try {
      expect(await refusal(() => report(w.participants.cityB, w.periods.q1))).toBe(
        "contestReports.notRunning",
      );
    } finally {
      await t.db
        .updateTable("competitions")
        .set({ stage: "running" })
        .where("id", "=", w.competitionId)
        .execute();
    }
    await t.db
      .updateTable("contest_participants")
      .set({ status: "withdrawn" })
      .where("id", "=", w.participants.cityB)
      .execute();
    try {
      expect(await refusal(() => report(w.participants.cityB, w.periods.q1))).toBe(
        "contestReports.notAdmitted",
      );
    } finally {
      await t.db
        .updateTable("contest_participants")
        .set({ status: "admitted" })
        .where("id", "=", w.participants.cityB)
        .execute();
    }
  });
});
