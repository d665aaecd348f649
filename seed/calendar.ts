import fs from "node:fs";
import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import { parseCsv } from "../app/domain/csv";
import { parseCalendarSheet } from "../app/domain/notice/calendar-sheet";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { importCalendarEntries } from "../app/models/calendar.server";

/** The 2018 holidays and make-up workdays (国务院办公厅关于2018年部分节假日安排的通知), shipped with the project. */
export async function loadCalendarDemo(trx: Transaction<Database>): Promise<void> {
  const text = fs.readFileSync(new URL("./cn-calendar-2018.csv", import.meta.url), "utf8");
  const { entries, issues } = parseCalendarSheet(parseCsv(text.replace(/^\uFEFF/, "")));
  if (issues.length) throw new Error(`seed/cn-calendar-2018.csv: ${JSON.stringify(issues)}`);
  await importCalendarEntries(trx, SYSTEM_ACTOR, entries, null);
}
