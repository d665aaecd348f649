import { migrateToLatest } from "../../db/migrate";
import { DomainError } from "../../app/domain/errors";
import { isFatalHeader } from "../../app/domain/sheet-columns";
import { getCompetition } from "../../app/models/competition.server";
import { importReports } from "../../app/models/contest-report-import.server";
import { type Command, CommandError, EXIT, printIssues, tr, withDatabase } from "../cli-kit";
import { CLI_ACTOR, domainMessage, parseId } from "./competition";
import { readFileArg, sheetRows } from "./orgs";

/**
 * `contest reports import FILE --competition ID [--verified]`: the `reports` sheet, as submitted
 * by the operator acting for the organizer, or verified (late ones consented too). One refused row
 * and nothing is written: the row report on stderr, exit 3.
 */
export const contestReportsImport: Command = {
  options: { competition: { type: "string" }, verified: { type: "boolean" } },
  async run({ values, positionals }) {
    const competitionId = parseId(values.competition, "--competition");
    const rows = await sheetRows(readFileArg(positionals));
    const report = await withDatabase(async (db) => {
      await migrateToLatest(db);
      if (!(await getCompetition(db, competitionId)))
        throw new CommandError(tr("cli.competition.notFound", { id: competitionId }));
      try {
        return await importReports(db, CLI_ACTOR, competitionId, rows, { verified: !!values.verified });
      } catch (error) {
        if (error instanceof DomainError) throw new CommandError(domainMessage(error));
        throw error;
      }
    });
    printIssues(report.issues);
    process.stderr.write(`${tr("import.report", { imported: report.imported, refused: report.refused })}\n`);
    if (report.refused > 0 || isFatalHeader(report.issues)) return EXIT.rowsRefused;
    return EXIT.ok;
  },
};
