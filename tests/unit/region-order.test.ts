import { describe, expect, it } from "vitest";
import { compareCities } from "~/domain/region-order";
import { buildReport } from "~/domain/activities/stats";
import { summarizeByCity, type CountyCoverage } from "~/domain/registry/coverage";

// Four of Shaanxi's cities, with one county each: by name (code points) 咸阳 < 商洛 < 西安 < 铜川,
// by region code 西安 6101 < 铜川 6102 < 咸阳 6104 < 商洛 6110.
const COUNTIES = [
  { id: 1, code: "611021", name: "洛南县", city: "商洛市" },
  { id: 2, code: "610422", name: "三原县", city: "咸阳市" },
  { id: 3, code: "610122", name: "蓝田县", city: "西安市" },
  { id: 4, code: "610222", name: "宜君县", city: "铜川市" },
];
const BY_CODE = ["西安市", "铜川市", "咸阳市", "商洛市"];

describe("cities in region-code order", () => {
  it("places a city by its smallest county code; unknown cities go last, by name", () => {
    const order = compareCities(COUNTIES);
    expect(["商洛市", "乙市", "咸阳市", "甲市", "西安市", "铜川市"].sort(order)).toEqual([
      ...BY_CODE,
      "乙市",
      "甲市",
    ]);
  });

  it("is the order of the statistics and of the registry alike", () => {
    const totals = COUNTIES.map((c) => ({
      county_id: c.id,
      year: 2019,
      kind: "技能培训",
      team_id: 1,
      activities: 1,
      person_times: 1,
      funds_fen: 100,
      households_helped: 1,
      people_helped: 1,
      households_lifted: 0,
      people_lifted: 0,
    }));
    const report = buildReport(totals, [], COUNTIES, [2019]);
    expect(report.byCity.map((c) => c.key)).toEqual(BY_CODE);

    const coverage: CountyCoverage[] = COUNTIES.map((c) => ({
      county_code: c.code,
      city: c.city,
      poverty_level: "poverty",
      units: 0,
      workers: 0,
      covered: false,
      short: 1,
      closer_kind: null,
    }));
    expect(summarizeByCity(coverage).map((c) => c.city)).toEqual(BY_CODE);
  });
});
