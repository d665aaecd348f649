import { describe, expect, it } from "vitest";
import { buildContestTable, EVERY_SUBMITTED, OFFICIAL, provisionalFor } from "~/domain/contest/table";
import type { ContestData, PackedValues } from "~/domain/contest/types";
import { contestData } from "../bench/benchmarks/contest-data";

/** The same values as flat arrays, placed by participant, period and indicator position. */
function pack(data: ContestData): ContestData {
  const K = data.periods.length;
  const I = data.indicators.length;
  const p = new Map(data.participants.map((x, n) => [x.orgId, n]));
  const k = new Map(data.periods.map((x, n) => [x.label, n]));
  const i = new Map(data.indicators.map((x, n) => [x.code, n]));
  const rows = data.values.filter((v) => p.has(v.orgId) && v.status !== "draft" && v.status !== "returned");
  const packed: PackedValues = {
    length: rows.length,
    cell: Int32Array.from(rows, (v) => (p.get(v.orgId)! * K + k.get(v.period)!) * I + i.get(v.indicator)!),
    value: Float64Array.from(rows, (v) => v.value),
    submitted: Uint8Array.from(rows, (v) => (v.status === "submitted" ? 1 : 0)),
  };
  return { ...data, values: [], packed };
}

describe("a table built from packed values", () => {
  const data = contestData({ participants: 60, groups: 3, indicators: 6, periods: 4 });
  const packed = pack(data);
  const someone = data.participants[7].orgId;

  it("holds what the rows give, officially, provisionally and with every submitted value", () => {
    for (const counting of [OFFICIAL, provisionalFor(someone), EVERY_SUBMITTED]) {
      const fromRows = buildContestTable(data, counting);
      const fromPacked = buildContestTable(packed, counting);
      expect(Array.from(fromPacked.values)).toEqual(Array.from(fromRows.values));
      expect(Array.from(fromPacked.targets)).toEqual(Array.from(fromRows.targets));
    }
  });

  it("counts a unit's submitted values only in its own provisional table", () => {
    const official = buildContestTable(packed, OFFICIAL);
    const mine = buildContestTable(packed, provisionalFor(someone));
    const differs = Array.from(mine.values).some((v, n) => !Object.is(v, official.values[n]));
    const submittedOfMine = data.values.some((v) => v.orgId === someone && v.status === "submitted");
    expect(differs).toBe(submittedOfMine);
    expect(submittedOfMine).toBe(true);
  });

  it("refuses a negative value", () => {
    const bad = { ...packed, packed: { ...packed.packed!, value: Float64Array.from(packed.packed!.value) } };
    bad.packed.value[0] = -1;
    expect(() => buildContestTable(bad, EVERY_SUBMITTED)).toThrow(/negative/);
  });
});
