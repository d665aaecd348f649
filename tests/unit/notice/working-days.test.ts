import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "~/domain/csv";
import { parseCalendarSheet } from "~/domain/notice/calendar-sheet";
import { addDays, chinaToday, dayOfWeek, isIsoDate } from "~/domain/notice/iso-date";
import {
  addWorkingDays,
  calendarOf,
  calendarYears,
  EMPTY_CALENDAR,
  isNoticeOpen,
  isWorkingDay,
  nextWorkingDay,
  noticeEnd,
  noticeWindow,
  workingDaysBetween,
} from "~/domain/notice/working-days";

// The calendar the product ships, read through the same sheet parser an import uses.
const csv = readFileSync(path.resolve(import.meta.dirname, "../../../seed/cn-calendar-2018.csv"), "utf8");
const sheet = parseCalendarSheet(parseCsv(csv));
const cal2018 = calendarOf(sheet.entries);

describe("ISO dates", () => {
  it("rejects impossible and malformed dates", () => {
    expect(isIsoDate("2018-02-28")).toBe(true);
    expect(isIsoDate("2016-02-29")).toBe(true);
    for (const bad of [
      "2018-02-29",
      "2018-13-01",
      "2018-00-10",
      "2018-9-28",
      "20180928",
      "0099-01-01",
      "2018-09-28T00:00",
    ]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });
  it("adds days across months, years and leap days", () => {
    expect(addDays("2018-12-31", 1)).toBe("2019-01-01");
    expect(addDays("2016-02-28", 1)).toBe("2016-02-29");
    expect(addDays("2018-03-01", -1)).toBe("2018-02-28");
    expect(dayOfWeek("2018-09-28")).toBe(5);
  });
  it("takes today in China, not in UTC", () => {
    expect(chinaToday(new Date("2018-09-27T16:00:00Z"))).toBe("2018-09-28");
    expect(chinaToday(new Date("2018-09-27T15:59:59Z"))).toBe("2018-09-27");
  });
});

describe("the 2018 calendar", () => {
  it("loads every row of the shipped sheet", () => {
    expect(sheet.issues).toEqual([]);
    expect(cal2018.holidays.size).toBe(24);
    expect(cal2018.workdays.size).toBe(7);
    expect(calendarYears(cal2018)).toEqual([2018]);
  });
  it("has the 250 working days China had in 2018", () => {
    expect(workingDaysBetween("2018-01-01", "2018-12-31", cal2018)).toBe(250);
    expect(workingDaysBetween("2018-10-01", "2018-10-31", cal2018)).toBe(18);
    expect(workingDaysBetween("2018-10-31", "2018-10-01", cal2018)).toBe(0);
  });
  it("counts make-up Saturdays and Sundays, skips holidays on weekdays", () => {
    expect(isWorkingDay("2018-09-29", cal2018)).toBe(true); // Saturday, 调休
    expect(isWorkingDay("2018-09-30", cal2018)).toBe(true); // Sunday, 调休
    expect(isWorkingDay("2018-10-01", cal2018)).toBe(false); // Monday, 国庆
    expect(isWorkingDay("2018-10-08", cal2018)).toBe(true);
    expect(isWorkingDay("2018-06-16", cal2018)).toBe(false); // plain Saturday
    expect(isWorkingDay("2018-06-18", cal2018)).toBe(false); // Monday, 端午
    expect(isWorkingDay("2018-06-18", EMPTY_CALENDAR)).toBe(true);
  });
});

describe("noticeEnd, working days", () => {
  it("runs 5 working days from Fri 2018-09-28 over the make-up weekend and National Day", () => {
    // 9-28 Fri, 9-29 Sat and 9-30 Sun (make-up workdays), 10-1…10-7 holiday, 10-8 Mon, 10-9 Tue.
    expect(noticeEnd("2018-09-28", 5, "working", cal2018)).toBe("2018-10-09");
    expect(noticeEnd("2018-09-28", 3, "working", cal2018)).toBe("2018-09-30");
  });
  it("starts a notice published on Saturday on the next working day", () => {
    // Sat 6-16, Sun 6-17, Mon 6-18 端午: day 1 is Tue 6-19; 6-19…6-22, then Mon 6-25.
    expect(noticeWindow("2018-06-16", 5, "working", cal2018)).toEqual({
      first: "2018-06-19",
      last: "2018-06-25",
    });
  });
  it("starts a notice published in the Spring Festival after it", () => {
    // 2-15…2-21 holiday; day 1 Thu 2-22, Fri 2-23, Sat 2-24 make-up, Mon 2-26, Tue 2-27.
    expect(noticeWindow("2018-02-15", 5, "working", cal2018)).toEqual({
      first: "2018-02-22",
      last: "2018-02-27",
    });
  });
  it("ends on day 1 for a one-day notice", () => {
    expect(noticeEnd("2018-09-28", 1, "working", cal2018)).toBe("2018-09-28");
    expect(noticeEnd("2018-10-01", 1, "working", cal2018)).toBe("2018-10-08");
    expect(noticeEnd("2018-12-29", 1, "working", cal2018)).toBe("2018-12-29"); // Saturday make-up workday
  });
  it("crosses the year boundary", () => {
    // Fri 12-28, Sat 12-29 make-up, Mon 12-31 元旦; 2019 is not in the 2018 sheet, so 1-1 counts.
    expect(noticeEnd("2018-12-28", 2, "working", cal2018)).toBe("2018-12-29");
    expect(noticeEnd("2018-12-28", 3, "working", cal2018)).toBe("2019-01-01");
    const with2019 = calendarOf([...sheet.entries, { date: "2019-01-01", kind: "holiday" }]);
    expect(noticeEnd("2018-12-28", 3, "working", with2019)).toBe("2019-01-02");
    expect(noticeWindow("2018-12-31", 1, "working", with2019)).toEqual({
      first: "2019-01-02",
      last: "2019-01-02",
    });
  });
  it("refuses a count below 1 or not whole, and a malformed date", () => {
    expect(() => noticeEnd("2018-09-28", 0, "working", cal2018)).toThrow(RangeError);
    expect(() => noticeEnd("2018-09-28", 2.5, "working", cal2018)).toThrow(RangeError);
    expect(() => noticeEnd("2018-09-31", 5, "working", cal2018)).toThrow(RangeError);
  });
});

describe("noticeEnd, calendar days", () => {
  it("counts the start date as day 1 even on a holiday", () => {
    expect(noticeEnd("2018-09-28", 7, "calendar", cal2018)).toBe("2018-10-04");
    expect(noticeWindow("2018-10-01", 7, "calendar", cal2018)).toEqual({
      first: "2018-10-01",
      last: "2018-10-07",
    });
    expect(noticeEnd("2018-12-29", 7, "calendar", cal2018)).toBe("2019-01-04");
    expect(noticeEnd("2018-12-31", 1, "calendar", cal2018)).toBe("2018-12-31");
  });
});

describe("helpers", () => {
  it("addWorkingDays and nextWorkingDay", () => {
    expect(addWorkingDays("2018-09-28", 0, cal2018)).toBe("2018-09-28");
    expect(addWorkingDays("2018-09-30", 1, cal2018)).toBe("2018-10-08");
    expect(addWorkingDays("2018-10-03", 1, cal2018)).toBe("2018-10-08");
    expect(nextWorkingDay("2018-02-11", cal2018)).toBe("2018-02-11"); // Sunday make-up
    expect(nextWorkingDay("2018-04-29", cal2018)).toBe("2018-05-02");
  });
  it("lets a later entry for a date win", () => {
    const cal = calendarOf([
      { date: "2018-10-08", kind: "holiday" },
      { date: "2018-10-08", kind: "workday" },
    ]);
    expect(cal.holidays.has("2018-10-08")).toBe(false);
    expect(isWorkingDay("2018-10-08", cal)).toBe(true);
  });
  it("keeps a notice open through its last day", () => {
    expect(isNoticeOpen("2018-10-09", "2018-09-28", "2018-10-09")).toBe(true);
    expect(isNoticeOpen("2018-10-10", "2018-09-28", "2018-10-09")).toBe(false);
    expect(isNoticeOpen("2018-09-27", "2018-09-28", "2018-10-09")).toBe(false);
  });
});
