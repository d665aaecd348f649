import { migrateToLatest } from "../../db/migrate";
import { CONTEST_SCOPES, type ContestScope } from "../../app/domain/contest/scheme";
import { standingsJson, type StandingsJson } from "../../app/domain/contest/standings-json";
import { boardOf, hasPeriod, loadStandings } from "../../app/models/contest-standings.server";
import { getCompetition } from "../../app/models/competition.server";
import { type Command, CommandError, EXIT, tr, UsageError, withDatabase } from "../cli-kit";
import { parseId } from "./competition";

interface Request {
  competitionId: number;
  period: string;
  scope: ContestScope;
  group: string | undefined;
  provisional: boolean;
  format: "json" | "table";
}

function parseRequest(
  values: Record<string, string | boolean | string[] | undefined>,
  positionals: string[],
) {
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const period = typeof values.period === "string" ? values.period.trim() : "";
  if (!period) throw new UsageError("--period LABEL is required");
  const scope = (values.scope ?? "cumulative") as ContestScope;
  if (!CONTEST_SCOPES.includes(scope)) throw new UsageError("--scope must be cumulative or period");
  const format = values.format ?? "table";
  if (format !== "json" && format !== "table") throw new UsageError("--format must be json or table");
  const group = typeof values.group === "string" ? values.group.trim() : undefined;
  if (group === "") throw new UsageError("--group needs a name");
  return {
    competitionId: parseId(values.competition, "--competition"),
    period,
    scope,
    group,
    provisional: values.provisional === true,
    format,
  } satisfies Request;
}

/**
 * The standings as `contest standings` prints them (docs/domain.md#command-line): verified values
 * only, or with --provisional every submitted value as well (decision 028), red flags official.
 */
async function standings(req: Request): Promise<StandingsJson> {
  return withDatabase(async (db) => {
    await migrateToLatest(db);
    if (!(await getCompetition(db, req.competitionId)))
      throw new CommandError(tr("cli.competition.notFound", { id: req.competitionId }));
    const source = await loadStandings(db, req.competitionId);
    if (!source) throw new CommandError(tr("contestStandings.cli.noContest", { id: req.competitionId }));
    if (!hasPeriod(source, req.period))
      throw new CommandError(
        tr("contestStandings.cli.noPeriod", {
          period: req.period,
          periods: source.scheme.periods.map((p) => p.label).join(", "),
        }),
      );
    if (req.group !== undefined && !source.scheme.groups.some((g) => g.name === req.group))
      throw new CommandError(tr("contestStandings.cli.noGroup", { group: req.group }));
    const board = boardOf(source, req.period, { kind: req.provisional ? "submitted" : "official" });
    return standingsJson(board, req.scope, req.group);
  });
}

/** One block per group: rank (= for a tie), unit, total, each indicator's points, marks. */
function plainText(doc: StandingsJson): string {
  const lines: string[] = [`${doc.period} · ${tr(`contest.scope.${doc.scope}`)}`];
  for (const group of doc.groups) {
    lines.push("", group.group);
    const codes = group.entries.length ? Object.keys(group.entries[0].by_indicator) : [];
    const rows = [
      ["rank", "org", "points", ...codes, ""],
      ...group.entries.map((e) => [
        e.rank === null ? "-" : `${e.rank}${e.tied ? "=" : ""}`,
        e.org,
        String(e.points),
        ...codes.map((c) => String(e.by_indicator[c])),
        [
          e.vetoed ? tr("contest.vetoed") : "",
          e.disqualified ? tr("contest.disqualified") : "",
          e.red_flags.length ? `${tr("contest.redFlag")} ${e.red_flags.join(" ")}` : "",
        ]
          .filter(Boolean)
          .join(" "),
      ]),
    ];
    lines.push(...rows.map((r) => r.join("\t").trimEnd()));
  }
  return `${lines.join("\n")}\n`;
}

export const contestStandings: Command = {
  options: {
    competition: { type: "string" },
    period: { type: "string" },
    scope: { type: "string" },
    group: { type: "string" },
    provisional: { type: "boolean" },
    format: { type: "string" },
  },
  async run({ values, positionals }) {
    const req = parseRequest(values, positionals);
    const doc = await standings(req);
    process.stdout.write(req.format === "json" ? `${JSON.stringify(doc)}\n` : plainText(doc));
    return EXIT.ok;
  },
};
