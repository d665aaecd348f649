import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { ContestIndicator, ContestScheme } from "~/domain/contest/scheme-schema";
import { periodCovers } from "~/domain/contest/period-cover";
import { DomainError, NotFoundError } from "~/domain/errors";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { lockCompetition } from "./notice.server";
import { loadScheme } from "./contest-data.server";

/** Stages in which the scheme may still change: before nominating, and only until a value is verified. */
const EDITABLE_STAGES = ["draft", "running"];

export async function hasContest(db: Kysely<Database>, competitionId: number): Promise<boolean> {
  const row = await db
    .selectFrom("contests")
    .select("competition_id")
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every change that moves the official standings calls this in its transaction: the board's cache key. */
export async function bumpStandings(trx: Kysely<Database>, competitionId: number): Promise<void> {
  await trx
    .updateTable("contests")
    .set((eb) => ({ standings_version: eb("standings_version", "+", 1), updated_at: nowIso() }))
    .where("competition_id", "=", competitionId)
    .execute();
}

/** The scheme is locked once any value is verified: the standings must stay explainable. */
export async function hasVerifiedReport(db: Kysely<Database>, competitionId: number): Promise<boolean> {
  const row = await db
    .selectFrom("contest_reports as r")
    .innerJoin("contest_participants as p", "p.id", "r.participant_id")
    .select("r.id")
    .where("p.competition_id", "=", competitionId)
    .where("r.status", "=", "verified")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The competition the scheme belongs to, locked, after the checks every scheme change shares. */
async function editableCompetition(trx: Transaction<Database>, competitionId: number, stages: string[]) {
  const stage = (await lockCompetition(trx, competitionId))?.stage;
  if (!stage) throw new NotFoundError();
  if (!stages.includes(stage)) throw new DomainError("contestSetup.notEditable", undefined, "_form");
  if (await hasVerifiedReport(trx, competitionId))
    throw new DomainError("contestSetup.locked", undefined, "_form");
  return trx
    .selectFrom("competitions")
    .innerJoin("orgs", "orgs.id", "competitions.org_id")
    .select(["competitions.id", "orgs.path as org_path"])
    .where("competitions.id", "=", competitionId)
    .executeTakeFirstOrThrow();
}

/** Top N per group name, as the set-up form gives it; a group not named keeps what it had. */
export type TopN = ReadonlyMap<string, number | null>;

/**
 * Stores a checked scheme (ContestSchemeSchema) as the contest of a draft or running competition:
 * rows matched by group name, period label and indicator code are updated in place (participants,
 * targets and reports point at them), new ones added, missing ones removed — refused while anything
 * still points at them. Adds the `running` stage row on first set-up. Audited; bumps the standings.
 */
export async function saveScheme(
  trx: Transaction<Database>,
  competitionId: number,
  scheme: ContestScheme,
  actor: Actor,
  topN: TopN = new Map(),
): Promise<void> {
  const c = await editableCompetition(trx, competitionId, EDITABLE_STAGES);
  const now = nowIso();
  const before = await schemeSnapshot(trx, competitionId);
  if (!before) {
    await trx
      .insertInto("contests")
      .values({
        competition_id: competitionId,
        board_public: 0,
        standings_version: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await addRunningStage(trx, competitionId);
  }
  await saveGroups(trx, competitionId, scheme.groups, topN);
  await savePeriods(trx, competitionId, scheme.periods);
  await saveIndicators(trx, competitionId, scheme.indicators);
  await bumpStandings(trx, competitionId);
  await recordAudit(trx, actor, {
    action: before ? "contest.scheme.update" : "contest.scheme.create",
    entity: "competition",
    entityId: competitionId,
    orgPath: c.org_path,
    before,
    after: scheme,
  });
}

async function addRunningStage(trx: Transaction<Database>, competitionId: number) {
  const row = await trx
    .selectFrom("competition_stages")
    .select("stage")
    .where("competition_id", "=", competitionId)
    .where("stage", "=", "running")
    .executeTakeFirst();
  if (!row)
    await trx
      .insertInto("competition_stages")
      .values({ competition_id: competitionId, stage: "running", starts_on: null, ends_on: null })
      .execute();
}

/** The stored rows' ids by their key, and the ones the new scheme no longer names. */
function splitByKey<R extends { id: number }>(rows: R[], keyOf: (r: R) => string, keep: string[]) {
  const wanted = new Set(keep);
  return {
    idOf: new Map(rows.map((r) => [keyOf(r), r.id])),
    gone: rows.filter((r) => !wanted.has(keyOf(r))),
  };
}

async function countWhere(
  trx: Transaction<Database>,
  table: "contest_participants" | "contest_targets" | "contest_reports" | "contest_values",
  column: "group_id" | "period_id" | "indicator_id",
  id: number,
): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(column as never, "=", id as never)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function saveGroups(trx: Transaction<Database>, competitionId: number, groups: string[], topN: TopN) {
  const rows = await trx
    .selectFrom("contest_groups")
    .select(["id", "name"])
    .where("competition_id", "=", competitionId)
    .execute();
  const { idOf, gone } = splitByKey(rows, (r) => r.name, groups);
  for (const g of gone) {
    if (await countWhere(trx, "contest_participants", "group_id", g.id))
      throw new DomainError("contestSetup.groupInUse", { group: g.name }, "groups");
    await trx.deleteFrom("contest_groups").where("id", "=", g.id).execute();
  }
  for (const [position, name] of groups.entries()) {
    const top = topN.has(name) ? { top_n: topN.get(name) ?? null } : {};
    const id = idOf.get(name);
    if (id !== undefined)
      await trx
        .updateTable("contest_groups")
        .set({ position, ...top })
        .where("id", "=", id)
        .execute();
    else
      await trx
        .insertInto("contest_groups")
        .values({ competition_id: competitionId, position, name, top_n: top.top_n ?? null })
        .execute();
  }
}

async function savePeriods(
  trx: Transaction<Database>,
  competitionId: number,
  periods: ContestScheme["periods"],
) {
  const rows = await trx
    .selectFrom("contest_periods")
    .select(["id", "label"])
    .where("competition_id", "=", competitionId)
    .execute();
  const { idOf, gone } = splitByKey(
    rows,
    (r) => r.label,
    periods.map((p) => p.label),
  );
  for (const p of gone) {
    const used =
      (await countWhere(trx, "contest_targets", "period_id", p.id)) +
      (await countWhere(trx, "contest_reports", "period_id", p.id));
    if (used) throw new DomainError("contestSetup.periodInUse", { label: p.label }, "periods");
    await trx.deleteFrom("contest_periods").where("id", "=", p.id).execute();
  }
  const covers = periodCovers(periods);
  for (const [position, p] of periods.entries()) {
    const row = {
      position,
      label: p.label,
      opens_on: p.opens,
      closes_on: p.closes,
      covers_from: covers[position].from,
      covers_to: covers[position].to,
    };
    const id = idOf.get(p.label);
    if (id !== undefined) await trx.updateTable("contest_periods").set(row).where("id", "=", id).execute();
    else
      await trx
        .insertInto("contest_periods")
        .values({ competition_id: competitionId, ...row })
        .execute();
  }
}

function indicatorRow(position: number, i: ContestIndicator) {
  return {
    position,
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
    confidential: i.confidential ? 1 : 0,
  };
}

async function saveIndicators(
  trx: Transaction<Database>,
  competitionId: number,
  indicators: readonly ContestIndicator[],
) {
  const rows = await trx
    .selectFrom("contest_indicators")
    .select(["id", "code"])
    .where("competition_id", "=", competitionId)
    .execute();
  const { idOf, gone } = splitByKey(
    rows,
    (r) => r.code,
    indicators.map((i) => i.code),
  );
  for (const i of gone) {
    const used =
      (await countWhere(trx, "contest_targets", "indicator_id", i.id)) +
      (await countWhere(trx, "contest_values", "indicator_id", i.id));
    if (used) throw new DomainError("contestSetup.indicatorInUse", { code: i.code }, "indicators");
    await trx.deleteFrom("contest_indicators").where("id", "=", i.id).execute();
  }
  for (const [position, i] of indicators.entries()) {
    const row = indicatorRow(position, i);
    const id = idOf.get(i.code);
    if (id !== undefined) await trx.updateTable("contest_indicators").set(row).where("id", "=", id).execute();
    else
      await trx
        .insertInto("contest_indicators")
        .values({ competition_id: competitionId, ...row })
        .execute();
  }
}

/** The stored scheme in the template's words (what `competition export` writes), or null without a contest. */
export async function schemeSnapshot(
  db: Kysely<Database>,
  competitionId: number,
): Promise<(ContestScheme & { topN: Record<string, number | null> }) | null> {
  const stored = await loadScheme(db, competitionId);
  if (!stored) return null;
  return {
    groups: stored.groups.map((g) => g.name),
    topN: Object.fromEntries(stored.groups.map((g) => [g.name, g.topN])),
    periods: stored.periods.map(({ label, opens, closes }) => ({ label, opens, closes })),
    indicators: stored.indicators.map(({ id: _id, ...indicator }) => indicator),
  };
}

/**
 * Takes the contest off a draft competition: its scheme, any enrolment made so far, and the
 * `running` stage row, so that it goes from draft straight to nominating again.
 */
export async function removeContest(
  trx: Transaction<Database>,
  competitionId: number,
  actor: Actor,
): Promise<void> {
  const c = await editableCompetition(trx, competitionId, ["draft"]);
  const before = await schemeSnapshot(trx, competitionId);
  if (!before) return;
  const participants = trx
    .selectFrom("contest_participants")
    .select("id")
    .where("competition_id", "=", competitionId);
  const reports = trx.selectFrom("contest_reports").select("id").where("participant_id", "in", participants);
  await trx.deleteFrom("contest_values").where("report_id", "in", reports).execute();
  await trx.deleteFrom("contest_report_events").where("report_id", "in", reports).execute();
  await trx.deleteFrom("contest_report_files").where("report_id", "in", reports).execute();
  await trx.deleteFrom("contest_reports").where("participant_id", "in", participants).execute();
  await trx.deleteFrom("contest_targets").where("participant_id", "in", participants).execute();
  await trx.deleteFrom("contest_application_steps").where("participant_id", "in", participants).execute();
  for (const table of [
    "contest_participants",
    "contest_indicators",
    "contest_periods",
    "contest_groups",
    "contests",
  ] as const)
    await trx.deleteFrom(table).where("competition_id", "=", competitionId).execute();
  await trx
    .deleteFrom("competition_stages")
    .where("competition_id", "=", competitionId)
    .where("stage", "=", "running")
    .execute();
  await recordAudit(trx, actor, {
    action: "contest.remove",
    entity: "competition",
    entityId: competitionId,
    orgPath: c.org_path,
    before,
  });
}

/** What is unfinished when a running contest moves on to nominating: warned about, not refused. */
export async function contestLoose(db: Kysely<Database>, competitionId: number) {
  const statuses = await db
    .selectFrom("contest_reports as r")
    .innerJoin("contest_participants as p", "p.id", "r.participant_id")
    .select(["r.status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("p.competition_id", "=", competitionId)
    .where("r.status", "in", ["submitted", "returned", "draft"])
    .groupBy("r.status")
    .execute();
  const applied = await db
    .selectFrom("contest_participants")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("competition_id", "=", competitionId)
    .where("status", "=", "applied")
    .executeTakeFirstOrThrow();
  const count = (s: string) => Number(statuses.find((r) => r.status === s)?.n ?? 0);
  return {
    unverified: count("submitted"),
    returned: count("returned") + count("draft"),
    applications: Number(applied.n),
  };
}
