import { movementOf, previousRanks, type Movement } from "./movement";
import { redFlagsByOrg } from "./red-flags";
import type { ContestScope } from "./scheme";
import { computeStanding, type Standing, type StandingEntry } from "./standing";
import type { ContestTable } from "./table";

export interface BoardEntry extends StandingEntry {
  movement: Movement | null;
  /** Labels of the periods 1..k whose red flag the unit won. */
  redFlags: string[];
}

export interface BoardStanding extends Omit<Standing, "entries"> {
  entries: BoardEntry[];
}

export interface BoardGroup {
  group: string;
  period: BoardStanding;
  cumulative: BoardStanding;
}

/** Every standing of one period: each group, both scopes, with movements and red flags. */
export interface Board {
  period: string;
  /** Indicator codes in scheme order: the keys of each entry's `points`. */
  indicators: string[];
  groups: BoardGroup[];
}

export function periodIndex(table: ContestTable, label: string): number {
  const k = table.periods.indexOf(label);
  if (k < 0) throw new RangeError(`unknown period: ${label}`);
  return k;
}

function withHistory(now: Standing, before: Standing | null, flags: Map<number, string[]>): BoardStanding {
  const previous = previousRanks(before?.entries ?? null);
  return {
    ...now,
    entries: now.entries.map((e) => ({
      ...e,
      movement: movementOf(e.rank, previous(e.orgId)),
      redFlags: flags.get(e.orgId) ?? [],
    })),
  };
}

/**
 * The board of period `label`. Red flags are official: a provisional table passes the official
 * one as `flagsFrom`, so that a unit's own unverified values never hand it a flag.
 */
export function periodBoard(
  table: ContestTable,
  label: string,
  options: { flagsFrom?: ContestTable } = {},
): Board {
  const k = periodIndex(table, label);
  const groups = table.groups.map((group, g): BoardGroup => {
    const standing = (q: number, scope: ContestScope) => computeStanding(table, g, q, scope);
    const periods = Array.from({ length: k + 1 }, (_, q) => standing(q, "period"));
    const flagSource = options.flagsFrom
      ? Array.from({ length: k + 1 }, (_, q) => computeStanding(options.flagsFrom!, g, q, "period"))
      : periods;
    const flags = redFlagsByOrg(flagSource);
    const cumulative = k === 0 ? periods[0] : standing(k, "cumulative");
    const cumulativeBefore = k === 0 ? null : k === 1 ? periods[0] : standing(k - 1, "cumulative");
    return {
      group,
      period: withHistory(periods[k], k === 0 ? null : periods[k - 1], flags),
      cumulative: withHistory({ ...cumulative, scope: "cumulative" }, cumulativeBefore, flags),
    };
  });
  return { period: label, indicators: table.indicators.map((i) => i.code), groups };
}
