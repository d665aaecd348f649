import { type Insertable, type Kysely, type Transaction, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { ContestReportEventTable } from "../../db/schema-contest";
import type { ReportStatus } from "~/domain/contest/scheme";
import { parseReportValue, windowState } from "~/domain/contest/report-rules";
import { DomainError } from "~/domain/errors";
import { chinaToday } from "~/domain/notice/iso-date";
import { isFatalHeader, mapHeader, readRow, type ColumnSpec, type RowIssue } from "~/domain/sheet-columns";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { bumpStandings } from "./contest.server";
import type { ImportReport } from "./org-import.server";

/** The `reports` sheet (docs/domain.md#contest): one value per row. */
export const REPORT_COLUMNS: ColumnSpec[] = [
  { key: "org", en: "org", zh: "单位", required: true },
  { key: "period", en: "period", zh: "周期", required: true },
  { key: "indicator", en: "indicator", zh: "指标代码", required: true },
  { key: "value", en: "value", zh: "数值", required: true },
  { key: "note", en: "note", zh: "说明", required: false },
];

export interface ReportImportOptions {
  /** The operator vouches for the values: reports go in verified (late ones consented too). */
  verified?: boolean;
  today?: string;
}

interface Existing {
  id: number;
  status: ReportStatus;
  late: number;
  consented: boolean;
  everSubmitted: boolean;
}

interface Lookup {
  participants: Map<string, { id: number; status: string }>;
  orgs: Set<string>;
  periods: Map<string, { id: number; opens: string; closes: string }>;
  indicators: Map<string, { id: number; measure: string | null }>;
  reports: Map<string, Existing>;
}

/** A good row, keyed to its report (participant × period). */
interface Good {
  key: string;
  participantId: number;
  periodId: number;
  indicatorId: number;
  value: number;
  note: string;
}

type Issue = Omit<RowIssue, "row">;

/** One statement's worth of rows: SQLite allows 32,766 bound values, PostgreSQL 65,535. */
const CHUNK = 2000;

/**
 * Imports a `reports` sheet for the organizer (docs/domain.md#contest, decision 027): every row is
 * checked against what was read up front, and one refused row leaves nothing written. The good
 * rows go in as submitted — or verified — reports with multi-row statements, in one transaction.
 * A closed window refuses nothing: a first submission after it is marked late (consented at once
 * with `verified`). A report already verified is refused: its values change only by correction.
 */
export async function importReports(
  db: Kysely<Database>,
  actor: Actor,
  competitionId: number,
  rows: string[][],
  options: ReportImportOptions = {},
): Promise<ImportReport & { reports: number }> {
  const [header = [], ...records] = rows;
  const map = mapHeader(header, REPORT_COLUMNS);
  const issues: RowIssue[] = [...map.issues];
  const filled = records
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => (c ?? "").trim() !== ""));
  if (isFatalHeader(map.issues)) return { imported: 0, refused: filled.length, issues, reports: 0 };
  return db.transaction().execute(async (trx) => {
    const stage = await trx
      .selectFrom("competitions")
      .select("stage")
      .where("id", "=", competitionId)
      .executeTakeFirst();
    if (stage?.stage !== "running") throw new DomainError("contestReports.notRunning");
    const lookup = await loadLookup(trx, competitionId);
    const good: Good[] = [];
    const seen = new Map<string, number>();
    let refused = 0;
    for (const { row, cells } of filled) {
      const checked = checkRow(lookup, readRow(cells, map), row, seen);
      if ("issues" in checked) {
        refused++;
        issues.push(...checked.issues.map((x) => ({ row, ...x })));
      } else good.push(checked);
    }
    if (refused > 0) return { imported: 0, refused, issues, reports: 0 };
    const reports = await writeReports(trx, actor, competitionId, lookup, good, options);
    return { imported: good.length, refused: 0, issues, reports };
  });
}

async function loadLookup(trx: Transaction<Database>, competitionId: number): Promise<Lookup> {
  const [people, orgs, periods, indicators, reports] = await Promise.all([
    trx
      .selectFrom("contest_participants as p")
      .innerJoin("orgs as o", "o.id", "p.org_id")
      .select(["p.id", "p.status", "o.name"])
      .where("p.competition_id", "=", competitionId)
      .execute(),
    trx.selectFrom("orgs").select("name").execute(),
    trx
      .selectFrom("contest_periods")
      .select(["id", "label", "opens_on", "closes_on"])
      .where("competition_id", "=", competitionId)
      .execute(),
    trx
      .selectFrom("contest_indicators")
      .select(["id", "code", "measure"])
      .where("competition_id", "=", competitionId)
      .execute(),
    trx
      .selectFrom("contest_reports as r")
      .innerJoin("contest_participants as p", "p.id", "r.participant_id")
      .select([
        "r.id",
        "r.participant_id",
        "r.period_id",
        "r.status",
        "r.late",
        "r.late_consented_at",
        "r.submitted_at",
      ])
      .where("p.competition_id", "=", competitionId)
      .execute(),
  ]);
  return {
    participants: new Map(people.map((p) => [p.name, { id: p.id, status: p.status }])),
    orgs: new Set(orgs.map((o) => o.name)),
    periods: new Map(periods.map((p) => [p.label, { id: p.id, opens: p.opens_on, closes: p.closes_on }])),
    indicators: new Map(indicators.map((i) => [i.code, { id: i.id, measure: i.measure }])),
    reports: new Map(
      reports.map((r) => [
        `${r.participant_id}:${r.period_id}`,
        {
          id: r.id,
          status: r.status,
          late: r.late,
          consented: r.late_consented_at !== null,
          everSubmitted: r.submitted_at !== null,
        },
      ]),
    ),
  };
}

/** Every check of a row; synchronous, against the lookup, so 100,000 rows go fast. */
function checkRow(
  l: Lookup,
  rec: Record<string, string>,
  row: number,
  seen: Map<string, number>,
): Good | { issues: Issue[] } {
  const issues: Issue[] = [];
  const participant = l.participants.get(rec.org);
  if (!rec.org)
    issues.push({
      column: "org",
      messageKey: "contestReports.import.required",
      params: { column: "org (单位)" },
    });
  else if (!l.orgs.has(rec.org))
    issues.push({ column: "org", messageKey: "contestReports.import.orgUnknown", params: { org: rec.org } });
  else if (participant?.status !== "admitted")
    issues.push({ column: "org", messageKey: "contestReports.import.notEnrolled", params: { org: rec.org } });
  const period = l.periods.get(rec.period);
  if (!period)
    issues.push({
      column: "period",
      messageKey: "contestReports.import.periodUnknown",
      params: { period: rec.period },
    });
  const indicator = l.indicators.get(rec.indicator);
  if (!indicator)
    issues.push({
      column: "indicator",
      messageKey: "contestReports.import.indicatorUnknown",
      params: { indicator: rec.indicator },
    });
  else if (indicator.measure !== null)
    issues.push({
      column: "indicator",
      messageKey: "contestReports.import.indicatorComputed",
      params: { indicator: rec.indicator },
    });
  const parsed = parseReportValue(rec.value);
  if (!parsed.ok) issues.push({ column: "value", messageKey: parsed.messageKey, params: parsed.params });
  else if (parsed.value === null)
    issues.push({
      column: "value",
      messageKey: "contestReports.import.required",
      params: { column: "value (数值)" },
    });
  if (issues.length || !participant || !period || !indicator || !parsed.ok || parsed.value === null)
    return { issues };
  const key = `${participant.id}:${period.id}`;
  if (l.reports.get(key)?.status === "verified")
    return { issues: [{ column: "period", messageKey: "contestReports.import.alreadyVerified" }] };
  const cell = `${key}:${indicator.id}`;
  const first = seen.get(cell);
  if (first !== undefined)
    return {
      issues: [
        { column: "indicator", messageKey: "contestReports.import.duplicateRow", params: { row: first } },
      ],
    };
  seen.set(cell, row);
  return {
    key,
    participantId: participant.id,
    periodId: period.id,
    indicatorId: indicator.id,
    value: parsed.value,
    note: rec.note ?? "",
  };
}

interface Target {
  key: string;
  participantId: number;
  periodId: number;
  note: string;
  late: boolean;
  existing: Existing | undefined;
}

/** The reports the good rows fill: made where missing, then their values, states and events, in batches. */
async function writeReports(
  trx: Transaction<Database>,
  actor: Actor,
  competitionId: number,
  l: Lookup,
  good: Good[],
  options: ReportImportOptions,
): Promise<number> {
  const today = options.today ?? chinaToday();
  const periodById = new Map([...l.periods.values()].map((p) => [p.id, p]));
  const targets = new Map<string, Target>();
  for (const g of good) {
    let t = targets.get(g.key);
    if (!t) {
      const existing = l.reports.get(g.key);
      const closed = windowState(periodById.get(g.periodId)!, today) === "closed";
      const late = existing?.everSubmitted ? existing.late === 1 : closed;
      t = { key: g.key, participantId: g.participantId, periodId: g.periodId, note: "", late, existing };
      targets.set(g.key, t);
    }
    if (g.note) t.note = g.note;
  }
  const now = nowIso();
  const status = options.verified ? "verified" : "submitted";
  const ids = await createMissing(
    trx,
    [...targets.values()].filter((t) => !t.existing),
    status,
    actor,
    now,
    options,
  );
  await updateExisting(
    trx,
    [...targets.values()].filter((t) => t.existing),
    status,
    actor,
    now,
    options,
  );
  for (const t of targets.values()) if (t.existing) ids.set(t.key, t.existing.id);
  await replaceValues(trx, good, ids, targets);
  await recordEvents(trx, [...targets.values()], ids, actor, now, options);
  if (options.verified) await bumpStandings(trx, competitionId);
  await recordAudit(trx, actor, {
    action: "contest.report.import",
    entity: "contest",
    entityId: competitionId,
    after: { values: good.length, reports: targets.size, verified: !!options.verified },
  });
  return targets.size;
}

function stateColumns(
  late: boolean,
  status: "submitted" | "verified",
  actor: Actor,
  now: string,
  o: ReportImportOptions,
) {
  return {
    status,
    late: late ? 1 : 0,
    late_consented_by: late && o.verified ? actor.userId : null,
    late_consented_at: late && o.verified ? now : null,
    return_reason: null,
    submitted_by: actor.userId,
    submitted_at: now,
    verified_by: o.verified ? actor.userId : null,
    verified_at: o.verified ? now : null,
    updated_at: now,
  };
}

async function createMissing(
  trx: Transaction<Database>,
  fresh: Target[],
  status: "submitted" | "verified",
  actor: Actor,
  now: string,
  o: ReportImportOptions,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < fresh.length; i += CHUNK / 10) {
    const part = fresh.slice(i, i + CHUNK / 10);
    const made = await trx
      .insertInto("contest_reports")
      .values(
        part.map((t) => ({
          participant_id: t.participantId,
          period_id: t.periodId,
          note: t.note,
          created_at: now,
          ...stateColumns(t.late, status, actor, now, o),
        })),
      )
      .returning(["id", "participant_id", "period_id"])
      .execute();
    for (const m of made) ids.set(`${m.participant_id}:${m.period_id}`, m.id);
  }
  return ids;
}

/** Drafts, returned and submitted reports take the sheet's values; grouped by the state they get. */
async function updateExisting(
  trx: Transaction<Database>,
  old: Target[],
  status: "submitted" | "verified",
  actor: Actor,
  now: string,
  o: ReportImportOptions,
) {
  for (const late of [false, true]) {
    const group = old.filter((t) => t.late === late);
    for (let i = 0; i < group.length; i += CHUNK) {
      const ids = group.slice(i, i + CHUNK).map((t) => t.existing!.id);
      const set = stateColumns(late, status, actor, now, o);
      // A late report already consented keeps its consent.
      const { late_consented_by: _b, late_consented_at: _a, ...rest } = set;
      await trx
        .updateTable("contest_reports")
        .set(o.verified ? set : rest)
        .where("id", "in", ids)
        .execute();
    }
  }
  for (const t of old.filter((x) => x.note))
    await trx.updateTable("contest_reports").set({ note: t.note }).where("id", "=", t.existing!.id).execute();
}

async function replaceValues(
  trx: Transaction<Database>,
  good: Good[],
  ids: Map<string, number>,
  targets: Map<string, Target>,
) {
  const stale = good.filter((g) => targets.get(g.key)!.existing);
  for (let i = 0; i < stale.length; i += CHUNK / 4) {
    const pairs = stale.slice(i, i + CHUNK / 4).map((g) => sql`(${ids.get(g.key)!}, ${g.indicatorId})`);
    await sql`delete from contest_values where (report_id, indicator_id) in (${sql.join(pairs)})`.execute(
      trx,
    );
  }
  for (let i = 0; i < good.length; i += CHUNK) {
    await trx
      .insertInto("contest_values")
      .values(
        good
          .slice(i, i + CHUNK)
          .map((g) => ({ report_id: ids.get(g.key)!, indicator_id: g.indicatorId, value: g.value })),
      )
      .execute();
  }
}

async function recordEvents(
  trx: Transaction<Database>,
  targets: Target[],
  ids: Map<string, number>,
  actor: Actor,
  now: string,
  o: ReportImportOptions,
) {
  type EventRow = Insertable<ContestReportEventTable>;
  const events: EventRow[] = [];
  for (const t of targets) {
    const base = {
      report_id: ids.get(t.key)!,
      actor_user_id: actor.userId,
      actor_label: actor.label,
      at: now,
    };
    events.push({
      ...base,
      action: "submitted",
      from_status: t.existing?.status ?? null,
      to_status: "submitted",
    });
    if (o.verified && t.late && !t.existing?.consented)
      events.push({ ...base, action: "late_consented", from_status: "submitted", to_status: "submitted" });
    if (o.verified)
      events.push({ ...base, action: "verified", from_status: "submitted", to_status: "verified" });
  }
  for (let i = 0; i < events.length; i += CHUNK / 10)
    await trx
      .insertInto("contest_report_events")
      .values(events.slice(i, i + CHUNK / 10))
      .execute();
}
