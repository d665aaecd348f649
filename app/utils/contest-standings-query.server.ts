import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { BoardEntry } from "~/domain/contest/board";
import type { Gap } from "~/domain/contest/gap";
import { CONTEST_SCOPES, type ContestScope } from "~/domain/contest/scheme";
import type { CompetitionRow } from "~/models/competition.server";
import { boardOf, loadStandings, unitGap, type StandingsSource } from "~/models/contest-standings.server";
import type { SessionUser } from "~/models/user.server";
import { errorResponse } from "./http.server";
import { nowIso } from "./time.server";

const blankIsAbsent = (v: unknown) => (v === "" ? undefined : v);
const StandingsQuery = z.object({
  period: z.preprocess(blankIsAbsent, z.string().max(30).optional()),
  scope: z.preprocess(blankIsAbsent, z.enum(CONTEST_SCOPES).default("cumulative")),
  group: z.preprocess(blankIsAbsent, z.string().max(50).optional()),
  view: z.preprocess(blankIsAbsent, z.enum(["official", "provisional"]).default("official")),
});

/** The unit a user sees provisionally: a participant org where the user nominates or administers. */
function ownUnit(user: SessionUser, source: StandingsSource) {
  for (const g of user.grants) {
    if (g.role === "judge") continue;
    const p = source.data.participants.find((x) => x.orgId === g.orgId);
    if (p) return { orgId: p.orgId, name: p.name, group: p.group };
  }
  return null;
}

/** The latest period whose reporting window has opened, or the first: what the office looks at now. */
function currentPeriod(source: StandingsSource, today: string): string {
  const opened = source.scheme.periods.filter((p) => p.opens <= today);
  return (opened.at(-1) ?? source.scheme.periods[0]).label;
}

export interface IndicatorHead {
  code: string;
  title: string;
  unit: string;
}

export interface StandingsView {
  periods: string[];
  groups: string[];
  indicators: IndicatorHead[];
  period: string;
  scope: ContestScope;
  group: string;
  provisional: boolean;
  /** The viewer's own participant, when it has one (then it may switch to provisional). */
  own: { orgId: number; name: string; group: string } | null;
  entries: BoardEntry[];
  /** The own unit's gap, in this very standing, when it is in the group. */
  gap: { state: "gap"; gap: Gap } | { state: "leads" | "unranked" | "notHere" } | null;
}

function gapState(
  source: StandingsSource,
  view: Omit<StandingsView, "gap">,
  counting: Parameters<typeof unitGap>[4],
) {
  const own = view.own;
  if (!own) return null;
  if (own.group !== view.group) return { state: "notHere" as const };
  const mine = view.entries.find((e) => e.orgId === own.orgId);
  if (!mine || mine.rank === null) return { state: "unranked" as const };
  const gap = unitGap(source, view.period, view.scope, own.orgId, counting);
  return gap ? { state: "gap" as const, gap } : { state: "leads" as const };
}

/**
 * The standing a request asks for (docs/domain.md#contest): period, scope and group from the
 * query (defaults: the current period, cumulative, the viewer's group or the first), official or,
 * for a participant's own users, provisional. An unknown period, group or value is a 400.
 */
export async function standingsView(
  context: AppLoadContext,
  request: Request,
  competition: CompetitionRow,
  user: SessionUser,
): Promise<StandingsView | null> {
  const source = await loadStandings(context.db, competition.id);
  if (!source || source.scheme.periods.length === 0) return null;
  const q = StandingsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw errorResponse(400, "contestStandings.badQuery");
  const own = ownUnit(user, source);
  const periods = source.scheme.periods.map((p) => p.label);
  const groups = source.scheme.groups.map((g) => g.name);
  const period = q.data.period ?? currentPeriod(source, nowIso().slice(0, 10));
  const group = q.data.group ?? own?.group ?? groups[0];
  if (!periods.includes(period) || !groups.includes(group))
    throw errorResponse(400, "contestStandings.badQuery");
  const provisional = q.data.view === "provisional" && own !== null;
  const counting = provisional
    ? { kind: "provisional" as const, orgId: own.orgId }
    : { kind: "official" as const };
  const board = boardOf(source, period, counting);
  const standing = board.groups.find((g) => g.group === group)!;
  const view = {
    periods,
    groups,
    indicators: source.scheme.indicators.map((i) => ({ code: i.code, title: i.title, unit: i.unit })),
    period,
    scope: q.data.scope,
    group,
    provisional,
    own,
    entries: (q.data.scope === "period" ? standing.period : standing.cumulative).entries,
  };
  return { ...view, gap: gapState(source, view, counting) };
}
