import type { ContestIndicator } from "./scheme-schema";
import type { ContestData, ContestParticipant, PackedValues, ValueRow } from "./types";

/**
 * The counted values and the targets of a contest laid out densely, [participant][period][indicator]
 * in one Float64Array each (NaN = no counted value, no target), so that every standing of a period
 * is a few passes over flat memory: 480,000 values are 3.8 MB, not half a million objects.
 */
export interface ContestTable {
  groups: readonly string[];
  periods: readonly string[];
  indicators: readonly ContestIndicator[];
  participants: readonly ContestParticipant[];
  /** Participant indexes of each group, in `groups` order. */
  members: readonly (readonly number[])[];
  values: Float64Array;
  targets: Float64Array;
}

/**
 * Official: verified values only. Provisional for a unit: also that unit's own submitted values.
 * `everySubmitted`: every submitted value counts (an operator's preview of the verification queue).
 */
export interface Counting {
  provisionalFor: number | null;
  everySubmitted?: boolean;
}
export const OFFICIAL: Counting = { provisionalFor: null };
export const provisionalFor = (orgId: number): Counting => ({ provisionalFor: orgId });

export const EVERY_SUBMITTED: Counting = { provisionalFor: null, everySubmitted: true };

function isCounted(row: ValueRow, counting: Counting): boolean {
  if (row.status === "verified") return true;
  return (
    row.status === "submitted" && (counting.everySubmitted === true || row.orgId === counting.provisionalFor)
  );
}

function indexOf<K>(keys: readonly K[], what: string): Map<K, number> {
  const map = new Map<K, number>();
  keys.forEach((key, index) => {
    if (map.has(key)) throw new RangeError(`duplicate ${what}: ${String(key)}`);
    map.set(key, index);
  });
  return map;
}

function lookup<K>(map: Map<K, number>, key: K, what: string): number {
  const index = map.get(key);
  if (index === undefined) throw new RangeError(`unknown ${what}: ${String(key)}`);
  return index;
}

/**
 * Builds the table. Rows of orgs that are not participants (withdrawn) are skipped; an unknown
 * indicator or period, a negative value or two counted values for one cell are a caller's bug.
 */
export function buildContestTable(data: ContestData, counting: Counting = OFFICIAL): ContestTable {
  const K = data.periods.length;
  const I = data.indicators.length;
  const orgs = indexOf(
    data.participants.map((p) => p.orgId),
    "participant",
  );
  const periods = indexOf(
    data.periods.map((p) => p.label),
    "period",
  );
  const codes = indexOf(
    data.indicators.map((i) => i.code),
    "indicator",
  );
  const groups = indexOf(data.groups, "group");
  const members: number[][] = data.groups.map(() => []);
  data.participants.forEach((p, index) => members[lookup(groups, p.group, "group")].push(index));

  const cells = data.participants.length * K * I;
  const values = new Float64Array(cells).fill(NaN);
  // Rows come grouped (by org, period …): remembering the last lookups skips most map reads.
  let [lastOrg, p, lastPeriod, k, lastCode, i] = [NaN, -1, "", -1, "", -1];
  for (const row of data.values) {
    if (!isCounted(row, counting)) continue;
    if (row.orgId !== lastOrg) [lastOrg, p] = [row.orgId, orgs.get(row.orgId) ?? -1];
    if (p < 0) continue;
    if (row.period !== lastPeriod) [lastPeriod, k] = [row.period, lookup(periods, row.period, "period")];
    if (row.indicator !== lastCode)
      [lastCode, i] = [row.indicator, lookup(codes, row.indicator, "indicator")];
    if (!(row.value >= 0)) throw new RangeError(`negative or missing value: ${row.value}`);
    const cell = (p * K + k) * I + i;
    if (values[cell] === values[cell])
      throw new RangeError(`two counted values for one cell (org ${row.orgId})`);
    values[cell] = row.value;
  }
  if (data.packed) placePacked(data.packed, values, countedParticipant(orgs, counting), K * I);
  const targets = new Float64Array(cells).fill(NaN);
  fillTargets(data, targets, { orgs, periods, codes });
  return {
    groups: data.groups,
    periods: data.periods.map((p) => p.label),
    indicators: data.indicators,
    participants: data.participants,
    members,
    values,
    targets,
  };
}

/** Which participant's submitted values count: -1 none, -2 everyone's. */
function countedParticipant(orgs: Map<number, number>, counting: Counting): number {
  if (counting.everySubmitted) return -2;
  return counting.provisionalFor === null ? -1 : (orgs.get(counting.provisionalFor) ?? -1);
}

function placePacked(packed: PackedValues, values: Float64Array, counted: number, perParticipant: number) {
  for (let n = 0; n < packed.length; n++) {
    const cell = packed.cell[n];
    if (packed.submitted[n] === 1 && counted !== -2 && Math.floor(cell / perParticipant) !== counted)
      continue;
    const value = packed.value[n];
    if (!(value >= 0)) throw new RangeError(`negative or missing value: ${value}`);
    if (values[cell] === values[cell]) throw new RangeError(`two counted values for one cell (${cell})`);
    values[cell] = value;
  }
}

/**
 * Period targets: a year's `sum` target is split evenly (T/K each period), a year's `latest` target
 * applies to every period, and a target set for one period replaces the year's for that period.
 */
function fillTargets(
  data: ContestData,
  targets: Float64Array,
  index: { orgs: Map<number, number>; periods: Map<string, number>; codes: Map<string, number> },
) {
  const K = data.periods.length;
  const I = data.indicators.length;
  const yearFirst = [...data.targets].sort(
    (a, b) => (a.period === null ? 0 : 1) - (b.period === null ? 0 : 1),
  );
  for (const row of yearFirst) {
    const p = index.orgs.get(row.orgId);
    if (p === undefined) continue;
    if (!(row.target >= 0)) throw new RangeError(`negative or missing target: ${row.target}`);
    const i = lookup(index.codes, row.indicator, "indicator");
    if (row.period !== null) {
      targets[(p * K + lookup(index.periods, row.period, "period")) * I + i] = row.target;
      continue;
    }
    const each = data.indicators[i].aggregation === "sum" ? row.target / K : row.target;
    for (let k = 0; k < K; k++) targets[(p * K + k) * I + i] = each;
  }
}
