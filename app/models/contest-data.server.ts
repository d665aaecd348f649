import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { ContestIndicator } from "~/domain/contest/scheme-schema";
import type { AidMeasure } from "~/domain/contest/scheme";
import type {
  ContestData,
  ContestParticipant,
  PackedValues,
  TargetRow,
  ValueRow,
} from "~/domain/contest/types";

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

  const people = await db
    .selectFrom("contest_participants as p")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .select(["p.id", "p.org_id", "p.group_id", "p.status", "o.name", "o.path"])
    .where("p.competition_id", "=", id)
    .where("p.status", "in", COMPETING)
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
    .where("p.status", "in", COMPETING)
    .execute();
  const targets: TargetRow[] = targetRows.map((t) => ({
    orgId: orgOf.get(t.participant_id)!,
    indicator: indicatorCode.get(t.indicator_id)!,
    period: t.period_id === null ? null : periodLabel.get(t.period_id)!,
    target: Number(t.target),
  }));

  const values = await aidBoundValues(db, scheme, people);
  const packed = await reportedValues(db, scheme, new Map(people.map((p, n) => [p.id, n])));

  return {
    groups: scheme.groups.map((g) => g.name),
    periods: scheme.periods.map((p) => ({ label: p.label })),
    indicators: scheme.indicators,
    participants,
    targets,
    values,
    packed,
  };
}

const COMPETING = ["admitted", "disqualified"] as const;

/**
 * The typed values of the competition's submitted and verified reports, placed in the table's
 * cells as they are read: 480,000 values never become 480,000 objects (decision 028). Each report
 * carries its values packed as one JSON array, kept by the database (decision 032): a row per
 * report instead of one per value.
 */
async function reportedValues(
  db: Kysely<Database>,
  scheme: StoredScheme,
  participantIndex: Map<number, number>,
): Promise<PackedValues> {
  const K = scheme.periods.length;
  const I = scheme.indicators.length;
  const periodIndex = new Map(scheme.periods.map((p, k) => [p.id, k]));
  const typedIndex = new Map<number, number>();
  scheme.indicators.forEach((ind, i) => {
    if (ind.measure === null) typedIndex.set(ind.id, i);
  });
  const reports = await db
    .selectFrom("contest_reports as r")
    .innerJoin("contest_participants as p", "p.id", "r.participant_id")
    .select(["r.participant_id", "r.period_id", "r.status", "r.values_packed as vals"])
    .where("p.competition_id", "=", scheme.competitionId)
    .where("p.status", "in", COMPETING)
    .where("r.status", "in", ["submitted", "verified"])
    .execute();
  const room = Math.max(16, reports.length * typedIndex.size);
  const packed = {
    length: 0,
    cell: new Int32Array(room),
    value: new Float64Array(room),
    submitted: new Uint8Array(room),
  };
  for (const r of reports) {
    if (r.vals === null) continue;
    const base = (participantIndex.get(r.participant_id)! * K + periodIndex.get(r.period_id)!) * I;
    const submitted = r.status === "submitted" ? 1 : 0;
    const pairs = JSON.parse(r.vals) as number[];
    for (let n = 0; n < pairs.length; n += 2) {
      const i = typedIndex.get(pairs[n]);
      if (i === undefined) continue;
      packed.cell[packed.length] = base + i;
      packed.value[packed.length] = pairs[n + 1];
      packed.submitted[packed.length++] = submitted;
    }
  }
  return packed;
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
 * One grouped query over every participant and period (a participant's subtree may hold another
 * participant's: an activity then counts for both, as it should).
 */
async function aidBoundValues(
  db: Kysely<Database>,
  scheme: StoredScheme,
  people: readonly { org_id: number }[],
  only?: { orgId: number; periodId: number },
): Promise<ValueRow[]> {
  const bound = scheme.indicators.filter((i) => i.measure !== null);
  if (bound.length === 0 || people.length === 0 || scheme.periods.length === 0) return [];
  const rows = await db
    .selectFrom("contest_participants as p")
    .innerJoin("orgs as po", "po.id", "p.org_id")
    .innerJoin("orgs as o", (join) => join.on("o.path", "like", sql<string>`(po.path || '%')`))
    .innerJoin("aid_teams as t", "t.org_id", "o.id")
    .innerJoin("activities as a", "a.team_id", "t.id")
    .innerJoin("contest_periods as per", (join) =>
      join
        .on("per.competition_id", "=", scheme.competitionId)
        .onRef("a.held_on", ">=", "per.covers_from")
        .onRef("a.held_on", "<=", "per.covers_to"),
    )
    .select(["p.org_id", "per.id as period_id", ...bound.map((i, n) => MEASURE_SQL[i.measure!].as(`m${n}`))])
    .where("p.competition_id", "=", scheme.competitionId)
    .where("p.status", "in", COMPETING)
    .$if(only !== undefined, (q) =>
      q.where("p.org_id", "=", only!.orgId).where("per.id", "=", only!.periodId),
    )
    .groupBy(["p.org_id", "per.id"])
    .execute();
  const found = new Map(rows.map((r) => [`${r.org_id}:${r.period_id}`, r as Record<string, unknown>]));
  const out: ValueRow[] = [];
  for (const period of scheme.periods.filter((p) => !only || p.id === only.periodId))
    for (const p of people) {
      const row = found.get(`${p.org_id}:${period.id}`);
      bound.forEach((indicator, n) =>
        out.push({
          orgId: p.org_id,
          period: period.label,
          indicator: indicator.code,
          value: Number(row?.[`m${n}`] ?? 0),
          status: "verified",
        }),
      );
    }
  return out;
}

/**
 * The aid-bound values of one participant's report, indicator id → value, counted exactly as the
 * standings count them: what the report page shows where the reporter types nothing.
 */
export async function computedReportValues(
  db: Kysely<Database>,
  competitionId: number,
  orgId: number,
  periodId: number,
): Promise<Record<number, number>> {
  const scheme = await loadScheme(db, competitionId);
  if (!scheme) return {};
  const rows = await aidBoundValues(db, scheme, [{ org_id: orgId }], { orgId, periodId });
  const idOf = new Map(scheme.indicators.map((i) => [i.code, i.id]));
  return Object.fromEntries(rows.map((r) => [idOf.get(r.indicator)!, r.value]));
}
