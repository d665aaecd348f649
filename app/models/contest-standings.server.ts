import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { periodBoard, type Board } from "~/domain/contest/board";
import { gapToNextPlace, type Gap } from "~/domain/contest/gap";
import type { ContestScope } from "~/domain/contest/scheme";
import {
  buildContestTable,
  EVERY_SUBMITTED,
  provisionalFor,
  type ContestTable,
} from "~/domain/contest/table";
import type { ContestData } from "~/domain/contest/types";
import { loadContestData, loadScheme, type StoredScheme } from "./contest-data.server";

/**
 * The standings read from the database (docs/domain.md#contest, decision 028): what a page, the
 * export and `contest standings` compute the boards from, read once per request.
 */
export interface StandingsSource {
  scheme: StoredScheme;
  data: ContestData;
  official: ContestTable;
}

/** null when the competition runs no contest. */
export async function loadStandings(
  db: Kysely<Database>,
  competitionId: number,
): Promise<StandingsSource | null> {
  const scheme = await loadScheme(db, competitionId);
  if (!scheme) return null;
  const data = await loadContestData(db, scheme);
  return { scheme, data, official: buildContestTable(data) };
}

/** Which values count: verified only, a unit's own submitted ones too, or every submitted one. */
export type Counting = { kind: "official" } | { kind: "provisional"; orgId: number } | { kind: "submitted" };

/** The tables a request built besides the official one (the board and the gap share them). */
const built = new WeakMap<StandingsSource, Map<string, ContestTable>>();

export function countingTable(source: StandingsSource, counting: Counting): ContestTable {
  if (counting.kind === "official") return source.official;
  const key = counting.kind === "provisional" ? `p${counting.orgId}` : "s";
  const tables = built.get(source) ?? new Map<string, ContestTable>();
  built.set(source, tables);
  const table = tables.get(key) ?? buildCountingTable(source, counting);
  tables.set(key, table);
  return table;
}

function buildCountingTable(source: StandingsSource, counting: Exclude<Counting, { kind: "official" }>) {
  if (counting.kind === "provisional") return buildContestTable(source.data, provisionalFor(counting.orgId));
  // An operator's look at the standings as if every submitted report were verified (decision 028).
  return buildContestTable(source.data, EVERY_SUBMITTED);
}

/** The board of a period under a counting; red flags always come from the official standings. */
export function boardOf(source: StandingsSource, period: string, counting: Counting): Board {
  const table = countingTable(source, counting);
  return counting.kind === "official"
    ? periodBoard(table, period)
    : periodBoard(table, period, { flagsFrom: source.official });
}

export function hasPeriod(source: StandingsSource, label: string): boolean {
  return source.scheme.periods.some((p) => p.label === label);
}

/** The official board of a period; null when there is no contest or no such period. */
export async function officialBoard(
  db: Kysely<Database>,
  competitionId: number,
  periodLabel: string,
): Promise<Board | null> {
  const source = await loadStandings(db, competitionId);
  if (!source || !hasPeriod(source, periodLabel)) return null;
  return boardOf(source, periodLabel, { kind: "official" });
}

/** The board a participant sees: its own submitted values counted too, the red flags official. */
export async function provisionalBoard(
  db: Kysely<Database>,
  competitionId: number,
  periodLabel: string,
  orgId: number,
): Promise<Board | null> {
  const source = await loadStandings(db, competitionId);
  if (!source || !hasPeriod(source, periodLabel)) return null;
  return boardOf(source, periodLabel, { kind: "provisional", orgId });
}

/** The group a participant competes in, when it competes (admitted or disqualified). */
export function groupOf(source: StandingsSource, orgId: number): string | null {
  return source.data.participants.find((p) => p.orgId === orgId)?.group ?? null;
}

/** A unit's gap to the next place under a counting; null when it leads, is unranked or not competing. */
export function unitGap(
  source: StandingsSource,
  period: string,
  scope: ContestScope,
  orgId: number,
  counting: Counting,
): Gap | null {
  const group = groupOf(source, orgId);
  if (group === null) return null;
  return gapToNextPlace(countingTable(source, counting), group, period, scope, orgId);
}
