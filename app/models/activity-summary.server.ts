import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";

/**
 * The statistics read summary tables instead of every activity (decision 008). New activities
 * are added to them in the inserting transaction (`addToSummaries`: sums added, team and village
 * keys inserted when new); a deletion rebuilds its county's slices from the activities
 * (`refreshSummaries`), so nothing is ever subtracted by hand.
 */
export async function refreshSummaries(
  trx: Transaction<Database>,
  countyIds: Iterable<number>,
): Promise<void> {
  const ids = [...new Set(countyIds)];
  for (let i = 0; i < ids.length; i += 500) await refreshSlice(trx, ids.slice(i, i + 500));
}

async function refreshSlice(trx: Transaction<Database>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.deleteFrom("activity_totals").where("county_id", "in", ids).execute();
  await trx.deleteFrom("activity_teams").where("county_id", "in", ids).execute();
  await trx.deleteFrom("activity_villages").where("county_id", "in", ids).execute();
  await trx
    .insertInto("activity_totals")
    .columns([
      "county_id",
      "year",
      "kind",
      "activities",
      "person_times",
      "funds_fen",
      "households_helped",
      "people_helped",
      "households_lifted",
      "people_lifted",
    ])
    .expression(
      trx
        .selectFrom("activities")
        .select((eb) => [
          "county_id",
          "year",
          "kind",
          eb.fn.countAll<number>().as("activities"),
          eb.fn.sum<number>("person_times").as("person_times"),
          eb.fn.sum<number>("funds_fen").as("funds_fen"),
          eb.fn.sum<number>("households_helped").as("households_helped"),
          eb.fn.sum<number>("people_helped").as("people_helped"),
          eb.fn.sum<number>("households_lifted").as("households_lifted"),
          eb.fn.sum<number>("people_lifted").as("people_lifted"),
        ])
        .where("county_id", "in", ids)
        .groupBy(["county_id", "year", "kind"]),
    )
    .execute();
  await trx
    .insertInto("activity_teams")
    .columns(["county_id", "year", "kind", "team_id"])
    .expression(
      trx
        .selectFrom("activities")
        .select(["county_id", "year", "kind", "team_id"])
        .distinct()
        .where("county_id", "in", ids),
    )
    .execute();
  await trx
    .insertInto("activity_villages")
    .columns(["county_id", "year", "kind", "village"])
    .expression(
      trx
        .selectFrom("activities")
        .select(["county_id", "year", "kind", "village"])
        .distinct()
        .where("county_id", "in", ids),
    )
    .execute();
}

/** Rebuilds every summary: after a restore or a bulk load that bypassed the models. */
export async function rebuildAllSummaries(trx: Transaction<Database>): Promise<void> {
  await sql`delete from activity_totals`.execute(trx);
  await sql`delete from activity_teams`.execute(trx);
  await sql`delete from activity_villages`.execute(trx);
  const counties = await trx.selectFrom("activities").select("county_id").distinct().execute();
  await refreshSummaries(
    trx,
    counties.map((c) => c.county_id),
  );
}

/** What a new activity adds to the summaries. */
export interface SummaryInput {
  countyId: number;
  year: number;
  kind: string;
  teamId: number;
  village: string;
  person_times: number;
  fundsFen: number;
  households_helped: number;
  people_helped: number;
  households_lifted: number;
  people_lifted: number;
}

const SUMS = [
  "activities",
  "person_times",
  "funds_fen",
  "households_helped",
  "people_helped",
  "households_lifted",
  "people_lifted",
] as const;
type Cell = { county_id: number; year: number; kind: string } & Record<(typeof SUMS)[number], number>;
const BATCH = 1000;

function cellsOf(rows: SummaryInput[]): Cell[] {
  const cells = new Map<string, Cell>();
  for (const r of rows) {
    const key = `${r.countyId}|${r.year}|${r.kind}`;
    let c = cells.get(key);
    if (!c)
      cells.set(
        key,
        (c = {
          county_id: r.countyId,
          year: r.year,
          kind: r.kind,
          activities: 0,
          person_times: 0,
          funds_fen: 0,
          households_helped: 0,
          people_helped: 0,
          households_lifted: 0,
          people_lifted: 0,
        }),
      );
    c.activities += 1;
    c.person_times += r.person_times;
    c.funds_fen += r.fundsFen;
    c.households_helped += r.households_helped;
    c.people_helped += r.people_helped;
    c.households_lifted += r.households_lifted;
    c.people_lifted += r.people_lifted;
  }
  return [...cells.values()];
}

function distinct<T>(rows: T[], key: (r: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const r of rows) if (!seen.has(key(r))) seen.set(key(r), r);
  return [...seen.values()];
}

/** Adds new activities to the summaries: one upsert per (county, year, kind) cell, new keys inserted. */
export async function addToSummaries(trx: Transaction<Database>, rows: SummaryInput[]): Promise<void> {
  const cells = cellsOf(rows);
  for (let i = 0; i < cells.length; i += BATCH) {
    await trx
      .insertInto("activity_totals")
      .values(cells.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc
          .columns(["county_id", "year", "kind"])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              SUMS.map((k) => [k, eb(`activity_totals.${k}`, "+", eb.ref(`excluded.${k}`))]),
            ),
          ),
      )
      .execute();
  }
  const teams = distinct(rows, (r) => `${r.countyId}|${r.year}|${r.kind}|${r.teamId}`).map((r) => ({
    county_id: r.countyId,
    year: r.year,
    kind: r.kind,
    team_id: r.teamId,
  }));
  for (let i = 0; i < teams.length; i += BATCH)
    await trx
      .insertInto("activity_teams")
      .values(teams.slice(i, i + BATCH))
      .onConflict((oc) => oc.doNothing())
      .execute();
  const villages = distinct(rows, (r) => `${r.countyId}|${r.year}|${r.kind}|${r.village}`).map((r) => ({
    county_id: r.countyId,
    year: r.year,
    kind: r.kind,
    village: r.village,
  }));
  for (let i = 0; i < villages.length; i += BATCH)
    await trx
      .insertInto("activity_villages")
      .values(villages.slice(i, i + BATCH))
      .onConflict((oc) => oc.doNothing())
      .execute();
}
