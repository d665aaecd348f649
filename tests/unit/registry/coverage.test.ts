import { describe, expect, it } from "vitest";
import { assessCoverage, countPairingsByKind, countyCoverage } from "~/domain/registry/coverage";
import type { RegistryCounty } from "~/domain/registry/registry-types";

const county = (code: string, city: string, poverty_level: RegistryCounty["poverty_level"]) => ({
  code,
  city,
  poverty_level,
});
const units = (n: number, prefix = "U") =>
  [...Array(n).keys()].map((i) => ({ id: `${prefix}${i}`, kind: "unit" as const }));
const workers = (n: number, prefix = "W") =>
  [...Array(n).keys()].map((i) => ({ id: `${prefix}${i}`, kind: "worker" as const }));
const pair = (helper_id: string, county_code: string) => ({ helper_id, county_code });

describe("coverage rule", () => {
  it("covers a deep county with 3 units or with 3 workers, not with a mix", () => {
    const deep = county("1", "安康市", "deep");
    expect(countyCoverage(deep, { units: 3, workers: 0 })).toMatchObject({ covered: true, short: 0 });
    expect(countyCoverage(deep, { units: 0, workers: 3 })).toMatchObject({ covered: true, short: 0 });
    expect(countyCoverage(deep, { units: 2, workers: 2 })).toMatchObject({
      covered: false,
      short: 1,
      closer_kind: "unit",
    });
    expect(countyCoverage(deep, { units: 1, workers: 2 })).toMatchObject({
      covered: false,
      short: 1,
      closer_kind: "worker",
    });
    expect(countyCoverage(deep, { units: 0, workers: 0 })).toMatchObject({
      covered: false,
      short: 3,
      closer_kind: "unit",
    });
  });

  it("covers a poverty county with one helper of either kind", () => {
    const poor = county("2", "商洛市", "poverty");
    expect(countyCoverage(poor, { units: 0, workers: 0 })).toMatchObject({
      covered: false,
      short: 1,
      closer_kind: null,
    });
    expect(countyCoverage(poor, { units: 1, workers: 0 })).toMatchObject({ covered: true, short: 0 });
    expect(countyCoverage(poor, { units: 0, workers: 1 })).toMatchObject({ covered: true, short: 0 });
  });

  it("asks nothing of a county that is not poor", () => {
    expect(countyCoverage(county("3", "西安市", "none"), { units: 0, workers: 0 })).toMatchObject({
      covered: true,
      short: 0,
    });
  });

  it("goes by poverty level alone: an exited county keeps its need for help", () => {
    const exited = { ...county("4", "延安市", "deep"), exited_year: 2019 };
    expect(countyCoverage(exited, { units: 2, workers: 0 })).toMatchObject({ covered: false, short: 1 });
  });

  it("counts each helper once per county and ignores unknown helpers", () => {
    const counts = countPairingsByKind(
      [...units(1), ...workers(1)],
      [pair("U0", "1"), pair("U0", "1"), pair("W0", "1"), pair("X", "1")],
    );
    expect(counts.get("1")).toEqual({ units: 1, workers: 1 });
  });

  it("reports every county with both counts, and totals by city", () => {
    const counties = [
      county("1", "安康市", "deep"),
      county("2", "安康市", "poverty"),
      county("3", "汉中市", "poverty"),
      county("4", "汉中市", "none"),
    ];
    const helpers = [...units(3), ...workers(2)];
    const pairings = [pair("U0", "1"), pair("U1", "1"), pair("W0", "1"), pair("W1", "3"), pair("U2", "4")];
    const report = assessCoverage(counties, helpers, pairings);
    expect(report.counties).toEqual([
      {
        county_code: "1",
        city: "安康市",
        poverty_level: "deep",
        units: 2,
        workers: 1,
        covered: false,
        short: 1,
        closer_kind: "unit",
      },
      {
        county_code: "2",
        city: "安康市",
        poverty_level: "poverty",
        units: 0,
        workers: 0,
        covered: false,
        short: 1,
        closer_kind: null,
      },
      {
        county_code: "3",
        city: "汉中市",
        poverty_level: "poverty",
        units: 0,
        workers: 1,
        covered: true,
        short: 0,
        closer_kind: null,
      },
      {
        county_code: "4",
        city: "汉中市",
        poverty_level: "none",
        units: 1,
        workers: 0,
        covered: true,
        short: 0,
        closer_kind: null,
      },
    ]);
    expect(report.cities).toEqual([
      { city: "安康市", counties: 2, covered: 0, uncovered: 2, missing_places: 2 },
      { city: "汉中市", counties: 2, covered: 2, uncovered: 0, missing_places: 0 },
    ]);
  });
});
