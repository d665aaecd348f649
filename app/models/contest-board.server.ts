import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { periodBoard, type BoardEntry } from "~/domain/contest/board";
import type { ChartSeries } from "~/domain/contest/board-chart";
import type { Movement } from "~/domain/contest/movement";
import { rankScope } from "~/domain/contest/ranking";
import type { ContestScope } from "~/domain/contest/scheme";
import { buildContestTable, type ContestTable } from "~/domain/contest/table";
import { loadContestData, loadScheme, type StoredScheme } from "./contest-data.server";

/** How many leaders of each group the chart draws. */
export const CHART_LEADERS = 5;

export interface PublicEntry {
  name: string;
  rank: number | null;
  tied: boolean;
  total: number;
  /** Points of the public indicators only, in scheme order. */
  points: number[];
  movement: Movement | null;
  redFlags: number;
  vetoed: boolean;
  /** Titles of the public veto indicators that vetoed it: a confidential one is never named. */
  vetoedBy: string[];
  disqualified: boolean;
}

export interface PublicGroup {
  name: string;
  entries: PublicEntry[];
  /** Periods 1..k, each with the names of its red flag's winners. */
  redFlags: { period: string; winners: string[] }[];
  chart: { labels: string[]; series: ChartSeries[] };
}

export interface PublicBoard {
  competition: { id: number; title: string; year: number; org: string };
  periods: string[];
  period: string;
  scope: ContestScope;
  /** The indicators with a points column: confidential ones are left out here, so no page can show them. */
  indicators: { code: string; title: string; unit: string }[];
  groups: PublicGroup[];
}

/** The competitions whose board the organizer has opened to the public, newest year first. */
export function listOpenBoards(db: Kysely<Database>) {
  return db
    .selectFrom("contests as k")
    .innerJoin("competitions as c", "c.id", "k.competition_id")
    .innerJoin("orgs as o", "o.id", "c.org_id")
    .select(["c.id", "c.title", "c.year", "o.name as org", "k.board_opened_at"])
    .where("k.board_public", "=", 1)
    .orderBy("c.year", "desc")
    .orderBy("c.id", "desc")
    .execute();
}

export async function anyOpenBoard(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom("contests")
    .select("competition_id")
    .where("board_public", "=", 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The latest period with a verified report: the board opens on it. Period 1 when none is verified yet. */
async function latestVerifiedPeriod(db: Kysely<Database>, scheme: StoredScheme): Promise<string | null> {
  const row = await db
    .selectFrom("contest_periods as p")
    .select("p.label")
    .where("p.competition_id", "=", scheme.competitionId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("contest_reports as r")
          .select("r.id")
          .whereRef("r.period_id", "=", "p.id")
          .where("r.status", "=", "verified"),
      ),
    )
    .orderBy("p.position", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.label ?? scheme.periods[0]?.label ?? null;
}

function publicEntry(
  entry: BoardEntry,
  shown: readonly number[],
  vetoTitle: ReadonlyMap<string, string>,
): PublicEntry {
  return {
    name: entry.name,
    rank: entry.rank,
    tied: entry.tied,
    total: entry.total,
    points: shown.map((i) => entry.points[i]),
    movement: entry.movement,
    redFlags: entry.redFlags.length,
    vetoed: entry.vetoed,
    vetoedBy: entry.vetoedBy.flatMap((code) => (vetoTitle.has(code) ? [vetoTitle.get(code)!] : [])),
    disqualified: entry.disqualified,
  };
}

/** The leaders' cumulative totals over periods 1..k+1 (null where a leader was unranked). */
function chartOf(
  table: ContestTable,
  g: number,
  k: number,
  leaders: readonly BoardEntry[],
): PublicGroup["chart"] {
  const members = table.members[g];
  const memberOf = new Map(members.map((p, m) => [table.participants[p].orgId, m]));
  const scopes = Array.from({ length: k + 1 }, (_, q) =>
    rankScope(table, g, q, q === 0 ? "period" : "cumulative"),
  );
  return {
    labels: table.periods.slice(0, k + 1),
    series: leaders.map((entry) => {
      const m = memberOf.get(entry.orgId)!;
      return { name: entry.name, totals: scopes.map((s) => (s.rank[m] ? s.total[m] : null)) };
    }),
  };
}

/**
 * The public board of a competition for one period and scope, or null when it runs no contest,
 * its board is closed, or the period is unknown. Confidential indicators are dropped from what
 * the page gets; the totals still count them (decision 029).
 */
export async function publicBoard(
  db: Kysely<Database>,
  competitionId: number,
  query: { period: string | null; scope: ContestScope },
): Promise<PublicBoard | null> {
  const scheme = await loadScheme(db, competitionId);
  if (!scheme?.boardPublic) return null;
  const competition = await db
    .selectFrom("competitions as c")
    .innerJoin("orgs as o", "o.id", "c.org_id")
    .select(["c.id", "c.title", "c.year", "o.name as org"])
    .where("c.id", "=", competitionId)
    .executeTakeFirstOrThrow();
  const labels = scheme.periods.map((p) => p.label);
  const period = query.period ?? (await latestVerifiedPeriod(db, scheme));
  if (period === null || !labels.includes(period)) return null;

  const table = buildContestTable(await loadContestData(db, scheme));
  const board = periodBoard(table, period);
  const k = labels.indexOf(period);
  // A veto indicator scores nothing: its column would be zeros; the vetoed entry names it instead.
  const shown = scheme.indicators.flatMap((ind, i) => (ind.confidential || ind.method === "veto" ? [] : [i]));
  const vetoTitle = new Map(
    scheme.indicators.filter((i) => i.method === "veto" && !i.confidential).map((i) => [i.code, i.title]),
  );
  const groups = board.groups.map((group, g): PublicGroup => {
    const cumulative = group.cumulative.entries;
    const standing = query.scope === "cumulative" ? cumulative : group.period.entries;
    const leaders = cumulative.filter((e) => e.rank !== null).slice(0, CHART_LEADERS);
    return {
      name: group.group,
      entries: standing.map((e) => publicEntry(e, shown, vetoTitle)),
      redFlags: labels.slice(0, k + 1).map((label) => ({
        period: label,
        winners: cumulative.filter((e) => e.redFlags.includes(label)).map((e) => e.name),
      })),
      chart: chartOf(table, g, k, leaders),
    };
  });
  return {
    competition,
    periods: labels,
    period,
    scope: query.scope,
    indicators: shown.map((i) => {
      const { code, title, unit } = scheme.indicators[i];
      return { code, title, unit };
    }),
    groups,
  };
}
