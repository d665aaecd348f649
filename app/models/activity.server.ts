import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { ActivityValues } from "~/domain/activities/activity-input";
import { isRootPath, teamInScope } from "~/domain/activities/team-scope";
import { DomainError } from "~/domain/errors";
import { nowIso } from "~/utils/time.server";
import { addToSummaries, refreshSummaries } from "./activity-summary.server";
import { type Actor, recordAudit } from "./audit.server";
import { auditPathOf, type TeamRecord } from "./team.server";

/** An activity ready to insert: team and county resolved to ids. */
export type ActivityInsert = Omit<ActivityValues, "team" | "countyCode" | "org"> & {
  teamId: number;
  countyId: number;
};

/** Rows per multi-row INSERT: 13 values a row, 26,000 in all, stays below SQLite's 32,766 parameters (PostgreSQL: 65,535). */
const BATCH = 2000;

function rowOf(a: ActivityInsert, now: string) {
  return {
    team_id: a.teamId,
    held_on: a.date,
    year: a.year,
    county_id: a.countyId,
    village: a.village,
    kind: a.kind,
    person_times: a.person_times,
    funds_fen: a.fundsFen,
    households_helped: a.households_helped,
    people_helped: a.people_helped,
    households_lifted: a.households_lifted,
    people_lifted: a.people_lifted,
    created_at: now,
  };
}

/** Inserts checked activities in batches and adds them to the statistics' summaries. */
export async function insertActivities(
  trx: Transaction<Database>,
  activities: ActivityInsert[],
): Promise<void> {
  const now = nowIso();
  for (let i = 0; i < activities.length; i += BATCH) {
    await trx
      .insertInto("activities")
      .values(activities.slice(i, i + BATCH).map((a) => rowOf(a, now)))
      .execute();
  }
  await addToSummaries(trx, activities);
}

/** The key that makes an activity unique (decision 008). */
export const activityKey = (a: {
  teamId: number;
  date: string;
  countyId: number;
  village: string;
  kind: string;
}) => `${a.teamId}|${a.date}|${a.countyId}|${a.village}|${a.kind}`;

export async function activityExists(db: Kysely<Database>, a: ActivityInsert): Promise<boolean> {
  const found = await db
    .selectFrom("activities")
    .select("id")
    .where("team_id", "=", a.teamId)
    .where("held_on", "=", a.date)
    .where("county_id", "=", a.countyId)
    .where("village", "=", a.village)
    .where("kind", "=", a.kind)
    .executeTakeFirst();
  return !!found;
}

/** One activity from the form. */
export async function createActivity(
  trx: Transaction<Database>,
  actor: Actor,
  team: TeamRecord,
  a: ActivityInsert,
): Promise<void> {
  if (await activityExists(trx, a)) throw new DomainError("activities.duplicate", undefined, "village");
  await insertActivities(trx, [a]);
  await recordAudit(trx, actor, {
    action: "activity.create",
    entity: "aid_team",
    entityId: team.id,
    orgPath: await auditPathOf(trx, team.org_path),
    after: a,
  });
}

/** The latest activities of the teams in the scope. */
export async function listRecentActivities(db: Kysely<Database>, scopes: readonly string[], limit = 50) {
  if (scopes.length === 0) return [];
  const rows = await db
    .selectFrom("activities")
    .innerJoin("aid_teams", "aid_teams.id", "activities.team_id")
    .innerJoin("counties", "counties.id", "activities.county_id")
    .leftJoin("orgs", "orgs.id", "aid_teams.org_id")
    .select([
      "activities.id",
      "activities.held_on",
      "activities.village",
      "activities.kind",
      "activities.person_times",
      "activities.funds_fen",
      "activities.households_helped",
      "activities.people_helped",
      "activities.households_lifted",
      "activities.people_lifted",
      "aid_teams.name as team",
      "counties.name as county",
      "orgs.path as org_path",
    ])
    .where((eb) =>
      eb.or([
        ...scopes.map((s) => eb("orgs.path", "like", `${s}%`)),
        ...(scopes.some(isRootPath) ? [eb("aid_teams.org_id", "is", null)] : []),
      ]),
    )
    .orderBy("activities.id", "desc")
    .limit(limit)
    .execute();
  return rows;
}

export async function deleteActivity(
  trx: Transaction<Database>,
  actor: Actor,
  scopes: readonly string[],
  id: number,
): Promise<void> {
  const row = await trx
    .selectFrom("activities")
    .innerJoin("aid_teams", "aid_teams.id", "activities.team_id")
    .leftJoin("orgs", "orgs.id", "aid_teams.org_id")
    .selectAll("activities")
    .select("orgs.path as org_path")
    .where("activities.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new DomainError("error.404");
  if (!teamInScope(scopes, row.org_path)) throw new DomainError("error.403");
  await trx.deleteFrom("activities").where("id", "=", id).execute();
  await refreshSummaries(trx, [row.county_id]);
  const { org_path, ...before } = row;
  await recordAudit(trx, actor, {
    action: "activity.delete",
    entity: "aid_team",
    entityId: row.team_id,
    orgPath: await auditPathOf(trx, org_path),
    before,
  });
}
