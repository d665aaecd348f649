import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { migrateToLatest } from "../../db/migrate";
import { isFatalHeader } from "../../app/domain/sheet-columns";
import type { Actor } from "../../app/models/audit.server";
import { getCompetition } from "../../app/models/competition.server";
import { loadScheme, type StoredScheme } from "../../app/models/contest-data.server";
import {
  importParticipants,
  type ContestImportReport,
} from "../../app/models/contest-participant-import.server";
import type { ContestOwner } from "../../app/models/contest-participant.server";
import { importTargets } from "../../app/models/contest-target-import.server";
import { type Command, CommandError, EXIT, printIssues, tr, UsageError, withDatabase } from "../cli-kit";
import { CLI_ACTOR, parseId } from "./competition";
import { readFileArg, sheetRows } from "./orgs";

type Importer = (
  db: Kysely<Database>,
  actor: Actor,
  c: ContestOwner,
  scheme: StoredScheme,
  rows: string[][],
) => Promise<ContestImportReport>;

/** `contest participants|targets import FILE --competition ID`: the row report (docs/domain.md#sheets) on stderr, exit 3 for refused rows. */
function sheetCommand(importer: Importer): Command {
  return {
    options: { competition: { type: "string" } },
    async run({ values, positionals }) {
      if (values.competition === undefined) throw new UsageError("--competition ID is required");
      const competitionId = parseId(values.competition, "--competition");
      const rows = await sheetRows(readFileArg(positionals));
      const report = await withDatabase(async (db) => {
        await migrateToLatest(db);
        const c = await getCompetition(db, competitionId);
        if (!c) throw new CommandError(tr("cli.competition.notFound", { id: competitionId }));
        const scheme = await loadScheme(db, c.id);
        if (!scheme) throw new CommandError(tr("contestSheets.noContest", { id: competitionId }));
        return importer(db, CLI_ACTOR, c, scheme, rows);
      });
      printIssues(report.issues);
      process.stderr.write(
        `${tr("import.report", { imported: report.imported, refused: report.refused })}\n`,
      );
      return report.refused > 0 || isFatalHeader(report.issues) ? EXIT.rowsRefused : EXIT.ok;
    },
  };
}

export const contestParticipantsImport = sheetCommand(importParticipants);
export const contestTargetsImport = sheetCommand(importTargets);
