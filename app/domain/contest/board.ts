import { movementOf, type Movement } from "./movement";
import { rankScope, type RankedScope } from "./ranking";
import { redFlagsByMember } from "./red-flags";
import type { ContestScope } from "./scheme";
import { entriesOf, type Standing, type StandingEntry } from "./standing";
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
  /** Indicator codes in scheme order: the order of each entry's `points`. */
  indicators: string[];
  groups: BoardGroup[];
}

export function periodIndex(table: ContestTable, label: string): number {
  const k = table.periods.indexOf(label);
  if (k < 0) throw new RangeError(`unknown period: ${label}`);
  return k;
}

function boardStanding(
  table: ContestTable,
  g: number,
  k: number,
  scope: ContestScope,
  [now, before]: [RankedScope, RankedScope | null],
  flags: string[][],
): BoardStanding {
  return {
    group: table.groups[g],
    period: table.periods[k],
    scope,
    entries: entriesOf(table, now, (entry, m): BoardEntry => {
      const movement = movementOf(entry.rank, before === null ? undefined : before.rank[m] || null);
      return Object.assign(entry, { movement, redFlags: flags[m] });
    }),
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
    const periods = Array.from({ length: k + 1 }, (_, q) => rankScope(table, g, q, "period"));
    const flagSource = options.flagsFrom
      ? Array.from({ length: k + 1 }, (_, q) => rankScope(options.flagsFrom!, g, q, "period"))
      : periods;
    const flags = redFlagsByMember(flagSource, table.periods);
    // Period 1's cumulative scope is the period itself.
    const cumulative = (q: number) => (q === 0 ? periods[0] : rankScope(table, g, q, "cumulative"));
    return {
      group,
      period: boardStanding(table, g, k, "period", [periods[k], k === 0 ? null : periods[k - 1]], flags),
      cumulative: boardStanding(
        table,
        g,
        k,
        "cumulative",
        [cumulative(k), k === 0 ? null : cumulative(k - 1)],
        flags,
      ),
    };
  });
  return { period: label, indicators: table.indicators.map((i) => i.code), groups };
}
