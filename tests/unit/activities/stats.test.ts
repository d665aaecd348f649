import { describe, expect, it } from "vitest";
import { buildReport, toStats, type TotalsRow } from "~/domain/activities/stats";
import { exportRows, neutralize } from "~/domain/activities/stats-table";
import { layOutBars, TEXT_GAP, textWidth } from "~/domain/activities/bar-chart";

const counties = [
  { id: 1, code: "610824", name: "靖边县", city: "榆林市" },
  { id: 2, code: "610826", name: "绥德县", city: "榆林市" },
  { id: 3, code: "610929", name: "白河县", city: "安康市" },
];
const t = (
  county_id: number,
  year: number,
  kind: string,
  team_id: number,
  n: number,
  fen: number,
): TotalsRow => ({
  county_id,
  year,
  kind,
  team_id,
  activities: n,
  person_times: n * 2,
  funds_fen: fen,
  households_helped: n,
  people_helped: n * 3,
  households_lifted: 0,
  people_lifted: n,
});

describe("buildReport", () => {
  const totals = [
    t(1, 2017, "培训", 1, 2, 10),
    t(2, 2017, "培训", 1, 1, 20),
    t(2, 2018, "义诊", 2, 3, 30),
    t(3, 2018, "培训", 3, 4, 1),
  ];
  const villages = [
    { county_id: 1, year: 2017, kind: "培训", village: "东村" },
    { county_id: 2, year: 2017, kind: "培训", village: "东村" },
    { county_id: 2, year: 2018, kind: "义诊", village: "东村" },
    { county_id: 3, year: 2018, kind: "培训", village: "西村" },
  ];
  const r = buildReport(totals, villages, counties, [2018, 2017]);

  it("sums across groupings and counts teams and (county, village) pairs once each", () => {
    expect(r.province).toEqual({
      teams: 3,
      villages: 3,
      activities: 10,
      person_times: 20,
      funds_fen: 61,
      households_helped: 10,
      people_helped: 30,
      households_lifted: 0,
      people_lifted: 10,
    });
    const yulin = r.byCity.find((c) => c.key === "榆林市")!.stats;
    expect([yulin.teams, yulin.villages, yulin.activities]).toEqual([2, 2, 6]);
    expect(r.byCounty.map((c) => [c.code, c.stats.teams, c.stats.villages])).toEqual([
      ["610824", 1, 1],
      ["610826", 2, 1],
      ["610929", 1, 1],
    ]);
    expect(r.byYear.map((y) => [y.key, y.stats.villages, y.stats.teams])).toEqual([
      [2017, 2, 1],
      [2018, 2, 2],
    ]);
    expect(r.byKind.map((k) => [k.key, k.stats.activities, k.stats.villages])).toEqual([
      ["培训", 7, 3],
      ["义诊", 3, 1],
    ]);
    expect(r.years).toEqual([2017, 2018]);
  });

  it("gives the keys of docs/domain.md#command-line in order, funds in yuan", () => {
    const s = toStats(r.province);
    expect(Object.keys(s)).toEqual([
      "teams",
      "activities",
      "person_times",
      "funds_yuan",
      "villages",
      "households_helped",
      "people_helped",
      "households_lifted",
      "people_lifted",
    ]);
    expect(s.funds_yuan).toBe(0.61);
    expect(toStats({ ...r.province, funds_fen: 1999999999 }).funds_yuan).toBe(19999999.99);
  });

  it("flattens into export rows with exact yuan text", () => {
    const rows = exportRows(r, "全省");
    expect(rows[0]).toEqual({
      scope: "province",
      name: "全省",
      code: "",
      numbers: [3, 10, 20, "0.61", 3, 10, 30, 0, 10],
    });
    expect(rows.map((x) => x.scope)).toEqual([
      "province",
      "city",
      "city",
      "county",
      "county",
      "county",
      "year",
      "year",
      "kind",
      "kind",
    ]);
    expect(neutralize("=1+1")).toBe("'=1+1");
    expect(neutralize("东村")).toBe("东村");
  });
});

describe("layOutBars", () => {
  it("scales bars to the largest value and keeps a sliver for tiny ones", () => {
    const l = layOutBars([
      { label: "a", value: 100, text: "100" },
      { label: "b", value: 50, text: "50" },
      { label: "c", value: 0.001, text: "0" },
      { label: "d", value: 0, text: "0" },
    ]);
    expect(l.bars.map((b) => b.length)).toEqual([400, 200, 1, 0]);
    expect(layOutBars([]).height).toBeGreaterThan(0);
  });

  it("leaves room after the longest bar for its text, in English as in Chinese", () => {
    for (const text of ["1.48 million yuan", "148.00万元", "9,999,999.99 yuan"]) {
      const l = layOutBars([
        { label: "西安市", value: 1_480_000, text },
        { label: "宝鸡市", value: 570_904, text: "570,904.09 yuan" },
      ]);
      const end = l.labelWidth + l.bars[0].length + TEXT_GAP + textWidth(text);
      expect(end).toBeLessThanOrEqual(l.width);
      expect(l.bars[0].length).toBeGreaterThan(l.width / 2);
    }
  });
});
