import type { z } from "zod";
import { STAGES, type Stage } from "../../app/domain/competitions/vocabulary";
import { migrateToLatest } from "../../db/migrate";
import { CompetitionTemplateSchema } from "../../app/domain/competitions/template";
import { nextStage, stageIndex } from "../../app/domain/competitions/stages";
import { DomainError } from "../../app/domain/errors";
import { isMessageKey, type Params } from "../../app/i18n";
import type { Actor } from "../../app/models/audit.server";
import {
  advanceCompetition,
  createCompetition,
  exportCompetition,
  getCompetition,
} from "../../app/models/competition.server";
import { getOrgByName } from "../../app/models/org.server";
import { hasContest } from "../../app/models/contest.server";
import { type Command, CommandError, EXIT, tr, UsageError, withDatabase } from "../cli-kit";
import { readFileArg } from "./orgs";

export const CLI_ACTOR: Actor = { userId: null, label: "cli", ip: null };

/** A positive integer id from an argument, or exit 2. */
export function parseId(value: string | boolean | string[] | undefined, what: string): number {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value.trim()))
    throw new UsageError(`${what} must be a positive integer`);
  return Number(value.trim());
}

export function domainMessage(error: DomainError): string {
  return tr(error.messageKey, error.params);
}

const stageLabel = (stage: Stage) => tr(`stage.${stage}`);

/** The template's problems, one per line: where, and what is wrong (our message, or zod's own). */
function templateProblems(error: z.ZodError): string {
  return error.issues
    .map(
      (i) =>
        `${i.path.length ? `${i.path.join(".")}: ` : ""}${isMessageKey(i.message) ? tr(i.message, "params" in i ? (i.params as Params) : undefined) : i.message}`,
    )
    .join("; ");
}

function readTemplate(positionals: string[]) {
  const text = readFileArg(positionals)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CommandError(tr("competitions.templateJson"));
  }
  const parsed = CompetitionTemplateSchema.safeParse(json);
  if (!parsed.success)
    throw new CommandError(tr("competitions.templateInvalid", { detail: templateProblems(parsed.error) }));
  return parsed.data;
}

export const competitionImport: Command = {
  async run({ positionals }) {
    const template = readTemplate(positionals);
    const id = await withDatabase(async (db) => {
      await migrateToLatest(db);
      const organizer = await getOrgByName(db, template.organizer);
      if (!organizer)
        throw new CommandError(tr("cli.competition.organizerUnknown", { org: template.organizer }));
      try {
        return await db
          .transaction()
          .execute((trx) => createCompetition(trx, CLI_ACTOR, organizer, template));
      } catch (error) {
        if (error instanceof DomainError) throw new CommandError(domainMessage(error));
        throw error;
      }
    });
    process.stdout.write(`${id}\n`);
    return EXIT.ok;
  },
};

export const competitionExport: Command = {
  async run({ positionals }) {
    if (positionals.length !== 1) throw new UsageError("expected exactly one ID");
    const id = parseId(positionals[0], "ID");
    const template = await withDatabase(async (db) => {
      await migrateToLatest(db);
      return exportCompetition(db, id);
    });
    if (!template) throw new CommandError(tr("cli.competition.notFound", { id }));
    process.stdout.write(`${JSON.stringify(template, null, 2)}\n`);
    return EXIT.ok;
  },
};

function parseTarget(value: string | boolean | string[] | undefined): Stage | null {
  if (value === undefined) return null;
  if (typeof value !== "string" || !(STAGES as readonly string[]).includes(value))
    throw new UsageError(`--to must be one of ${STAGES.join(", ")}`);
  return value as Stage;
}

/**
 * One stage at a time, each step with its own checks in its own transaction: a refusal stops
 * there, and the steps already taken stay taken.
 */
export const competitionAdvance: Command = {
  options: { to: { type: "string" } },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError("expected exactly one ID");
    const id = parseId(positionals[0], "ID");
    const target = parseTarget(values.to);
    return withDatabase(async (db) => {
      await migrateToLatest(db);
      const start = await getCompetition(db, id);
      if (!start) throw new CommandError(tr("cli.competition.notFound", { id }));
      const contest = await hasContest(db, id);
      if (target === "running" && !contest) throw new CommandError(tr("contestSetup.runningWithoutContest"));
      const goal = target ?? nextStage(start.stage, contest);
      if (!goal || stageIndex(goal) === stageIndex(start.stage)) {
        if (goal) {
          process.stderr.write(`${tr("cli.competition.alreadyAt", { stage: stageLabel(start.stage) })}\n`);
          return EXIT.ok;
        }
        throw new CommandError(tr("stage.refuse.last"));
      }
      if (stageIndex(goal) < stageIndex(start.stage))
        throw new CommandError(
          tr("cli.competition.cannotGoBack", { stage: stageLabel(start.stage), target: stageLabel(goal) }),
        );
      for (;;) {
        const { from, outcome } = await db.transaction().execute(async (trx) => {
          const c = (await getCompetition(trx, id))!;
          return { from: c.stage, outcome: await advanceCompetition(trx, CLI_ACTOR, c) };
        });
        // Someone else (the web page, another run) advanced it between this run's read and its lock.
        if (!outcome.ok && outcome.movedTo)
          throw new CommandError(tr("competitions.alreadyMoved", { stage: stageLabel(outcome.movedTo) }));
        if (!outcome.ok) {
          const heading = tr("cli.competition.refusedAt", {
            stage: stageLabel(from),
            next: stageLabel(nextStage(from, contest) ?? from),
          });
          throw new CommandError(
            [heading, ...outcome.refusals.map((r) => `  ${tr(r.messageKey, r.params)}`)].join("\n"),
          );
        }
        process.stderr.write(`${tr("competitions.advanced", { stage: stageLabel(outcome.stage) })}\n`);
        if (outcome.stage === goal) return EXIT.ok;
      }
    });
  },
};
