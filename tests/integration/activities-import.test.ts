import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { generateActivities, insertCounties, sheetRows } from "../support/activities";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { importActivities } from "../../app/models/activity-import.server";
import { loadStatsReport } from "../../app/models/stats.server";
import { toStats } from "../../app/domain/activities/stats";
import { rebuildAllSummaries } from "../../app/models/activity-summary.server";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await insertCounties(t.db);
});
afterAll(() => t.destroy());

const TODAY = "2026-01-01";

describe("importing an activities sheet", () => {
  it("imports a generated sheet and gives its exact totals and distinct villages", async () => {
    const { records, expected } = generateActivities(600);
    const report = await importActivities(t.db, SYSTEM_ACTOR, sheetRows(records), { today: TODAY });
    expect(report).toEqual({ imported: 600, refused: 0, issues: [] });
    const r = await loadStatsReport(t.db, null);
    expect(toStats(r.province)).toEqual({
      teams: expected.teams,
      activities: 600,
      person_times: expected.person_times,
      funds_yuan: expected.funds_fen / 100,
      villages: expected.villages,
      households_helped: expected.households_helped,
      people_helped: expected.people_helped,
      households_lifted: expected.households_lifted,
      people_lifted: expected.people_lifted,
    });
    expect(r.province.funds_fen).toBe(expected.funds_fen);
    expect(r.byCity.map((c) => c.key)).toEqual(["榆林市", "安康市"]); // region-code order: 6108 before 6109
    expect(r.byCity.reduce((s, c) => s + c.stats.activities, 0)).toBe(600);
    expect(r.byCounty.map((c) => [c.code, c.stats.activities])).toEqual([
      ["610824", 200],
      ["610826", 200],
      ["610929", 200],
    ]);
    expect(r.byYear.map((y) => y.key)).toEqual([2017, 2018]);
    expect(r.byYear[0].stats.activities).toBe(365);
    // Villages are (county, village) pairs: 东村 in two counties counts twice.
    expect(r.byCity.find((c) => c.key === "榆林市")!.stats.villages).toBe(10);
    expect(r.byKind.map((k) => k.stats.activities)).toEqual([200, 200, 200]);
    const y2018 = await loadStatsReport(t.db, 2018);
    expect(y2018.province.activities).toBe(235);
    expect(y2018.years).toEqual([2017, 2018]);
    expect(await t.db.selectFrom("aid_teams").select("name").orderBy("name").execute()).toHaveLength(4);
  });

  it("refuses implausible and malformed rows with a row report, and imports the rest", async () => {
    const base = {
      team: "报告服务队",
      date: "2018-05-01",
      county_code: "610824",
      village: "报告村",
      kind: "技术培训",
      person_times: "3",
      funds_yuan: "1,234.56",
      households_helped: "2",
      people_helped: "5",
      households_lifted: "1",
      people_lifted: "2",
      org: "",
    };
    const records = [
      base,
      { ...base, village: "甲村", households_lifted: "3", people_lifted: "3" }, // row 3: more households lifted than helped
      { ...base, village: "乙村", people_lifted: "6" }, // row 4: more people lifted than helped
      { ...base, village: "丙村", funds_yuan: "12.345" }, // row 5: fen exact only
      { ...base, village: "丁村", county_code: "999999" }, // row 6: unknown county
      { ...base, village: "戊村", date: "2018-02-30" }, // row 7
      base, // row 8: repeats row 2
      { ...base, village: "己村", person_times: "0" }, // row 9
      { ...base, village: "庚村", households_helped: "6" }, // row 10: households > people
      { ...base, village: "辛村", date: "2030-01-01" }, // row 11: future
      { ...base, village: "壬村", people_helped: "-1" }, // row 12
    ];
    const report = await importActivities(t.db, SYSTEM_ACTOR, sheetRows(records, "en"), { today: TODAY });
    expect(report.imported).toBe(1);
    expect(report.refused).toBe(10);
    expect(report.issues.map((i) => [i.row, i.column, i.messageKey])).toEqual([
      [3, "households_lifted", "activities.rule.householdsLifted"],
      [4, "people_lifted", "activities.rule.peopleLifted"],
      [5, "funds_yuan", "money.tooManyDecimals"],
      [6, "county_code", "activities.county.unknown"],
      [7, "date", "form.date"],
      [8, null, "activities.duplicateRow"],
      [9, "person_times", "activities.rule.personTimes"],
      [10, "households_helped", "activities.rule.householdsHelped"],
      [11, "date", "activities.date.future"],
      [12, "people_helped", "activities.count.invalid"],
    ]);
    const row = await t.db
      .selectFrom("activities")
      .select(["funds_fen", "year"])
      .where("village", "=", "报告村")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ funds_fen: 123456, year: 2018 });
    // The same sheet again: its one good row is now a repeat of what is recorded.
    const again = await importActivities(t.db, SYSTEM_ACTOR, sheetRows([base]), { today: TODAY });
    expect(again.issues.map((i) => [i.row, i.messageKey])).toEqual([[2, "activities.duplicate"]]);
  });

  it("imports nothing with all-or-nothing when a row is refused, not even a new team", async () => {
    const before = (await loadStatsReport(t.db, null)).province;
    const { records } = generateActivities(5, 99);
    const named: Record<string, string>[] = records.map((r) => ({ ...r, team: "全或无服务队" }));
    named[3].people_lifted = "999";
    const report = await importActivities(t.db, SYSTEM_ACTOR, sheetRows(named), {
      today: TODAY,
      allOrNothing: true,
    });
    expect(report.imported).toBe(0);
    expect(report.refused).toBe(1);
    expect((await loadStatsReport(t.db, null)).province).toEqual(before);
    expect(
      await t.db.selectFrom("aid_teams").select("id").where("name", "=", "全或无服务队").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("reports a missing column on row 1 and reads nothing", async () => {
    const rows = sheetRows(generateActivities(2).records).map((r) => r.slice(1));
    const report = await importActivities(t.db, SYSTEM_ACTOR, rows, { today: TODAY });
    expect(report.imported).toBe(0);
    expect(report.issues[0]).toMatchObject({ row: 1, messageKey: "import.missingColumn" });
  });

  it("keeps the summaries equal to a rebuild from the activities", async () => {
    const before = await loadStatsReport(t.db, null);
    await t.db.transaction().execute((trx) => rebuildAllSummaries(trx));
    expect(await loadStatsReport(t.db, null)).toEqual(before);
  });
});

describe("the statistics the database computes", () => {
  it("equal the reference computed from every activity, for all years and for one", async () => {
    const { buildReport } = await import("../../app/domain/activities/stats");
    const acts = await t.db
      .selectFrom("activities")
      .select([
        "county_id",
        "year",
        "kind",
        "team_id",
        "village",
        "person_times",
        "funds_fen",
        "households_helped",
        "people_helped",
        "households_lifted",
        "people_lifted",
      ])
      .execute();
    const counties = await t.db.selectFrom("counties").select(["id", "code", "name", "city"]).execute();
    const years = [...new Set(acts.map((a) => a.year))];
    for (const year of [null, 2018]) {
      const rows = acts.filter((a) => year === null || a.year === year);
      const reference = buildReport(
        rows.map((a) => ({ ...a, activities: 1 })),
        rows,
        counties,
        years,
      );
      expect(await loadStatsReport(t.db, year)).toEqual(reference);
    }
  });
});
