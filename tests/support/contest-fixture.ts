import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ContestIndicator } from "../../app/domain/contest/scheme-schema";
import type { ReportStatus } from "../../app/domain/contest/scheme";
import type { ParticipantStatus } from "../../app/domain/contest/vocabulary";
import type { OrgRow } from "../../app/models/org.server";
import { makeOrg } from "./factories";
import {
  insertGroup,
  insertIndicator,
  insertParticipant,
  insertPeriod,
  makeContestCompetition,
} from "./contest-rows";

/**
 * Contests written straight into the tables of migration 0011 (the scheme, enrolment and report
 * pages are other parts' work): a competition organized by `organizer`, its groups, periods and
 * indicators, participants, targets and reports.
 */
const NOW = "2018-01-01T00:00:00.000Z";

export interface ContestSetup {
  groups: string[];
  /** label, and the days the period covers (aid-bound values count activities held in them). */
  periods: { label: string; from: string; to: string }[];
  indicators: Partial<ContestIndicator>[];
}

export interface StoredContest {
  competitionId: number;
  group: Map<string, number>;
  period: Map<string, number>;
  indicator: Map<string, number>;
  participant: Map<number, number>;
}

export async function makeContest(
  db: Kysely<Database>,
  organizer: OrgRow,
  setup: ContestSetup,
  title?: string,
): Promise<StoredContest> {
  const competitionId = await makeContestCompetition(db, organizer, { title });
  const group = new Map<string, number>();
  for (const [position, name] of setup.groups.entries())
    group.set(name, await insertGroup(db, competitionId, position, name));
  const period = new Map<string, number>();
  for (const [position, p] of setup.periods.entries())
    period.set(p.label, await insertPeriod(db, competitionId, position, { ...p, opens: p.to, closes: p.to }));
  const indicator = new Map<string, number>();
  for (const [position, i] of setup.indicators.entries())
    indicator.set(
      i.code!,
      await insertIndicator(db, competitionId, position, {
        code: i.code!,
        title: i.title ?? i.code!,
        unit: i.unit ?? "项",
        aggregation: i.aggregation ?? "sum",
        method: i.method!,
        weight: i.weight ?? null,
        cap: i.method === "target" ? (i.cap ?? 1) : null,
        direction: i.direction ?? null,
        per_unit: i.per_unit ?? null,
        max_points: i.max_points ?? null,
        measure: i.measure ?? null,
        confidential: i.confidential ? 1 : 0,
      }),
    );
  return { competitionId, group, period, indicator, participant: new Map() };
}

export async function enrol(
  db: Kysely<Database>,
  contest: StoredContest,
  org: OrgRow,
  group: string,
  status: ParticipantStatus = "admitted",
): Promise<number> {
  const id = await insertParticipant(db, contest.competitionId, org.id, contest.group.get(group)!, status);
  contest.participant.set(org.id, id);
  return id;
}

export async function setTarget(
  db: Kysely<Database>,
  contest: StoredContest,
  orgId: number,
  code: string,
  period: string | null,
  target: number,
) {
  await db
    .insertInto("contest_targets")
    .values({
      participant_id: contest.participant.get(orgId)!,
      indicator_id: contest.indicator.get(code)!,
      period_id: period === null ? null : contest.period.get(period)!,
      target,
      updated_at: NOW,
    })
    .execute();
}

/** One report with its values (code → value; a missing code is a value not reported). */
export async function fileReport(
  db: Kysely<Database>,
  contest: StoredContest,
  orgId: number,
  period: string,
  values: Record<string, number>,
  status: ReportStatus = "verified",
) {
  const report = await db
    .insertInto("contest_reports")
    .values({
      participant_id: contest.participant.get(orgId)!,
      period_id: contest.period.get(period)!,
      status,
      note: "",
      late: 0,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const rows = Object.entries(values).map(([code, value]) => ({
    report_id: report.id,
    indicator_id: contest.indicator.get(code)!,
    value,
  }));
  if (rows.length) await db.insertInto("contest_values").values(rows).execute();
}

/*
 * The hand-worked contest of tests/unit/contest-example.test.ts, in the database: its figures are
 * worked out by hand there (docs/domain.md#contest), and the database must give the same ones.
 */
export const EXAMPLE_INDICATORS: Partial<ContestIndicator>[] = [
  { code: "invest", title: "帮扶投入", unit: "万元", method: "target", weight: 30, cap: 1.2 },
  { code: "hh", title: "帮扶户数", unit: "户", method: "rank", weight: 20, direction: "higher" },
  { code: "award", title: "获表彰", unit: "项", method: "bonus", per_unit: 2, max_points: 5 },
  { code: "complaint", title: "投诉", unit: "起", method: "deduction", per_unit: 1, max_points: 3 },
  { code: "accident", title: "安全事故", unit: "起", method: "veto" },
  { code: "villages", title: "覆盖村数", unit: "个", aggregation: "latest", method: "target", weight: 10 },
];
export const EXAMPLE_NAMES = [
  "陕煤集团",
  "延长石油",
  "陕西建工",
  "法士特",
  "秦川机床",
  "西安市总工会",
  "宝鸡市总工会",
];
type Row = (number | null)[];
const Q1: Row[] = [
  [50, 30, 1, 0, 0, 5],
  [60, 30, 0, 1, 0, 4],
  [40, 20, 3, 0, 1, 10],
  [80, 30, 0, 0, 0, 1],
  [50, null, 1, 0, 0, 5],
];
const Q2: Row[] = [
  [50, 20, 0, 0, 0, 7],
  [40, 25, 2, 0, 0, 6],
  [50, 20, 0, 0, 0, 7],
  [100, 25, 0, 2, 0, 10],
  [50, 20, 0, 0, 0, 14],
  [40, 5, 0, 0, 0, 3],
  [60, 50, 1, 0, 0, 10],
];

const asValues = (row: Row) =>
  Object.fromEntries(
    row.flatMap((v, i) => (v === null ? [] : [[EXAMPLE_INDICATORS[i].code!, v] as [string, number]])),
  );

/**
 * The example under `organizer`: units 1–5 in 省属国企组, 6–7 in 市总工会组 (7 disqualified).
 * Returns the stored contest and the participants' orgs in the example's order.
 */
export async function makeExampleContest(db: Kysely<Database>, organizer: OrgRow) {
  const contest = await makeContest(db, organizer, {
    groups: ["省属国企组", "市总工会组"],
    periods: [
      { label: "Q1", from: "2018-01-01", to: "2018-03-31" },
      { label: "Q2", from: "2018-04-01", to: "2018-06-30" },
    ],
    indicators: EXAMPLE_INDICATORS,
  });
  const orgs: OrgRow[] = [];
  for (const [n, name] of EXAMPLE_NAMES.entries()) {
    const org = await makeOrg(db, organizer, { name, kind: n >= 5 ? "city" : "industry" });
    orgs.push(org);
    await enrol(
      db,
      contest,
      org,
      n >= 5 ? "市总工会组" : "省属国企组",
      n === 6 ? "disqualified" : "admitted",
    );
    if (n !== 5) await setTarget(db, contest, org.id, "invest", null, 100);
    await setTarget(db, contest, org.id, "villages", null, 10);
  }
  await setTarget(db, contest, orgs[4].id, "villages", "Q2", 20);
  for (const [n, row] of Q1.entries()) await fileReport(db, contest, orgs[n].id, "Q1", asValues(row));
  for (const [n, row] of Q2.entries()) await fileReport(db, contest, orgs[n].id, "Q2", asValues(row));
  return { contest, orgs };
}
