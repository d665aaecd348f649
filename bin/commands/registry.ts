import { migrateToLatest } from "../../db/migrate";
import { isFatalHeader } from "../../app/domain/sheet-columns";
import { DomainError } from "../../app/domain/errors";
import { registryScope } from "../../app/domain/registry/registry-scope";
import { acceptSuggestions, matchJson, runMatching, type MatchRun } from "../../app/models/matching.server";
import {
  importRegistrySheet,
  REGISTRY_SHEETS,
  type RegistrySheet,
} from "../../app/models/registry-import.server";
import { ConfigError, loadSecrets } from "../../app/utils/secrets.server";
import { type Command, CommandError, EXIT, printIssues, tr, UsageError, withDatabase } from "../cli-kit";
import { runActivitiesImport } from "./activities";
import { CLI_ACTOR, domainMessage } from "./competition";
import { readFileArg, sheetRows } from "./orgs";

/** The operator manages the whole registry. */
const EVERYTHING = { ...registryScope([]), all: true };

function dataKey(): Buffer {
  try {
    return loadSecrets().dataKey;
  } catch (error) {
    if (error instanceof ConfigError) throw new CommandError(error.message);
    throw error;
  }
}

export const registryImport: Command = {
  options: { "all-or-nothing": { type: "boolean" } },
  async run({ values, positionals }) {
    const [kind, ...rest] = positionals;
    const allOrNothing = !!values["all-or-nothing"];
    if (kind === "activities") {
      if (rest.length !== 1) throw new UsageError("expected exactly one FILE");
      return runActivitiesImport(rest[0], allOrNothing);
    }
    if (!(REGISTRY_SHEETS as readonly string[]).includes(kind ?? ""))
      throw new UsageError("the sheet is counties, helpers, pairings or activities");
    const rows = await sheetRows(readFileArg(rest));
    const key = kind === "helpers" ? dataKey() : Buffer.alloc(32);
    const report = await withDatabase(async (db) => {
      await migrateToLatest(db);
      return importRegistrySheet(db, CLI_ACTOR, kind as RegistrySheet, rows, {
        allOrNothing,
        scope: EVERYTHING,
        dataKey: key,
      });
    });
    printIssues(report.issues);
    process.stderr.write(`${tr("import.report", { imported: report.imported, refused: report.refused })}\n`);
    return report.refused > 0 || isFatalHeader(report.issues) ? EXIT.rowsRefused : EXIT.ok;
  },
};

function printHuman(run: MatchRun): void {
  const r = run.result;
  const out: string[] = [
    `cost ${r.cost}  lower_bound ${r.lower_bound}  gap ${(r.gap * 100).toFixed(2)}%  optimal ${r.optimal}  unfilled ${r.unfilled}`,
  ];
  for (const s of r.suggestions) {
    const why = [
      s.reason.same_city ? "same city" : "other city",
      s.reason.shared_skills.length ? `skills ${s.reason.shared_skills.join(";")}` : "no shared skill",
      `pairing #${s.reason.load}`,
    ];
    out.push(
      `${s.helper_id}\t${run.helperNames[s.helper_id] ?? ""}\t→ ${s.county_code}\t${run.countyNames[s.county_code] ?? ""}\tcost ${s.cost}\t${why.join(", ")}`,
    );
  }
  for (const d of r.deep_kinds) out.push(`deep ${d.county_code}: ${d.kind}s`);
  for (const u of r.uncovered)
    out.push(`uncovered ${u.county_code}\t${run.countyNames[u.county_code] ?? ""}\tneed ${u.need}`);
  process.stdout.write(`${out.join("\n")}\n`);
}

export const match: Command = {
  options: { format: { type: "string" }, apply: { type: "boolean" } },
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
    const format = values.format ?? "table";
    if (format !== "json" && format !== "table") throw new UsageError("--format must be json or table");
    const run = await withDatabase(async (db) => {
      await migrateToLatest(db);
      const found = await runMatching(db, {}, false);
      if (values.apply && found.result.suggestions.length) {
        try {
          await db
            .transaction()
            .execute((trx) => acceptSuggestions(trx, CLI_ACTOR, found.result.suggestions, "province"));
        } catch (error) {
          if (error instanceof DomainError) throw new CommandError(domainMessage(error));
          throw error;
        }
      }
      return found;
    });
    if (format === "json") process.stdout.write(`${JSON.stringify(matchJson(run.result))}\n`);
    else printHuman(run);
    if (values.apply)
      process.stderr.write(`${tr("registry.match.accepted", { count: run.result.suggestions.length })}\n`);
    return EXIT.ok;
  },
};
