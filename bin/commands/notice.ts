import { migrateToLatest } from "../../db/migrate";
import { parseCalendarSheet } from "../../app/domain/notice/calendar-sheet";
import { NoticePeriodSchema } from "../../app/domain/notice/notice-input";
import { calendarYears, noticeWindow } from "../../app/domain/notice/working-days";
import { isMessageKey } from "../../app/i18n";
import { importCalendarEntries, loadWorkCalendar } from "../../app/models/calendar.server";
import { type Command, CommandError, EXIT, printIssues, tr, UsageError, withDatabase } from "../cli-kit";
import { CLI_ACTOR } from "./competition";
import { readFileArg, sheetRows } from "./orgs";

export const calendarImport: Command = {
  options: { "all-or-nothing": { type: "boolean" } },
  async run({ values, positionals }) {
    const rows = await sheetRows(readFileArg(positionals));
    const parsed = parseCalendarSheet(rows);
    printIssues(parsed.issues);
    if (parsed.fatal)
      throw new CommandError(tr("import.report", { imported: 0, refused: Math.max(0, rows.length - 1) }));
    const refusedRows = new Set(parsed.issues.filter((i) => i.row > 1).map((i) => i.row)).size;
    if (refusedRows > 0 && values["all-or-nothing"])
      throw new CommandError(tr("import.report", { imported: 0, refused: refusedRows }));
    const result = await withDatabase(async (db) => {
      await migrateToLatest(db);
      return db.transaction().execute((trx) => importCalendarEntries(trx, CLI_ACTOR, parsed.entries, null));
    });
    process.stderr.write(`${tr("calendar.imported", result)}\n`);
    process.stderr.write(
      `${tr("import.report", { imported: parsed.entries.length, refused: refusedRows })}\n`,
    );
    return refusedRows > 0 ? EXIT.rowsRefused : EXIT.ok;
  },
};

export const noticeEnd: Command = {
  options: {
    start: { type: "string" },
    days: { type: "string" },
    "calendar-days": { type: "boolean" },
    format: { type: "string" },
  },
  async run({ values }) {
    const format = values.format ?? "text";
    if (format !== "text" && format !== "json") throw new UsageError("--format must be json");
    const parsed = NoticePeriodSchema.safeParse({
      start: values.start,
      days: values.days,
      unit: values["calendar-days"] ? "calendar" : "working",
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue.path[0] ?? "");
      throw new UsageError(`--${field}: ${isMessageKey(issue.message) ? tr(issue.message) : issue.message}`);
    }
    const { start, days, unit } = parsed.data;
    const calendar = await withDatabase(async (db) => {
      await migrateToLatest(db);
      return loadWorkCalendar(db);
    });
    const window = noticeWindow(start, days, unit, calendar);
    const known = calendarYears(calendar);
    const outside = [Number(window.first.slice(0, 4)), Number(window.last.slice(0, 4))].filter(
      (y) => !known.includes(y),
    );
    if (unit === "working" && outside.length)
      process.stderr.write(
        `warning: the calendar lists no holidays for ${[...new Set(outside)].join(", ")}\n`,
      );
    process.stdout.write(
      format === "json"
        ? `${JSON.stringify({ start, days, unit, first: window.first, last: window.last })}\n`
        : `${window.last}\n`,
    );
    return EXIT.ok;
  },
};
