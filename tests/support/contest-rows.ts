import type { Insertable, Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ContestIndicatorTable } from "../../db/schema-contest";
import type { ParticipantStatus } from "../../app/domain/contest/vocabulary";
import type { Stage } from "../../app/domain/competitions/vocabulary";
import { CompetitionTemplateSchema } from "../../app/domain/competitions/template";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { createCompetition } from "../../app/models/competition.server";
import type { OrgRow } from "../../app/models/org.server";

/*
 * The rows every contest fixture writes the same way, straight into the tables (decision 024):
 * fixtures choose their own worlds (windows, covered days, odd statuses the pages would refuse),
 * and these helpers fill in what they leave out. The scheme's own rules are tested through
 * saveScheme and the set-up pages, not here.
 */

const NOW = "2018-01-01T00:00:00.000Z";

/** Makes a competition a contest's: its stage (running unless said) and its contests row. */
export async function openContest(
  db: Kysely<Database>,
  competitionId: number,
  { stage = "running", standingsVersion = 0 }: { stage?: Stage; standingsVersion?: number } = {},
): Promise<void> {
  await db.updateTable("competitions").set({ stage }).where("id", "=", competitionId).execute();
  await db
    .insertInto("contests")
    .values({
      competition_id: competitionId,
      board_public: 0,
      board_opened_at: null,
      standings_version: standingsVersion,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
}

/** A competition organized by `organizer` with one collective category, made a contest's by openContest. */
export async function makeContestCompetition(
  db: Kysely<Database>,
  organizer: OrgRow,
  {
    title = "2018年全省国有企业脱贫攻坚主题竞赛",
    quota = 2,
    ...contest
  }: { title?: string; quota?: number; stage?: Stage; standingsVersion?: number } = {},
): Promise<number> {
  const template = CompetitionTemplateSchema.parse({
    title,
    year: 2018,
    organizer: organizer.name,
    categories: [
      { name: "先进集体", kind: "collective", quota, criteria: [{ title: "成效", max_points: 100 }] },
    ],
  });
  const competitionId = await db
    .transaction()
    .execute((trx) => createCompetition(trx, SYSTEM_ACTOR, organizer, template));
  await openContest(db, competitionId, contest);
  return competitionId;
}

export async function insertGroup(
  db: Kysely<Database>,
  competitionId: number,
  position: number,
  name: string,
): Promise<number> {
  const row = await db
    .insertInto("contest_groups")
    .values({ competition_id: competitionId, position, name, top_n: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A period with its reporting window (opens, closes) and the days it covers (from, to: the window's unless said). */
export async function insertPeriod(
  db: Kysely<Database>,
  competitionId: number,
  position: number,
  p: { label: string; opens: string; closes: string; from?: string; to?: string },
): Promise<number> {
  const row = await db
    .insertInto("contest_periods")
    .values({
      competition_id: competitionId,
      position,
      label: p.label,
      opens_on: p.opens,
      closes_on: p.closes,
      covers_from: p.from ?? p.opens,
      covers_to: p.to ?? p.closes,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

type IndicatorOver = Partial<Omit<Insertable<ContestIndicatorTable>, "competition_id" | "position">> &
  Pick<Insertable<ContestIndicatorTable>, "code" | "method">;

/** An indicator: the title is its code, the unit 项, `sum`, nothing else set, unless said. */
export async function insertIndicator(
  db: Kysely<Database>,
  competitionId: number,
  position: number,
  over: IndicatorOver,
): Promise<number> {
  const row = await db
    .insertInto("contest_indicators")
    .values({
      competition_id: competitionId,
      position,
      title: over.code,
      unit: "项",
      aggregation: "sum",
      weight: null,
      cap: null,
      direction: null,
      per_unit: null,
      max_points: null,
      measure: null,
      confidential: 0,
      ...over,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A participant, admitted unless said; a disqualified one carries the usual reason. */
export async function insertParticipant(
  db: Kysely<Database>,
  competitionId: number,
  orgId: number,
  groupId: number,
  status: ParticipantStatus = "admitted",
): Promise<number> {
  const row = await db
    .insertInto("contest_participants")
    .values({
      competition_id: competitionId,
      org_id: orgId,
      group_id: groupId,
      status,
      awaiting_org_id: null,
      reason: status === "disqualified" ? "弄虚作假" : null,
      applied_by: null,
      admitted_at: status === "applied" ? null : NOW,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
