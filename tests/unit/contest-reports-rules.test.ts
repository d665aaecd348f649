import { describe, expect, it } from "vitest";
import {
  changedValues,
  checkReason,
  consentRefusal,
  parseReportValue,
  reachWithin,
  submitOutcome,
  verifyRefusal,
  windowState,
  type ReportState,
} from "../../app/domain/contest/report-rules";

const state = (over: Partial<ReportState> = {}): ReportState => ({
  status: "draft",
  late: false,
  consented: false,
  everSubmitted: false,
  ...over,
});

describe("a typed report value", () => {
  it("reads numbers, thousands separators in groups of three and full-width digits; empty is not reported", () => {
    expect(parseReportValue("12")).toEqual({ ok: true, value: 12 });
    expect(parseReportValue(" 1,234.5 ")).toEqual({ ok: true, value: 1234.5 });
    expect(parseReportValue("１２３．５")).toEqual({ ok: true, value: 123.5 });
    expect(parseReportValue("0")).toEqual({ ok: true, value: 0 });
    expect(parseReportValue("")).toEqual({ ok: true, value: null });
    expect(parseReportValue(undefined)).toEqual({ ok: true, value: null });
  });

  it("refuses negatives, text, signs, exponents, misplaced separators, too many decimals and huge values", () => {
    expect(parseReportValue("-3")).toMatchObject({ ok: false, messageKey: "contestReports.value.negative" });
    for (const bad of ["abc", "1,2", "12,34", "+5", "1e3", "1.2.3", "5万", ".5"])
      expect(parseReportValue(bad)).toMatchObject({
        ok: false,
        messageKey: "contestReports.value.notNumber",
      });
    expect(parseReportValue("1.1234567")).toMatchObject({ messageKey: "contestReports.value.decimals" });
    expect(parseReportValue("9999999999999")).toMatchObject({ messageKey: "contestReports.value.tooLarge" });
  });
});

describe("the reporting window", () => {
  const w = { opens: "2018-04-01", closes: "2018-04-10" };
  it("includes both days", () => {
    expect(windowState(w, "2018-03-31")).toBe("before");
    expect(windowState(w, "2018-04-01")).toBe("open");
    expect(windowState(w, "2018-04-10")).toBe("open");
    expect(windowState(w, "2018-04-11")).toBe("closed");
  });

  it("refuses a submission before it opens, marks a first one after it closes late", () => {
    expect(submitOutcome(state(), "before")).toEqual({
      ok: false,
      messageKey: "contestReports.window.notOpen",
    });
    expect(submitOutcome(state(), "open")).toEqual({ ok: true, late: false });
    expect(submitOutcome(state(), "closed")).toEqual({ ok: true, late: true });
  });

  it("keeps a resubmission after a return as the first submission was", () => {
    expect(submitOutcome(state({ status: "returned", everSubmitted: true }), "closed")).toEqual({
      ok: true,
      late: false,
    });
    expect(submitOutcome(state({ status: "returned", everSubmitted: true, late: true }), "open")).toEqual({
      ok: true,
      late: true,
    });
    expect(submitOutcome(state({ status: "submitted", everSubmitted: true }), "open")).toMatchObject({
      ok: false,
      messageKey: "contestReports.notEditable",
    });
  });
});

describe("the steps a report allows", () => {
  it("verifies a submitted report, a late one only once consented", () => {
    expect(verifyRefusal(state({ status: "submitted" }))).toBeNull();
    expect(verifyRefusal(state({ status: "draft" }))).toBe("contestReports.verify.notSubmitted");
    expect(verifyRefusal(state({ status: "submitted", late: true }))).toBe(
      "contestReports.verify.lateNotConsented",
    );
    expect(verifyRefusal(state({ status: "submitted", late: true, consented: true }))).toBeNull();
  });

  it("consents once, to a late submitted report only", () => {
    expect(consentRefusal(state({ status: "submitted", late: true }))).toBeNull();
    expect(consentRefusal(state({ status: "submitted" }))).toBe("contestReports.consent.notLate");
    expect(consentRefusal(state({ status: "submitted", late: true, consented: true }))).toBe(
      "contestReports.consent.already",
    );
  });

  it("requires a reason", () => {
    expect(checkReason("  ")).toEqual({ ok: false, messageKey: "contestReports.reason.required" });
    expect(checkReason(" 数据有误 ")).toEqual({ ok: true, reason: "数据有误" });
    expect(checkReason("x".repeat(501))).toMatchObject({ ok: false });
  });

  it("records a correction only for the values that change, null meaning not reported", () => {
    const before = new Map([
      [1, 10],
      [2, 5],
    ]);
    const after = new Map<number, number | null>([
      [1, 10],
      [2, null],
      [3, 0],
    ]);
    expect(changedValues(before, after)).toEqual([
      { indicatorId: 2, previous: 5, next: null },
      { indicatorId: 3, previous: null, next: 0 },
    ]);
  });
});

describe("a user's reach in a contest", () => {
  it("cuts grants to the organizer's subtree", () => {
    const grants = [
      { role: "admin", orgPath: "/1/" },
      { role: "admin", orgPath: "/1/2/5/" },
      { role: "admin", orgPath: "/9/" },
      { role: "nominator", orgPath: "/1/2/7/" },
    ];
    expect(reachWithin(grants, "admin", "/1/2/")).toEqual(["/1/2/", "/1/2/5/"]);
    expect(reachWithin(grants, "nominator", "/1/2/")).toEqual(["/1/2/7/"]);
    expect(reachWithin(grants, "judge", "/1/2/")).toEqual([]);
  });
});
