import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { seededRandom } from "../../app/domain/seeded-random";
import { ACTIVITY_COLUMNS } from "../../app/models/activity-import.server";
import { toCsv } from "../../app/domain/csv";

/** Three counties in two cities, inserted directly (the registry's import is another area's). */
export async function insertCounties(db: Kysely<Database>) {
  const now = "2018-01-01T00:00:00.000Z";
  const rows = [
    { code: "610824", name: "靖边县", city: "榆林市", poverty_level: "poverty" as const },
    { code: "610826", name: "绥德县", city: "榆林市", poverty_level: "deep" as const },
    { code: "610929", name: "白河县", city: "安康市", poverty_level: "deep" as const },
  ];
  for (const r of rows)
    await db
      .insertInto("counties")
      .values({ ...r, exited_year: null, needs: "", created_at: now, updated_at: now })
      .execute();
  return rows;
}

export type ActivityRecord = Record<string, string>;

/**
 * A seeded activities sheet and the totals it must give: every row is valid, counted by hand
 * here (sums, distinct teams, distinct (county, village) pairs) rather than by the code under test.
 */
export function generateActivities(n: number, seed = 7) {
  const rand = seededRandom(seed);
  const codes = ["610824", "610826", "610929"];
  const kinds = ["技术培训", "产业指导", "义诊"];
  const records: ActivityRecord[] = [];
  const teams = new Set<string>();
  const villages = new Set<string>();
  const sums = {
    person_times: 0,
    funds_fen: 0,
    households_helped: 0,
    people_helped: 0,
    households_lifted: 0,
    people_lifted: 0,
  };
  for (let i = 0; i < n; i++) {
    const county = codes[i % codes.length];
    const team = `第${(i % 4) + 1}服务队`;
    const village = `${["东", "西", "南", "北", "中"][Math.floor(rand() * 5)]}村`;
    const people = 2 + Math.floor(rand() * 40);
    const households = 1 + Math.floor(rand() * (people / 2));
    const liftedPeople = Math.floor(rand() * people);
    const liftedHouseholds = Math.min(households, Math.floor(liftedPeople / 2));
    const fen = Math.floor(rand() * 10_000_000);
    const day = new Date(Date.UTC(2017, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const r = {
      team,
      date: day,
      county_code: county,
      village,
      kind: kinds[i % 3],
      person_times: String(1 + Math.floor(rand() * 30)),
      funds_yuan: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`,
      households_helped: String(households),
      people_helped: String(people),
      households_lifted: String(liftedHouseholds),
      people_lifted: String(liftedPeople),
      org: "",
    };
    records.push(r);
    teams.add(team);
    villages.add(`${county}|${village}`);
    sums.person_times += Number(r.person_times);
    sums.funds_fen += fen;
    sums.households_helped += households;
    sums.people_helped += people;
    sums.households_lifted += liftedHouseholds;
    sums.people_lifted += liftedPeople;
  }
  return { records, expected: { teams: teams.size, activities: n, villages: villages.size, ...sums } };
}

/** The sheet as rows (header first), with the Chinese or English headers. */
export function sheetRows(records: ActivityRecord[], lang: "zh" | "en" = "zh"): string[][] {
  return [
    ACTIVITY_COLUMNS.map((c) => c[lang]),
    ...records.map((r) => ACTIVITY_COLUMNS.map((c) => r[c.key] ?? "")),
  ];
}

export const sheetCsv = (records: ActivityRecord[], lang: "zh" | "en" = "zh") =>
  toCsv(sheetRows(records, lang));
