import type { Generated } from "kysely";
import type { ProjectStatus } from "../app/domain/activities/vocabulary";

/** Aid projects, technical aid teams (技术扶贫服务队), their activities, and the statistics' summaries. */
export interface ActivityTables {
  aid_teams: AidTeamTable;
  aid_team_members: AidTeamMemberTable;
  activities: ActivityTable;
  activity_totals: ActivityTotalsTable;
  activity_teams: ActivityTeamsTable;
  activity_villages: ActivityVillagesTable;
  aid_projects: AidProjectTable;
}

export interface AidTeamTable {
  id: Generated<number>;
  /** Unique: a sheet names its team by it, and a new name creates the team. */
  name: string;
  /** The organizing org (组织单位); its admins manage the team. null = the province's. */
  org_id: number | null;
  created_at: string;
}

export interface AidTeamMemberTable {
  id: Generated<number>;
  team_id: number;
  name: string;
  workplace: string;
  skills: string;
  created_at: string;
}

export interface ActivityTable {
  id: Generated<number>;
  team_id: number;
  /** ISO date; `year` is its first four digits, kept apart so statistics group without parsing. */
  held_on: string;
  year: number;
  county_id: number;
  village: string;
  kind: string;
  person_times: number;
  /** Integer fen. */
  funds_fen: number;
  households_helped: number;
  people_helped: number;
  households_lifted: number;
  people_lifted: number;
  created_at: string;
}

/**
 * Sums of the activities per (county, year, kind), rebuilt for the counties a write touches
 * (decision 008): the statistics page reads these instead of every activity.
 */
export interface ActivityTotalsTable {
  county_id: number;
  year: number;
  kind: string;
  activities: number;
  person_times: number;
  funds_fen: number;
  households_helped: number;
  people_helped: number;
  households_lifted: number;
  people_lifted: number;
}

/** The teams active per (county, year, kind), for distinct-team counts at every level. */
export interface ActivityTeamsTable {
  county_id: number;
  year: number;
  kind: string;
  team_id: number;
}

/** The villages reached per (county, year, kind), for distinct-village counts at every level. */
export interface ActivityVillagesTable {
  county_id: number;
  year: number;
  kind: string;
  village: string;
}

export interface AidProjectTable {
  id: Generated<number>;
  helper_id: number;
  county_id: number;
  title: string;
  investment_fen: number;
  started_on: string | null;
  ended_on: string | null;
  status: ProjectStatus;
  created_at: string;
  updated_at: string;
}
