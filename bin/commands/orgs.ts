import fs from "node:fs";
import { migrateToLatest } from "../../db/migrate";
import { importOrgs } from "../../app/models/org-import.server";
import { readSheet, SheetError } from "../../app/utils/sheet.server";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import type { MessageKey } from "../../app/i18n";
import { type Command, CommandError, EXIT, printIssues, tr, UsageError, withDatabase } from "../cli-kit";

export function readFileArg(positionals: string[]): Buffer {
  if (positionals.length !== 1) throw new UsageError("expected exactly one FILE");
  try {
    return fs.readFileSync(positionals[0]);
  } catch (error) {
    throw new CommandError(
      `cannot read ${positionals[0]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export async function sheetRows(bytes: Buffer): Promise<string[][]> {
  try {
    return await readSheet(bytes);
  } catch (error) {
    if (error instanceof SheetError) throw new CommandError(tr(error.message as MessageKey, error.params));
    throw error;
  }
}

export const orgsImport: Command = {
  options: { "all-or-nothing": { type: "boolean" } },
  async run({ values, positionals }) {
    const rows = await sheetRows(readFileArg(positionals));
    const report = await withDatabase(async (db) => {
      await migrateToLatest(db);
      return importOrgs(db, { ...SYSTEM_ACTOR, label: "cli" }, rows, {
        allOrNothing: !!values["all-or-nothing"],
      });
    });
    printIssues(report.issues);
    process.stderr.write(`${tr("import.report", { imported: report.imported, refused: report.refused })}\n`);
    return report.refused > 0 ? EXIT.rowsRefused : EXIT.ok;
  },
};
