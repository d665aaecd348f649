import type { Insertable, Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { ScoreSheetTable } from "../../db/schema-judging";
import { checkScoreSheet, type Criterion } from "~/domain/judging/score-sheet";
import { DomainError } from "~/domain/errors";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { isCorrectionOpen, isJudgingOpen, type JudgingCategory } from "./judging-category.server";

export interface SheetInput {
  points: (number | null)[];
  comment: string;
  /** The version the form showed; 0 when it showed no sheet yet. */
  version: number;
}

/** Turns the first problem of the rubric check into a form error on that criterion's field. */
function checked(points: (number | null)[], criteria: readonly Criterion[], allowMissing: boolean): number {
  const check = checkScoreSheet(points, criteria, { allowMissing });
  if (check.ok) return check.total;
  const p = check.problems[0];
  const key =
    p.code === "missing"
      ? "form.required"
      : p.code === "above_max"
        ? "judging.points.aboveMax"
        : p.code === "not_half_step"
          ? "judging.points.halfStep"
          : p.code === "negative"
            ? "judging.points.negative"
            : "judging.points.invalid";
  throw new DomainError(key, { max: p.maxPoints ?? 0 }, p.criterion >= 0 ? `p${p.criterion}` : "_form");
}

async function writeHistory(
  trx: Transaction<Database>,
  actor: Actor,
  sheetId: number,
  action: string,
  reason: string | null,
  row: { points_json: string; total: number; comment: string },
) {
  const { points_json, total, comment } = row;
  await trx
    .insertInto("score_sheet_history")
    .values({
      sheet_id: sheetId,
      at: nowIso(),
      actor_user_id: actor.userId,
      actor_label: actor.label,
      action,
      reason,
      points_json,
      total,
      comment,
    })
    .execute();
}

/**
 * A judge saves (draft) or submits their sheet. The version the form showed must still be the
 * sheet's: otherwise another tab or window changed it and this write is refused, not merged.
 * A submitted sheet is final for the judge; only an admin corrects it, with a reason.
 */
export async function saveScoreSheet(
  trx: Transaction<Database>,
  actor: Actor,
  cat: Pick<JudgingCategory, "id" | "stage" | "org_path"> & { criteria: readonly Criterion[] },
  target: { memberId: number; nominationId: number },
  input: SheetInput & { submit: boolean },
): Promise<{ version: number }> {
  if (!isJudgingOpen(cat.stage)) throw new DomainError("judging.closed");
  const total = checked(input.points, cat.criteria, !input.submit);
  // The assignment, the nomination's status and the judge's sheet so far, in one read.
  const assigned = await trx
    .selectFrom("judge_assignments")
    .innerJoin("nominations", "nominations.id", "judge_assignments.nomination_id")
    .leftJoin("score_sheets", (j) =>
      j
        .onRef("score_sheets.panel_member_id", "=", "judge_assignments.panel_member_id")
        .onRef("score_sheets.nomination_id", "=", "judge_assignments.nomination_id"),
    )
    .select([
      "nominations.status as nomination_status",
      "score_sheets.id",
      "score_sheets.status",
      "score_sheets.version",
    ])
    .where("judge_assignments.panel_member_id", "=", target.memberId)
    .where("judge_assignments.nomination_id", "=", target.nominationId)
    .executeTakeFirst();
  if (!assigned) throw new DomainError("judging.notAssigned");
  // A veto (一票否决) during judging makes the nomination ineligible: its sheets stop mattering.
  if (assigned.nomination_status !== "eligible") throw new DomainError("judging.notJudged");
  const row = {
    points_json: JSON.stringify(input.points),
    total,
    comment: input.comment,
    updated_at: nowIso(),
    status: input.submit ? ("submitted" as const) : ("draft" as const),
    submitted_at: input.submit ? nowIso() : null,
  };
  const sheet =
    assigned.id === null
      ? undefined
      : { id: assigned.id, status: assigned.status, version: assigned.version };
  let sheetId: number;
  if (!sheet) {
    if (input.version !== 0) throw new DomainError("judging.sheet.stale");
    sheetId = await insertFirstSheet(trx, {
      ...row,
      category_id: cat.id,
      nomination_id: target.nominationId,
      panel_member_id: target.memberId,
      version: 1,
    });
  } else {
    if (sheet.status === "submitted") throw new DomainError("judging.sheet.alreadySubmitted");
    if (sheet.version !== input.version || sheet.status === "void")
      throw new DomainError("judging.sheet.stale");
    const res = await trx
      .updateTable("score_sheets")
      .set({ ...row, version: input.version + 1 })
      .where("id", "=", sheet.id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("judging.sheet.stale");
    sheetId = sheet.id;
  }
  await writeHistory(trx, actor, sheetId, input.submit ? "submit" : "save", null, row);
  await recordAudit(trx, actor, {
    action: input.submit ? "sheet.submit" : "sheet.save",
    entity: "score_sheet",
    entityId: sheetId,
    orgPath: cat.org_path,
    after: { total },
  });
  return { version: input.version + 1 };
}

/** Two tabs writing the first version at once: the unique pair makes the second one stale. */
async function insertFirstSheet(
  trx: Transaction<Database>,
  values: Insertable<ScoreSheetTable>,
): Promise<number> {
  try {
    const { id } = await trx
      .insertInto("score_sheets")
      .values(values)
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE") throw new DomainError("judging.sheet.stale");
    throw error;
  }
}

/** An admin changes a submitted sheet: only with a reason, which the sheet's history keeps. */
export async function correctScoreSheet(
  trx: Transaction<Database>,
  actor: Actor,
  cat: Pick<JudgingCategory, "id" | "stage" | "org_path"> & { criteria: readonly Criterion[] },
  sheetId: number,
  input: SheetInput & { reason: string },
): Promise<void> {
  if (!isCorrectionOpen(cat.stage)) throw new DomainError("judging.correctionClosed");
  const reason = input.reason.trim();
  if (!reason) throw new DomainError("form.required", undefined, "reason");
  const total = checked(input.points, cat.criteria, false);
  const sheet = await trx
    .selectFrom("score_sheets")
    .select(["id", "status", "version", "total", "points_json"])
    .where("id", "=", sheetId)
    .where("category_id", "=", cat.id)
    .executeTakeFirst();
  if (!sheet || sheet.status !== "submitted") throw new DomainError("judging.sheet.notSubmitted");
  const row = {
    points_json: JSON.stringify(input.points),
    total,
    comment: input.comment,
    updated_at: nowIso(),
  };
  const res = await trx
    .updateTable("score_sheets")
    .set({ ...row, version: input.version + 1 })
    .where("id", "=", sheetId)
    .where("category_id", "=", cat.id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError("judging.sheet.stale");
  await writeHistory(trx, actor, sheetId, "correct", reason, row);
  await recordAudit(trx, actor, {
    action: "sheet.correct",
    entity: "score_sheet",
    entityId: sheetId,
    orgPath: cat.org_path,
    before: { total: sheet.total, points: JSON.parse(sheet.points_json) },
    after: { total, points: input.points, reason },
  });
}

export function getSheetWithHistory(db: Kysely<Database>, categoryId: number, sheetId: number) {
  return Promise.all([
    db
      .selectFrom("score_sheets")
      .innerJoin("panel_members", "panel_members.id", "score_sheets.panel_member_id")
      .innerJoin("nominations", "nominations.id", "score_sheets.nomination_id")
      .select([
        "score_sheets.id",
        "score_sheets.status",
        "score_sheets.points_json",
        "score_sheets.total",
        "score_sheets.comment",
        "score_sheets.version",
        "panel_members.display_name as judge",
        "nominations.ref",
        "nominations.name",
      ])
      .where("score_sheets.id", "=", sheetId)
      .where("score_sheets.category_id", "=", categoryId)
      .executeTakeFirst(),
    db
      .selectFrom("score_sheet_history as h")
      .innerJoin("score_sheets as s", "s.id", "h.sheet_id")
      .select(["h.id", "h.at", "h.actor_label", "h.action", "h.reason", "h.total"])
      .where("h.sheet_id", "=", sheetId)
      .where("s.category_id", "=", categoryId)
      .orderBy("h.id")
      .execute(),
  ]);
}

/** Every judge's submitted total per nomination: the matrix admins see once judging has closed. */
export async function scoreMatrix(db: Kysely<Database>, categoryId: number) {
  const rows = await db
    .selectFrom("score_sheets")
    .innerJoin("nominations", "nominations.id", "score_sheets.nomination_id")
    .select([
      "score_sheets.id",
      "score_sheets.panel_member_id",
      "score_sheets.total",
      "nominations.id as nomination_id",
      "nominations.ref",
      "nominations.name",
    ])
    .where("score_sheets.category_id", "=", categoryId)
    .where("score_sheets.status", "=", "submitted")
    .orderBy("nominations.ref")
    .execute();
  return rows;
}

/** Per judge and per nomination: assigned, drafts and submitted sheets. */
export async function judgingProgress(db: Kysely<Database>, categoryId: number) {
  const rows = await db
    .selectFrom("judge_assignments")
    .innerJoin("panel_members", "panel_members.id", "judge_assignments.panel_member_id")
    .innerJoin("nominations", "nominations.id", "judge_assignments.nomination_id")
    .leftJoin("score_sheets", (j) =>
      j
        .onRef("score_sheets.panel_member_id", "=", "judge_assignments.panel_member_id")
        .onRef("score_sheets.nomination_id", "=", "judge_assignments.nomination_id"),
    )
    .select([
      "panel_members.id as member_id",
      "panel_members.display_name",
      "nominations.id as nomination_id",
      "nominations.ref",
      "nominations.name",
      "score_sheets.status",
    ])
    .where("panel_members.category_id", "=", categoryId)
    .execute();
  type Tally = { assigned: number; drafts: number; submitted: number };
  const tally = <K>(
    map: Map<K, Tally & Record<string, unknown>>,
    key: K,
    extra: Record<string, unknown>,
    status: string | null,
  ) => {
    const t = map.get(key) ?? { assigned: 0, drafts: 0, submitted: 0, ...extra };
    t.assigned++;
    if (status === "draft") t.drafts++;
    if (status === "submitted") t.submitted++;
    map.set(key, t);
  };
  const judges = new Map<number, Tally & Record<string, unknown>>();
  const nominations = new Map<number, Tally & Record<string, unknown>>();
  for (const r of rows) {
    tally(judges, r.member_id, { name: r.display_name }, r.status);
    tally(nominations, r.nomination_id, { ref: r.ref, name: r.name }, r.status);
  }
  return {
    judges: [...judges.entries()].map(([id, t]) => ({
      id,
      name: String(t.name),
      assigned: t.assigned,
      drafts: t.drafts,
      submitted: t.submitted,
    })),
    nominations: [...nominations.values()]
      .map((t) => ({
        ref: String(t.ref),
        name: String(t.name),
        assigned: t.assigned,
        submitted: t.submitted,
      }))
      .sort((a, b) => (a.ref < b.ref ? -1 : 1)),
  };
}
