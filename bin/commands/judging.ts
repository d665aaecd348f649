import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { migrateToLatest } from "../../db/migrate";
import { DomainError } from "../../app/domain/errors";
import { AGGREGATION_METHODS, type AggregationMethod } from "../../app/domain/judging/aggregation";
import { skipReasonMessage } from "../../app/domain/judging/selection";
import { exportCsv } from "../../app/domain/csv";
import { isFatalHeader } from "../../app/domain/sheet-columns";
import { getCompetition } from "../../app/models/competition.server";
import { categoryResults, type CategoryResults } from "../../app/models/results.server";
import { getResultSnapshot } from "../../app/models/result-snapshot.server";
import { importScores } from "../../app/models/score-import.server";
import { type Command, CommandError, EXIT, printIssues, tr, UsageError, withDatabase } from "../cli-kit";
import { CLI_ACTOR, domainMessage, parseId } from "./competition";
import { readFileArg, sheetRows } from "./orgs";

type Values = Record<string, string | boolean | string[] | undefined>;

function categoryName(values: Values): string {
  const name = typeof values.category === "string" ? values.category.trim() : "";
  if (!name) throw new UsageError("--category NAME is required");
  return name;
}

function methodOf(values: Values): AggregationMethod | undefined {
  if (values.method === undefined) return undefined;
  if (!AGGREGATION_METHODS.includes(values.method as AggregationMethod))
    throw new UsageError(`--method must be one of ${AGGREGATION_METHODS.join(", ")}`);
  return values.method as AggregationMethod;
}

function formatOf(values: Values, allowed: string[]): string {
  const format = typeof values.format === "string" ? values.format : "table";
  if (!allowed.includes(format)) throw new UsageError(`--format must be ${allowed.join(" or ")}`);
  return format;
}

function noPositionals(positionals: string[]) {
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
}

interface ShownResults {
  method: string;
  fallbackToMean: boolean;
  entries: { ref: string; name: string; score: number; rank: number; tied: boolean }[];
  selection: CategoryResults["selection"];
  /** Who decided the list and when, when these are the decided results. */
  decided: { at: string; by: string } | null;
}

/**
 * After the decision the command prints the results as decided (decision 018); `--current` or a
 * `--method` recomputes them from the scores as they stand.
 */
async function shownResults(values: Values): Promise<ShownResults> {
  return withDatabase(async (db) => {
    const r = await resultsOf(db, values);
    const snapshot = values.current || values.method ? undefined : await getResultSnapshot(db, r.category.id);
    if (!snapshot) return { ...r, decided: null };
    return {
      method: snapshot.method,
      fallbackToMean: snapshot.fallbackToMean,
      entries: snapshot.entries,
      selection: snapshot.selection,
      decided: { at: snapshot.decidedAt, by: snapshot.decidedBy },
    };
  });
}

async function resultsOf(db: Kysely<Database>, values: Values): Promise<CategoryResults> {
  const competitionId = parseId(values.competition, "--competition");
  const name = categoryName(values);
  const method = methodOf(values);
  await migrateToLatest(db);
  if (!(await getCompetition(db, competitionId)))
    throw new CommandError(tr("cli.competition.notFound", { id: competitionId }));
  const cat = await db
    .selectFrom("categories")
    .select("id")
    .where("competition_id", "=", competitionId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (!cat) throw new CommandError(tr("cli.nominations.noCategory", { category: name }));
  return (await categoryResults(db, cat.id, method))!;
}

export const scoresImport: Command = {
  options: {
    competition: { type: "string" },
    category: { type: "string" },
    "add-judges": { type: "boolean" },
  },
  async run({ values, positionals }) {
    const competitionId = parseId(values.competition, "--competition");
    const name = categoryName(values);
    const rows = await sheetRows(readFileArg(positionals));
    const report = await withDatabase(async (db) => {
      await migrateToLatest(db);
      try {
        return await importScores(db, CLI_ACTOR, { competitionId, categoryName: name }, rows, {
          addJudges: !!values["add-judges"],
        });
      } catch (error) {
        if (error instanceof DomainError) throw new CommandError(domainMessage(error));
        throw error;
      }
    });
    printIssues(report.issues);
    process.stderr.write(`${tr("import.report", { imported: report.imported, refused: report.refused })}\n`);
    return report.refused > 0 || isFatalHeader(report.issues) ? EXIT.rowsRefused : EXIT.ok;
  },
};

export const ranking: Command = {
  options: {
    competition: { type: "string" },
    category: { type: "string" },
    method: { type: "string" },
    current: { type: "boolean" },
    format: { type: "string" },
  },
  async run({ values, positionals }) {
    noPositionals(positionals);
    const format = formatOf(values, ["table", "json", "csv"]);
    const r = await shownResults(values);
    const entries = r.entries.map((e) => ({
      ref: e.ref,
      name: e.name,
      score: e.score,
      rank: e.rank,
      tied: e.tied,
    }));
    if (format === "json")
      process.stdout.write(
        `${JSON.stringify({ method: r.method, fallback_to_mean: r.fallbackToMean, ...(r.decided && { decided: r.decided }), entries })}\n`,
      );
    else if (format === "csv")
      process.stdout.write(
        exportCsv(
          [
            ["ref", "name", "score", "rank", "tied"],
            ...entries.map((e) => [e.ref, e.name, e.score, e.rank, e.tied]),
          ],
          { bom: false, eol: "\n" },
        ),
      );
    else {
      process.stdout.write(
        entries
          .map(
            (e) =>
              `${e.rank}${e.tied ? "=" : ""}\t${e.ref}\t${e.name}\t${Math.round(e.score * 1000) / 1000}\n`,
          )
          .join(""),
      );
      if (r.fallbackToMean) process.stderr.write(`${tr("judging.fallbackToMean")}\n`);
    }
    return EXIT.ok;
  },
};

export const select: Command = {
  options: {
    competition: { type: "string" },
    category: { type: "string" },
    method: { type: "string" },
    current: { type: "boolean" },
    format: { type: "string" },
  },
  async run({ values, positionals }) {
    noPositionals(positionals);
    const format = formatOf(values, ["table", "json"]);
    const r = await shownResults(values);
    const s = r.selection;
    const skipped = s.skipped.map((k) => {
      const m = skipReasonMessage(k.reason);
      return { ref: k.ref, reason: tr(m.key, m.params) };
    });
    if (format === "json") {
      process.stdout.write(
        `${JSON.stringify({ quota: s.quota, selected: s.selected.map(({ ref, rank }) => ({ ref, rank })), skipped, unmet: s.unmet })}\n`,
      );
    } else {
      process.stdout.write(s.selected.map((e) => `${e.rank}\t${e.ref}\n`).join(""));
      for (const k of skipped) process.stderr.write(`skipped ${k.ref}: ${k.reason}\n`);
      for (const u of s.unmet)
        process.stderr.write(
          `${tr("judging.selection.unmetRule", { rule: u.rule, required: u.required, selected: u.selected })}\n`,
        );
    }
    return EXIT.ok;
  },
};
