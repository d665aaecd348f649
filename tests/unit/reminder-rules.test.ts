import { describe, expect, it } from "vitest";
import { calendarOf, EMPTY_CALENDAR } from "~/domain/notice/working-days";
import {
  dueReminder,
  NOTICE_LEADS,
  reminderKey,
  reportSubject,
  stageSubject,
  workingDaysBefore,
} from "~/domain/notifications/reminder-rules";

// 2018's National Day: 1–7 October off, Saturday 29 and Sunday 30 September worked (调休).
const NATIONAL_DAY_2018 = calendarOf([
  { date: "2018-09-29", kind: "workday" },
  { date: "2018-09-30", kind: "workday" },
  ...["01", "02", "03", "04", "05", "06", "07"].map((d) => ({
    date: `2018-10-${d}`,
    kind: "holiday" as const,
  })),
]);

describe("workingDaysBefore", () => {
  it("counts back from the day before the end, over weekends", () => {
    // 2026-12-11 is a Friday, 2026-12-14 a Monday.
    expect(workingDaysBefore("2026-12-11", 1, EMPTY_CALENDAR)).toBe("2026-12-10");
    expect(workingDaysBefore("2026-12-11", 3, EMPTY_CALENDAR)).toBe("2026-12-08");
    expect(workingDaysBefore("2026-12-14", 1, EMPTY_CALENDAR)).toBe("2026-12-11");
    expect(workingDaysBefore("2026-12-14", 3, EMPTY_CALENDAR)).toBe("2026-12-09");
  });

  it("skips holidays and counts make-up workdays from the calendar", () => {
    expect(workingDaysBefore("2018-10-09", 1, NATIONAL_DAY_2018)).toBe("2018-10-08");
    // Back over the holiday week to the make-up Sunday and Saturday.
    expect(workingDaysBefore("2018-10-09", 2, NATIONAL_DAY_2018)).toBe("2018-09-30");
    expect(workingDaysBefore("2018-10-09", 3, NATIONAL_DAY_2018)).toBe("2018-09-29");
    // Without the calendar those would be ordinary weekdays of the holiday week.
    expect(workingDaysBefore("2018-10-09", 3, EMPTY_CALENDAR)).toBe("2018-10-04");
  });

  it("refuses a lead below one", () => {
    expect(() => workingDaysBefore("2018-10-09", 0, EMPTY_CALENDAR)).toThrow(RangeError);
  });
});

describe("dueReminder", () => {
  const end = "2026-12-11"; // a Friday
  const on = (today: string) => dueReminder(today, end, EMPTY_CALENDAR);

  it("gives the 3-day reminder on its day and the 1-day one on its day", () => {
    expect(on("2026-12-08")).toEqual({ lead: 3, day: "2026-12-08" });
    expect(on("2026-12-10")).toEqual({ lead: 1, day: "2026-12-10" });
  });

  it("has nothing before the 3-day reminder's day or after the end", () => {
    expect(on("2026-12-07")).toBeNull();
    expect(on("2026-12-12")).toBeNull();
    expect(on("2025-12-10")).toBeNull();
  });

  it("still sends a missed reminder, under its own day, until the next one takes over", () => {
    // Tuesday's scan did not run: Wednesday's finds the 3-day reminder, keyed to Tuesday.
    expect(on("2026-12-09")).toEqual({ lead: 3, day: "2026-12-08" });
    // Thursday's did not run: the end day itself still sends the 1-day one.
    expect(on("2026-12-11")).toEqual({ lead: 1, day: "2026-12-10" });
  });

  it("lets a weekend scan send the 1-day reminder of a Monday end that Friday's scan missed", () => {
    expect(dueReminder("2026-12-12", "2026-12-14", EMPTY_CALENDAR)).toEqual({ lead: 1, day: "2026-12-11" });
    expect(dueReminder("2026-12-08", "2026-12-14", EMPTY_CALENDAR)).toBeNull();
  });

  it("follows the calendar: a deadline after the National Day week", () => {
    const cal = NATIONAL_DAY_2018;
    expect(dueReminder("2018-09-28", "2018-10-09", cal)).toBeNull();
    expect(dueReminder("2018-09-29", "2018-10-09", cal)).toEqual({ lead: 3, day: "2018-09-29" });
    expect(dueReminder("2018-10-03", "2018-10-09", cal)).toEqual({ lead: 3, day: "2018-09-29" });
    expect(dueReminder("2018-10-08", "2018-10-09", cal)).toEqual({ lead: 1, day: "2018-10-08" });
  });

  it("has only the 1-day lead for a notice's end", () => {
    expect(dueReminder("2026-12-08", end, EMPTY_CALENDAR, NOTICE_LEADS)).toBeNull();
    expect(dueReminder("2026-12-10", end, EMPTY_CALENDAR, NOTICE_LEADS)).toEqual({
      lead: 1,
      day: "2026-12-10",
    });
  });
});

describe("reminderKey", () => {
  it("is kind:subject:recipient:day", () => {
    expect(reminderKey("reminder_unsubmitted_sheets", stageSubject(7, "judging"), 12, "2026-12-08")).toBe(
      "reminder_unsubmitted_sheets:competition-7-judging:12:2026-12-08",
    );
    expect(reminderKey("reminder_contest_reports", reportSubject(3, 9), 5, "2026-12-10")).toBe(
      "reminder_contest_reports:participant-3-period-9:5:2026-12-10",
    );
  });
});
