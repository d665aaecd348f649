import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { migrateToLatest } from "../../db/migrate";
import { DomainError } from "../../app/domain/errors";
import { statusLabelKey, type NominationStatus } from "../../app/domain/nominations/lifecycle";
import { isFatalHeader } from "../../app/domain/sheet-columns";
import type { MessageKey } from "../../app/i18n";
import { getCompetition } from "../../app/models/competition.server";
import { importNominations } from "../../app/models/nomination-import.server";
import { transitionNomination } from "../../app/models/nomination.server";
import { ConfigError, loadSecrets } from "../../app/utils/secrets.server";
import { readSheet, SheetError } from "../../app/utils/sheet.server";
import { type Command, CommandError, EXIT, printIssues, tr, UsageError, withDatabase } from "../cli-kit";
import { CLI_ACTOR, domainMessage, parseId } from "./competition";
import { readFileArg } from "./orgs";

type Values = Record<string, string | boolean | string[] | undefined>;

function requireCategory(values: Values): string {
  const name = typeof values.category === "string" ? values.category.trim() : "";
  if (!name) throw new UsageError("--category NAME is required");
  return name;
}

function noPositionals(positionals: string[]) {
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
}

async function findCategory(db: Kysely<Database>, competitionId: number, name: string) {
  const category = await db
    .selectFrom("categories")
    .select(["id", "name"])
    .where("competition_id", "=", competitionId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (!category) throw new CommandError(tr("cli.nominations.noCategory", { category: name }));
  return category;
}

async function requireCompetition(db: Kysely<Database>, id: number) {
  const competition = await getCompetition(db, id);
  if (!competition) throw new CommandError(tr("cli.competition.notFound", { id }));
  return competition;
}

export const nominationsImport: Command = {
  usage: "nominations import FILE --competition ID --category NAME [--all-or-nothing]",
  summary:
    "import a nominations sheet (XLSX, or CSV in UTF-8 or GBK) into a category; 奖项类别 and 类型 may be left out, only the category's kind's columns are required; rows go in as submitted",
  options: {
    competition: { type: "string" },
    category: { type: "string" },
    "all-or-nothing": { type: "boolean" },
  },
  async run({ values, positionals }) {
    const competitionId = parseId(values.competition, "--competition");
    const categoryName = requireCategory(values);
    const bytes = readFileArg(positionals);
    let rows: string[][];
    try {
      rows = await readSheet(bytes);
    } catch (error) {
      if (error instanceof SheetError) throw new CommandError(tr(error.message as MessageKey, error.params));
      throw error;
    }
    let dataKey: Buffer;
    try {
      dataKey = loadSecrets().dataKey;
    } catch (error) {
      if (error instanceof ConfigError) throw new CommandError(error.message);
      throw error;
    }
    const report = await withDatabase(async (db) => {
      await migrateToLatest(db);
      try {
        return await importNominations(db, CLI_ACTOR, dataKey, { competitionId, categoryName }, rows, {
          allOrNothing: !!values["all-or-nothing"],
        });
      } catch (error) {
        if (error instanceof DomainError) throw new CommandError(domainMessage(error));
        throw error;
      }
    });
    printIssues(report.issues);
    process.stderr.write(`${tr("import.report", { imported: report.imported, refused: report.refused })}\n`);
    // A sheet without its required columns is refused even when it has no record rows.
    return report.refused > 0 || isFatalHeader(report.issues) ? EXIT.rowsRefused : EXIT.ok;
  },
};

export interface NominationListEntry {
  ref: string;
  name: string;
  org: string;
  status: string;
}

/** Sorted here, by code points, so SQLite and PostgreSQL (whose collations differ) agree. */
async function listEntries(
  db: Kysely<Database>,
  competitionId: number,
  categoryId: number | null,
): Promise<NominationListEntry[]> {
  let q = db
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select(["nominations.ref", "nominations.name", "orgs.name as org", "nominations.status"])
    .where("nominations.competition_id", "=", competitionId);
  if (categoryId !== null) q = q.where("nominations.category_id", "=", categoryId);
  const rows = await q.execute();
  return rows.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** Columns as wide as a terminal shows them: CJK and full-width characters take two cells. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + " ".repeat(widths[i] - displayWidth(c))))
      .join("  ");
  return [line(header), ...rows.map(line)].map((l) => `${l}\n`).join("");
}

export const nominationsList: Command = {
  usage: "nominations list --competition ID [--category NAME] [--format json]",
  summary: "list the nominations of a competition: ref, name, org, status",
  options: { competition: { type: "string" }, category: { type: "string" }, format: { type: "string" } },
  async run({ values, positionals }) {
    noPositionals(positionals);
    const competitionId = parseId(values.competition, "--competition");
    const format = values.format ?? "table";
    if (format !== "json" && format !== "table") throw new UsageError("--format must be json or table");
    const entries = await withDatabase(async (db) => {
      await migrateToLatest(db);
      await requireCompetition(db, competitionId);
      const category =
        values.category === undefined ? null : await findCategory(db, competitionId, requireCategory(values));
      return listEntries(db, competitionId, category?.id ?? null);
    });
    if (format === "json") process.stdout.write(`${JSON.stringify(entries)}\n`);
    else
      process.stdout.write(
        table(
          ["ref", "name", "org", "status"],
          entries.map((e) => [e.ref, e.name, e.org, tr(statusLabelKey(e.status as NominationStatus))]),
        ),
      );
    return EXIT.ok;
  },
};

interface ReviewRequest {
  competitionId: number;
  categoryName: string;
  refs: string[] | "all";
  to: "eligible" | "ineligible";
  reason: string | null;
}

function parseReview(values: Values, positionals: string[]): ReviewRequest {
  // `--ref A B C` and `--ref A --ref B` both work: words after a --ref are references too.
  const given = (values.ref as string[] | undefined) ?? [];
  if (!given.length) noPositionals(positionals);
  const competitionId = parseId(values.competition, "--competition");
  const categoryName = requireCategory(values);
  const refs = [...given, ...positionals].map((r) => r.trim());
  if (refs.some((r) => !r)) throw new UsageError("--ref needs a reference");
  if (!!values.all === refs.length > 0) throw new UsageError("give either --ref R (one or more) or --all");
  if (!!values.eligible === !!values.ineligible)
    throw new UsageError("give either --eligible or --ineligible");
  const reason = typeof values.reason === "string" && values.reason.trim() ? values.reason.trim() : null;
  if (values.ineligible && !reason) throw new UsageError("--ineligible needs --reason T");
  return {
    competitionId,
    categoryName,
    refs: values.all ? "all" : [...new Set(refs)],
    to: values.eligible ? "eligible" : "ineligible",
    reason,
  };
}

/** Every decision in one transaction: one refusal and none is written. */
async function decide(db: Kysely<Database>, req: ReviewRequest): Promise<number> {
  const competition = await requireCompetition(db, req.competitionId);
  if (competition.stage !== "reviewing") throw new CommandError(tr("cli.review.notReviewing"));
  const category = await findCategory(db, req.competitionId, req.categoryName);
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom("nominations")
      .innerJoin("orgs", "orgs.id", "nominations.org_id")
      .select(["nominations.id", "nominations.ref", "nominations.status", "orgs.path as org_path"])
      .where("nominations.category_id", "=", category.id);
    q =
      req.refs === "all"
        ? q.where("nominations.status", "in", ["submitted", "resubmitted"])
        : q.where("nominations.ref", "in", req.refs);
    const found = await q.execute();
    const refusals: string[] = [];
    if (req.refs !== "all") {
      for (const ref of req.refs)
        if (!found.some((n) => n.ref === ref))
          refusals.push(`${ref}: ${tr("cli.review.unknownRef", { ref })}`);
    }
    for (const n of found.sort((a, b) => (a.ref < b.ref ? -1 : 1))) {
      try {
        await transitionNomination(trx, CLI_ACTOR, n, req.to, "admin", req.reason);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refusals.push(`${n.ref}: ${domainMessage(error)}`);
      }
    }
    if (refusals.length)
      throw new CommandError([...refusals, tr("cli.review.refused", { count: refusals.length })].join("\n"));
    return found.length;
  });
}

export const nominationsReview: Command = {
  usage:
    "nominations review --competition ID --category NAME (--ref R … | --all) --eligible|--ineligible [--reason T]",
  summary: "record eligibility decisions (reviewing stage); --all takes every undecided nomination",
  options: {
    competition: { type: "string" },
    category: { type: "string" },
    ref: { type: "string", multiple: true },
    all: { type: "boolean" },
    eligible: { type: "boolean" },
    ineligible: { type: "boolean" },
    reason: { type: "string" },
  },
  async run({ values, positionals }) {
    const req = parseReview(values, positionals);
    const count = await withDatabase(async (db) => {
      await migrateToLatest(db);
      return decide(db, req);
    });
    if (count === 0) process.stderr.write(`${tr("cli.review.nothingUndecided")}\n`);
    else
      process.stderr.write(
        `${tr(req.to === "eligible" ? "cli.review.eligible" : "cli.review.ineligible", { count })}\n`,
      );
    return EXIT.ok;
  },
};
