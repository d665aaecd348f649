import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { ContestIndicator } from "~/domain/contest/scheme-schema";
import type { AidMeasure } from "~/domain/contest/scheme";
import type { ContestData, ContestParticipant, TargetRow, ValueRow } from "~/domain/contest/types";

/** The stored scheme of a competition's contest, in scheme order, with the rows' ids. */
export interface StoredScheme {
  competitionId: number;
  boardPublic: boolean;
  standingsVersion: number;
  groups: { id: number; name: string; topN: number | null }[];
  periods: {
    id: number;
    label: string;
    opens: string;
    closes: string;
    coversFrom: string;
    coversTo: string;
  }[];
  indicators: (ContestIndicator & { id: number })[];
}

/** The contest of a competition, or null when it runs none. */
export async function loadScheme(db: Kysely<Database>, competitionId: number): Promise<StoredScheme | null> {
  const contest = await db
    .selectFrom("contests")
    .selectAll()
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  if (!contest) return null;
  const [groups, periods, indicators] = await Promise.all([
    db
      .selectFrom("contest_groups")
      .selectAll()
      .where("competition_id", "=", competitionId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("contest_periods")
      .selectAll()
      .where("competition_id", "=", competitionId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("contest_indicators")
      .selectAll()
      .where("competition_id", "=", competitionId)
      .orderBy("position")
      .execute(),
  ]);
  return {
    competitionId,
    boardPublic: contest.board_public === 1,
    standingsVersion: contest.standings_version,
    groups: groups.map((g) => ({ id: g.id, name: g.name, topN: g.top_n })),
    periods: periods.map((p) => ({
      id: p.id,
      label: p.label,
      opens: p.opens_on,
      closes: p.closes_on,
      coversFrom: p.covers_from,
      coversTo: p.covers_to,
    })),
    indicators: indicators.map((i) => ({
      id: i.id,
      code: i.code,
      title: i.title,
      unit: i.unit,
      aggregation: i.aggregation,
      method: i.method,
      weight: i.weight,
      cap: i.cap,
      direction: i.direction,
      per_unit: i.per_unit,
      max_points: i.max_points,
      measure: i.measure,
      confidential: i.confidential === 1,
    })),
  };
}

/**
 * Everything the standings are computed from (docs/domain.md#contest): admitted and disqualified
 * participants (withdrawn ones and pending applications do not compete), targets, the reported
 * values of submitted and verified reports, and the aid-bound indicators' values computed from the
 * activities of each participant's subtree (counted as verified).
 */
export async function loadContestData(db: Kysely<Database>, scheme: StoredScheme): Promise<ContestData> {
  const id = scheme.competitionId;
  const groupName = new Map(scheme.groups.map((g) => [g.id, g.name]));
  const periodLabel = new Map(scheme.periods.map((p) => [p.id, p.label]));
  const indicatorCode = new Map(scheme.indicators.map((i) => [i.id, i.code]));
  const typed = new Set(scheme.indicators.filter((i) => i.measure === null).map((i) => i.id));

  const people = await db
    .selectFrom("contest_participants as p")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .select(["p.id", "p.org_id", "p.group_id", "p.status", "o.name", "o.path"])
    .where("p.competition_id", "=", id)
    .where("p.status", "in", ["admitted", "disqualified"])
    .execute();
  const participants: ContestParticipant[] = people.map((p) => ({
    orgId: p.org_id,
    name: p.name,
    group: groupName.get(p.group_id)!,
    disqualified: p.status === "disqualified",
  }));
  const orgOf = new Map(people.map((p) => [p.id, p.org_id]));

  const targetRows = await db
    .selectFrom("contest_targets as t")
    .innerJoin("contest_participants as p", "p.id", "t.participant_id")
    .select(["t.participant_id", "t.indicator_id", "t.period_id", "t.target"])
    .where("p.competition_id", "=", id)
    .where("p.status", "in", ["admitted", "disqualified"])
    .execute();
  const targets: TargetRow[] = targetRows.map((t) => ({
    orgId: orgOf.get(t.participant_id)!,
    indicator: indicatorCode.get(t.indicator_id)!,
    period: t.period_id === null ? null : periodLabel.get(t.period_id)!,
    target: t.target,
  }));

  const valueRows = await db
    .selectFrom("contest_values as v")
    .innerJoin("contest_reports as r", "r.id", "v.report_id")
    .innerJoin("contest_participants as p", "p.id", "r.participant_id")
    .select(["r.participant_id", "r.period_id", "r.status", "v.indicator_id", "v.value"])
    .where("p.competition_id", "=", id)
    .where("p.status", "in", ["admitted", "disqualified"])
    .where("r.status", "in", ["submitted", "verified"])
    .execute();
  const values: ValueRow[] = [];
  for (const v of valueRows) {
    if (!typed.has(v.indicator_id)) continue;
    values.push({
      orgId: orgOf.get(v.participant_id)!,
      period: periodLabel.get(v.period_id)!,
      indicator: indicatorCode.get(v.indicator_id)!,
      value: v.value,
      status: v.status as "submitted" | "verified",
    });
  }
  values.push(...(await aidBoundValues(db, scheme, people)));

  return {
    groups: scheme.groups.map((g) => g.name),
    periods: scheme.periods.map((p) => ({ label: p.label })),
    indicators: scheme.indicators,
    participants,
    targets,
    values,
  };
}

const MEASURE_SQL: Record<AidMeasure, ReturnType<typeof sql<number>>> = {
  activities: sql<number>`count(*)`,
  person_times: sql<number>`sum(a.person_times)`,
  funds_yuan: sql<number>`sum(a.funds_fen) / 100.0`,
  villages: sql<number>`count(distinct a.county_id || ':' || a.village)`,
  households_helped: sql<number>`sum(a.households_helped)`,
  people_helped: sql<number>`sum(a.people_helped)`,
  households_lifted: sql<number>`sum(a.households_lifted)`,
  people_lifted: sql<number>`sum(a.people_lifted)`,
};

/**
 * An aid-bound indicator's value for a participant and period: its measure over the activities of
 * the teams whose org is the participant or lies in its subtree, held in the days the period covers
 * (decision 024). Nobody types it, so it counts as verified. A participant without activities in a
 * period has the value 0 there: the activities are the record, and none is a fact.
 */
async function aidBoundValues(
  db: Kysely<Database>,
  scheme: StoredScheme,
  people: readonly { org_id: number; path: string }[],
): Promise<ValueRow[]> {
  const bound = scheme.indicators.filter((i) => i.measure !== null);
  if (bound.length === 0 || people.length === 0) return [];
  const out: ValueRow[] = [];
  for (const period of scheme.periods) {
    for (const p of people) {
      const row = await db
        .selectFrom("activities as a")
        .innerJoin("aid_teams as t", "t.id", "a.team_id")
        .innerJoin("orgs as o", "o.id", "t.org_id")
        .select(bound.map((i, n) => MEASURE_SQL[i.measure!].as(`m${n}`)))
        .where("o.path", "like", `${p.path}%`)
        .where("a.held_on", ">=", period.coversFrom)
        .where("a.held_on", "<=", period.coversTo)
        .executeTakeFirst();
      bound.forEach((indicator, n) => {
        const value = Number((row as Record<string, unknown> | undefined)?.[`m${n}`] ?? 0);
        out.push({
          orgId: p.org_id,
          period: period.label,
          indicator: indicator.code,
          value,
          status: "verified",
        });
      });
    }
  }
  return out;
}
