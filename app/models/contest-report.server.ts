import { type Kysely, type Transaction, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { ReportStatus } from "~/domain/contest/scheme";
import {
  changedValues,
  consentRefusal,
  correctRefusal,
  isEditable,
  MAX_NOTE_CHARS,
  parseReportValue,
  returnRefusal,
  submitOutcome,
  valueField,
  verifyRefusal,
  windowState,
  type ReportState,
} from "~/domain/contest/report-rules";
import { DomainError, NotFoundError } from "~/domain/errors";
import { chinaToday } from "~/domain/notice/iso-date";
import type { FieldErrors } from "~/utils/form-state";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { notify } from "./notification.server";
import { bumpStandings } from "./contest.server";

/** A report with what every question about it needs: its participant, period and competition. */
export async function getReport(db: Kysely<Database>, competitionId: number, reportId: number) {
  return reportQuery(db)
    .where("p.competition_id", "=", competitionId)
    .where("r.id", "=", reportId)
    .executeTakeFirst();
}
export type ReportRecord = NonNullable<Awaited<ReturnType<typeof getReport>>>;

function reportQuery(db: Kysely<Database>) {
  return db
    .selectFrom("contest_reports as r")
    .innerJoin("contest_participants as p", "p.id", "r.participant_id")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .leftJoin("orgs as up", "up.id", "o.parent_id")
    .innerJoin("contest_periods as pe", "pe.id", "r.period_id")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .innerJoin("orgs as oc", "oc.id", "c.org_id")
    .select([
      "r.id",
      "r.participant_id",
      "r.period_id",
      "r.status",
      "r.note",
      "r.late",
      "r.late_consented_at",
      "r.return_reason",
      "r.submitted_at",
      "r.verified_at",
      "r.updated_at",
      "p.org_id",
      "p.status as participant_status",
      "o.name as org_name",
      "o.path as org_path",
      sql<string>`coalesce(up.path, o.path)`.as("parent_path"),
      "pe.label as period_label",
      "pe.opens_on",
      "pe.closes_on",
      "c.id as competition_id",
      "c.title as competition_title",
      "c.stage as competition_stage",
      "oc.path as organizer_path",
    ]);
}

export function stateOf(
  r: Pick<ReportRecord, "status" | "late" | "late_consented_at" | "submitted_at">,
): ReportState {
  return {
    status: r.status as ReportStatus,
    late: r.late === 1,
    consented: r.late_consented_at !== null,
    everSubmitted: r.submitted_at !== null,
  };
}

/** The indicators of a contest in scheme order; aid-bound ones (`measure`) are computed, never typed. */
export function listIndicators(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("contest_indicators")
    .select(["id", "code", "title", "unit", "method", "measure"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
}
export type IndicatorRow = Awaited<ReturnType<typeof listIndicators>>[number];

/** The typed values of a form, one field per typed indicator (`v_CODE`), or the refusals per field. */
export function readValues(
  indicators: readonly IndicatorRow[],
  get: (field: string) => string | undefined,
): { ok: true; values: Map<number, number | null> } | { ok: false; errors: FieldErrors } {
  const values = new Map<number, number | null>();
  const errors: FieldErrors = {};
  for (const i of indicators) {
    if (i.measure !== null) continue;
    const parsed = parseReportValue(get(valueField(i.code)));
    if (parsed.ok) values.set(i.id, parsed.value);
    else errors[valueField(i.code)] = { key: parsed.messageKey, params: parsed.params };
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}

export async function listReportValues(db: Kysely<Database>, reportId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("contest_values")
    .select(["indicator_id", "value"])
    .where("report_id", "=", reportId)
    .execute();
  return new Map(rows.map((r) => [r.indicator_id, r.value]));
}

export function listReportEvents(db: Kysely<Database>, reportId: number) {
  return db
    .selectFrom("contest_report_events as e")
    .leftJoin("contest_indicators as i", "i.id", "e.indicator_id")
    .select([
      "e.id",
      "e.action",
      "e.from_status",
      "e.to_status",
      "e.previous_value",
      "e.new_value",
      "e.reason",
      "e.actor_label",
      "e.at",
      "i.code as indicator_code",
      "i.title as indicator_title",
    ])
    .where("e.report_id", "=", reportId)
    .orderBy("e.id")
    .execute();
}

function requireRunning(stage: string) {
  if (stage !== "running") throw new DomainError("contestReports.notRunning");
}

async function addEvent(
  trx: Transaction<Database>,
  actor: Actor,
  reportId: number,
  e: {
    action: "submitted" | "returned" | "verified" | "corrected" | "late_consented";
    from?: ReportStatus | null;
    to?: ReportStatus | null;
    indicatorId?: number;
    previous?: number | null;
    next?: number | null;
    reason?: string;
  },
  at = nowIso(),
) {
  await trx
    .insertInto("contest_report_events")
    .values({
      report_id: reportId,
      action: e.action,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      indicator_id: e.indicatorId ?? null,
      previous_value: e.previous ?? null,
      new_value: e.next ?? null,
      reason: e.reason ?? null,
      actor_user_id: actor.userId,
      actor_label: actor.label,
      at,
    })
    .execute();
}

/**
 * The report of a participant × period, made as an empty draft the first time it is opened. Only
 * an admitted participant reports, and only while the competition runs. Returns its id.
 */
export async function openReport(
  trx: Transaction<Database>,
  competitionId: number,
  participantId: number,
  periodId: number,
): Promise<number> {
  const found = await trx
    .selectFrom("contest_participants as p")
    .innerJoin("competitions as c", "c.id", "p.competition_id")
    .innerJoin("contest_periods as pe", (j) =>
      j.on("pe.competition_id", "=", competitionId).on("pe.id", "=", periodId),
    )
    .leftJoin("contest_reports as r", (j) =>
      j.onRef("r.participant_id", "=", "p.id").onRef("r.period_id", "=", "pe.id"),
    )
    .select(["p.status", "c.stage", "r.id as report_id"])
    .where("p.id", "=", participantId)
    .where("p.competition_id", "=", competitionId)
    .executeTakeFirst();
  if (!found) throw new NotFoundError();
  if (found.report_id !== null) return found.report_id;
  requireRunning(found.stage);
  if (found.status !== "admitted") throw new DomainError("contestReports.notAdmitted");
  const now = nowIso();
  const { id } = await trx
    .insertInto("contest_reports")
    .values({
      participant_id: participantId,
      period_id: periodId,
      status: "draft",
      note: "",
      late: 0,
      late_consented_by: null,
      late_consented_at: null,
      return_reason: null,
      submitted_by: null,
      submitted_at: null,
      verified_by: null,
      verified_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** Replaces a report's typed values: a null removes the row (not reported). */
async function writeValues(
  trx: Transaction<Database>,
  reportId: number,
  values: ReadonlyMap<number, number | null>,
) {
  const ids = [...values.keys()];
  if (ids.length)
    await trx
      .deleteFrom("contest_values")
      .where("report_id", "=", reportId)
      .where("indicator_id", "in", ids)
      .execute();
  const rows = [...values]
    .filter(([, v]) => v !== null)
    .map(([indicator_id, value]) => ({ report_id: reportId, indicator_id, value: value! }));
  if (rows.length) await trx.insertInto("contest_values").values(rows).execute();
}

export interface ReportInput {
  values: ReadonlyMap<number, number | null>;
  note: string;
}

/**
 * The reporter saves a draft, or submits: before the window opens refused; after it closes a
 * first submission is late and waits for the organizer's consent (decision 027).
 */
export async function saveReport(
  trx: Transaction<Database>,
  actor: Actor,
  r: ReportRecord,
  input: ReportInput,
  submit: boolean,
  today = chinaToday(),
): Promise<void> {
  requireRunning(r.competition_stage);
  const state = stateOf(r);
  if (!isEditable(state)) throw new DomainError("contestReports.notEditable");
  if (input.note.length > MAX_NOTE_CHARS)
    throw new DomainError("contestReports.note.tooLong", { max: MAX_NOTE_CHARS }, "note");
  await writeValues(trx, r.id, input.values);
  const now = nowIso();
  if (!submit) {
    await trx
      .updateTable("contest_reports")
      .set({ note: input.note, updated_at: now })
      .where("id", "=", r.id)
      .execute();
    return;
  }
  const outcome = submitOutcome(state, windowState({ opens: r.opens_on, closes: r.closes_on }, today));
  if (!outcome.ok) throw new DomainError(outcome.messageKey, { opens: r.opens_on });
  await trx
    .updateTable("contest_reports")
    .set({
      note: input.note,
      status: "submitted",
      late: outcome.late ? 1 : 0,
      submitted_by: actor.userId,
      submitted_at: now,
      updated_at: now,
    })
    .where("id", "=", r.id)
    .execute();
  await addEvent(trx, actor, r.id, { action: "submitted", from: state.status, to: "submitted" }, now);
  await recordAudit(trx, actor, {
    action: "contest.report.submit",
    entity: "contest_report",
    entityId: r.id,
    orgPath: r.org_path,
    after: { period: r.period_label, late: outcome.late, values: Object.fromEntries(input.values) },
  });
}

export interface BulkRefusal {
  id: number;
  label: string | null;
  messageKey: ReturnType<typeof verifyRefusal> & string;
}

/**
 * Verifies reports in one transaction: those that cannot be (not submitted, late without consent,
 * outside the verifier's reach, unknown) are named and left; the rest are verified. One bump of
 * the standings version covers them all.
 */
export async function verifyReports(
  trx: Transaction<Database>,
  actor: Actor,
  competitionId: number,
  reportIds: readonly number[],
  mayVerify: (r: ReportRecord) => boolean,
): Promise<{ verified: number[]; refused: BulkRefusal[] }> {
  const verified: number[] = [];
  const refused: BulkRefusal[] = [];
  const now = nowIso();
  for (const id of [...new Set(reportIds)]) {
    const r = await getReport(trx, competitionId, id);
    if (!r || !mayVerify(r)) {
      refused.push({ id, label: null, messageKey: "contestReports.verify.notYours" });
      continue;
    }
    const refusal =
      r.competition_stage === "running" ? verifyRefusal(stateOf(r)) : "contestReports.notRunning";
    if (refusal) {
      refused.push({ id, label: `${r.org_name} · ${r.period_label}`, messageKey: refusal });
      continue;
    }
    await trx
      .updateTable("contest_reports")
      .set({ status: "verified", verified_by: actor.userId, verified_at: now, updated_at: now })
      .where("id", "=", id)
      .execute();
    await addEvent(trx, actor, id, { action: "verified", from: "submitted", to: "verified" }, now);
    await recordAudit(trx, actor, {
      action: "contest.report.verify",
      entity: "contest_report",
      entityId: id,
      orgPath: r.org_path,
    });
    verified.push(id);
  }
  if (verified.length) await bumpStandings(trx, competitionId);
  return { verified, refused };
}

/** The verifier sends a submitted report back with a reason; the participant's nominators are told. */
export async function returnReport(
  trx: Transaction<Database>,
  actor: Actor,
  r: ReportRecord,
  reason: string,
) {
  requireRunning(r.competition_stage);
  const refusal = returnRefusal(stateOf(r));
  if (refusal) throw new DomainError(refusal);
  const now = nowIso();
  await trx
    .updateTable("contest_reports")
    .set({ status: "returned", return_reason: reason, updated_at: now })
    .where("id", "=", r.id)
    .execute();
  await addEvent(trx, actor, r.id, { action: "returned", from: "submitted", to: "returned", reason }, now);
  await recordAudit(trx, actor, {
    action: "contest.report.return",
    entity: "contest_report",
    entityId: r.id,
    orgPath: r.org_path,
    after: { reason },
  });
  await notify(trx, {
    kind: "contest_report_returned",
    userIds: await reportersOf(trx, r),
    params: { org: r.org_name, competition: r.competition_title, period: r.period_label, reason },
    link: `/competitions/${r.competition_id}/contest/reports/${r.id}`,
  });
}

/** The nominators of the participant's org (or of a union above it, inside the organizer's subtree). */
async function reportersOf(db: Kysely<Database>, r: ReportRecord): Promise<number[]> {
  const rows = await db
    .selectFrom("role_grants as g")
    .innerJoin("orgs as o", "o.id", "g.org_id")
    .select("g.user_id")
    .where("g.role", "=", "nominator")
    .where(sql<boolean>`${r.org_path} like o.path || '%'`)
    .where("o.path", "like", `${r.organizer_path}%`)
    .execute();
  return rows.map((x) => x.user_id);
}

/** The organizer consents to a late report: it may then be verified like any other. */
export async function consentLate(trx: Transaction<Database>, actor: Actor, r: ReportRecord) {
  requireRunning(r.competition_stage);
  const refusal = consentRefusal(stateOf(r));
  if (refusal) throw new DomainError(refusal);
  const now = nowIso();
  await trx
    .updateTable("contest_reports")
    .set({ late_consented_by: actor.userId, late_consented_at: now, updated_at: now })
    .where("id", "=", r.id)
    .execute();
  await addEvent(trx, actor, r.id, { action: "late_consented", from: "submitted", to: "submitted" }, now);
  await recordAudit(trx, actor, {
    action: "contest.report.consentLate",
    entity: "contest_report",
    entityId: r.id,
    orgPath: r.org_path,
  });
}

/**
 * The organizer corrects verified values, with a reason: one event per value changed, its previous
 * and new value (null: not reported). Allowed in any stage after the contest began.
 */
export async function correctReport(
  trx: Transaction<Database>,
  actor: Actor,
  r: ReportRecord,
  values: ReadonlyMap<number, number | null>,
  reason: string,
) {
  if (r.competition_stage === "draft") throw new DomainError("contestReports.notRunning");
  const refusal = correctRefusal(stateOf(r));
  if (refusal) throw new DomainError(refusal);
  const changes = changedValues(await listReportValues(trx, r.id), values);
  if (changes.length === 0) throw new DomainError("contestReports.correct.nothing");
  await writeValues(trx, r.id, new Map(changes.map((c) => [c.indicatorId, c.next])));
  const now = nowIso();
  for (const c of changes)
    await addEvent(
      trx,
      actor,
      r.id,
      { action: "corrected", indicatorId: c.indicatorId, previous: c.previous, next: c.next, reason },
      now,
    );
  await trx.updateTable("contest_reports").set({ updated_at: now }).where("id", "=", r.id).execute();
  await recordAudit(trx, actor, {
    action: "contest.report.correct",
    entity: "contest_report",
    entityId: r.id,
    orgPath: r.org_path,
    after: { reason, changes },
  });
  await bumpStandings(trx, r.competition_id);
}
