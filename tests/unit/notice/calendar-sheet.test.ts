import { describe, expect, it } from "vitest";
import { parseCalendarKind, parseCalendarRows, parseCalendarSheet } from "~/domain/notice/calendar-sheet";
import { NoticePeriodSchema } from "~/domain/notice/notice-input";

const rec = (row: number, date: string, kind: string, note = "") => ({ row, cells: { date, kind, note } });

describe("parseCalendarKind", () => {
  it("accepts English in any case and the Chinese words", () => {
    expect(parseCalendarKind("Holiday")).toBe("holiday");
    expect(parseCalendarKind(" 休息 ")).toBe("holiday");
    expect(parseCalendarKind("WORKDAY")).toBe("workday");
    expect(parseCalendarKind("上班")).toBe("workday");
    expect(parseCalendarKind("放假")).toBeNull();
  });
});

describe("parseCalendarRows", () => {
  it("reports each bad cell with its row and column", () => {
    const { entries, issues } = parseCalendarRows([
      rec(2, "2018-10-01", "休息", "国庆节"),
      rec(3, "", "holiday"),
      rec(4, "2018/10/02", "holiday"),
      rec(5, "2018-02-30", "rest"),
      rec(6, "2018-10-03", ""),
      rec(7, "2018-10-04", "holiday", "节".repeat(101)),
      rec(8, "", ""),
    ]);
    expect(entries).toEqual([{ row: 2, date: "2018-10-01", kind: "holiday", note: "国庆节" }]);
    expect(issues).toEqual([
      { row: 3, column: "date", messageKey: "form.required" },
      { row: 4, column: "date", messageKey: "form.date" },
      { row: 5, column: "date", messageKey: "form.date" },
      { row: 5, column: "kind", messageKey: "calendar.kind", params: { value: "rest" } },
      { row: 6, column: "kind", messageKey: "form.required" },
      { row: 7, column: "note", messageKey: "form.tooLong", params: { max: 100 } },
    ]);
  });
  it("accepts a repeated date of the same kind and refuses a contradiction", () => {
    const { entries, issues } = parseCalendarRows([
      rec(2, "2018-09-29", "workday"),
      rec(3, "2018-09-29", "上班"),
      rec(4, "2018-09-29", "holiday"),
    ]);
    expect(entries.map((e) => e.row)).toEqual([2, 3]);
    expect(issues).toEqual([
      {
        row: 4,
        column: "kind",
        messageKey: "calendar.conflictingDate",
        params: { date: "2018-09-29", row: 2 },
      },
    ]);
  });
});

describe("parseCalendarSheet", () => {
  it("reads Chinese headers in any order and numbers rows as the sheet does", () => {
    const out = parseCalendarSheet([
      ["类型", "日期", "说明"],
      ["上班", "2018-09-29", "国庆节调休上班"],
      ["x", "2018-09-30", ""],
    ]);
    expect(out.fatal).toBe(false);
    expect(out.entries).toEqual([{ row: 2, date: "2018-09-29", kind: "workday", note: "国庆节调休上班" }]);
    expect(out.issues).toEqual([
      { row: 3, column: "kind", messageKey: "calendar.kind", params: { value: "x" } },
    ]);
  });
  it("refuses a sheet without a kind column", () => {
    const out = parseCalendarSheet([
      ["date", "note"],
      ["2018-09-29", ""],
    ]);
    expect(out.fatal).toBe(true);
    expect(out.issues.map((i) => i.messageKey)).toEqual(["import.missingColumn"]);
  });
});

describe("NoticePeriodSchema", () => {
  it("reads text from the command line and defaults to working days", () => {
    expect(NoticePeriodSchema.parse({ start: "2018-09-28", days: "5" })).toEqual({
      start: "2018-09-28",
      days: 5,
      unit: "working",
    });
    expect(NoticePeriodSchema.parse({ start: "2018-09-28", days: 7, unit: "calendar" }).unit).toBe(
      "calendar",
    );
  });
  it.each([
    [{ start: "2018-09-31", days: 5 }, "start", "form.date"],
    [{ start: "", days: 5 }, "start", "form.required"],
    [{ start: "2018-09-28", days: "0" }, "days", "notice.days"],
    [{ start: "2018-09-28", days: "2.5" }, "days", "notice.days"],
    [{ start: "2018-09-28", days: "five" }, "days", "notice.days"],
    [{ start: "2018-09-28", days: 91 }, "days", "notice.days"],
    [{ start: "2018-09-28", days: 5, unit: "weeks" }, "unit", "notice.unit"],
  ])("refuses %j", (input, field, key) => {
    const r = NoticePeriodSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: [field], message: key });
  });
});
