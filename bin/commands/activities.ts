import { migrateToLatest } from "../../db/migrate";
import { STAT_KEYS, toStats } from "../../app/domain/activities/stats";
import { isFatalHeader } from "../../app/domain/sheet-columns";
import { importActivities } from "../../app/models/activity-import.server";
import { loadProvinceStats } from "../../app/models/stats.server";
import { type Command, EXIT, printIssues, tr, UsageError, withDatabase } from "../cli-kit";
import { CLI_ACTOR } from "./competition";
import { readFileArg, sheetRows } from "./orgs";

function parseYear(value: unknown): number | null {
  if (value === undefined) return null;
  if (typeof value !== "string" || !/^\d{4}$/.test(value.trim()))
    throw new UsageError(tr("cli.stats.badYear"));
  return Number(value.trim());
}

export const stats: Command = {
  options: { year: { type: "string" }, format: { type: "string" } },
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
    const year = parseYear(values.year);
    const format = values.format ?? "table";
    if (format !== "json" && format !== "table") throw new UsageError("--format must be json or table");
    const totals = toStats(
      await withDatabase(async (db) => {
        await migrateToLatest(db);
        return loadProvinceStats(db, year);
      }),
    );
    if (format === "json") process.stdout.write(`${JSON.stringify(totals)}\n`);
    else {
      const width = Math.max(...STAT_KEYS.map((k) => k.length));
      process.stdout.write(STAT_KEYS.map((k) => `${k.padEnd(width)}  ${totals[k]}\n`).join(""));
    }
    return EXIT.ok;
  },
};

/** `registry import activities FILE`: called by the registry command; returns the exit code. */
export async function runActivitiesImport(file: string, allOrNothing: boolean): Promise<number> {
  const rows = await sheetRows(readFileArg([file]));
  const report = await withDatabase(async (db) => {
    await migrateToLatest(db);
    return importActivities(db, CLI_ACTOR, rows, { allOrNothing });
  });
  printIssues(report.issues);
  process.stderr.write(`${tr("import.report", { imported: report.imported, refused: report.refused })}\n`);
  if (report.refused > 0 || isFatalHeader(report.issues)) return EXIT.rowsRefused;
  return EXIT.ok;
}
