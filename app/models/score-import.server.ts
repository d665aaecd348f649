import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { isConflict, pairKey } from "~/domain/judging/assignment";
import { checkScoreSheet } from "~/domain/judging/score-sheet";
import { mapHeader, readRow, type ColumnSpec, type RowIssue } from "~/domain/sheet-columns";
import { DomainError } from "~/domain/errors";
import type { MessageKey } from "~/i18n";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { getJudgingCategory, isJudgingOpen, type JudgingCategory } from "./judging-category.server";
import { addExternalJudge, listPanel, type PanelMember } from "./panel.server";

export interface ScoreImportReport {
  imported: number;
  refused: number;
  issues: RowIssue[];
}

/** nomination_ref, judge, then one column per criterion headed by its title (docs/domain.md#sheets). */
export function scoreColumns(cat: Pick<JudgingCategory, "criteria">): ColumnSpec[] {
  return [
    { key: "nomination_ref", en: "nomination_ref", zh: "推荐编号", required: true },
    { key: "judge", en: "judge", zh: "评委", required: true },
    ...cat.criteria.map((c, i) => ({ key: `c${i}`, en: c.title, zh: c.title, required: true })),
  ];
}

const POINT_MESSAGES: Record<string, MessageKey> = {
  missing: "form.required",
  not_a_number: "judging.points.invalid",
  not_half_step: "judging.points.halfStep",
  negative: "judging.points.negative",
  above_max: "judging.points.aboveMax",
};

interface ImportContext {
  cat: JudgingCategory;
  panel: PanelMember[];
  addJudges: boolean;
  seen: Set<string>;
}

/** The judge of a row: by display name or username on this category's panel only. */
async function findJudge(trx: Transaction<Database>, actor: Actor, ctx: ImportContext, name: string) {
  const found = ctx.panel.find((m) => m.display_name === name || m.username === name);
  if (found || !ctx.addJudges) return found;
  const id = await addExternalJudge(trx, actor, ctx.cat, name);
  const member: PanelMember = {
    id,
    user_id: null,
    display_name: name,
    external: 1,
    username: null,
    org_name: null,
    org_path: null,
  };
  ctx.panel.push(member);
  return member;
}

/** One row, checked in full then written; an issue (column, message) when refused. */
async function importRow(
  trx: Transaction<Database>,
  actor: Actor,
  ctx: ImportContext,
  row: Record<string, string>,
): Promise<Omit<RowIssue, "row"> | null> {
  const ref = row.nomination_ref;
  const n = await trx
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select(["nominations.id", "nominations.status", "orgs.path as org_path"])
    .where("nominations.category_id", "=", ctx.cat.id)
    .where("nominations.ref", "=", ref)
    .executeTakeFirst();
  if (!n) return { column: "nomination_ref", messageKey: "judging.import.unknownRef", params: { ref } };
  if (n.status !== "eligible")
    return { column: "nomination_ref", messageKey: "judging.import.notEligible", params: { ref } };
  const points = ctx.cat.criteria.map((_, i) => (row[`c${i}`] === "" ? null : Number(row[`c${i}`])));
  const check = checkScoreSheet(points, ctx.cat.criteria);
  if (!check.ok) {
    const p = check.problems[0];
    const title = ctx.cat.criteria[p.criterion]?.title ?? "";
    return {
      column: title,
      messageKey: POINT_MESSAGES[p.code] ?? "judging.points.invalid",
      params: { max: p.maxPoints ?? 0, criterion: title },
    };
  }
  const judge = await findJudge(trx, actor, ctx, row.judge);
  if (!judge)
    return { column: "judge", messageKey: "judging.import.unknownJudge", params: { judge: row.judge } };
  if (ctx.seen.has(pairKey(judge.id, n.id))) return { column: null, messageKey: "judging.import.duplicate" };
  const declared = await trx
    .selectFrom("judge_conflicts")
    .select("id")
    .where("panel_member_id", "=", judge.id)
    .where("nomination_id", "=", n.id)
    .executeTakeFirst();
  if (
    isConflict(
      { id: judge.id, orgPath: judge.org_path ?? null },
      { id: n.id, orgPath: n.org_path },
      new Set(declared ? [pairKey(judge.id, n.id)] : []),
    )
  )
    return { column: "judge", messageKey: "judging.import.conflict" };
  const sheet = await trx
    .selectFrom("score_sheets")
    .select(["id", "status", "version"])
    .where("panel_member_id", "=", judge.id)
    .where("nomination_id", "=", n.id)
    .executeTakeFirst();
  if (sheet?.status === "submitted") return { column: null, messageKey: "judging.import.alreadySubmitted" };
  ctx.seen.add(pairKey(judge.id, n.id));
  await writeImported(trx, actor, ctx.cat, judge.id, n.id, points as number[], check.total, sheet);
  return null;
}

async function writeImported(
  trx: Transaction<Database>,
  actor: Actor,
  cat: JudgingCategory,
  memberId: number,
  nominationId: number,
  points: number[],
  total: number,
  sheet: { id: number; version: number } | undefined,
) {
  const now = nowIso();
  const assigned = await trx
    .selectFrom("judge_assignments")
    .select("id")
    .where("panel_member_id", "=", memberId)
    .where("nomination_id", "=", nominationId)
    .executeTakeFirst();
  if (!assigned)
    await trx
      .insertInto("judge_assignments")
      .values({ panel_member_id: memberId, nomination_id: nominationId, manual: 1, assigned_at: now })
      .execute();
  const row = {
    points_json: JSON.stringify(points),
    total,
    comment: "",
    status: "submitted" as const,
    updated_at: now,
    submitted_at: now,
  };
  let sheetId = sheet?.id;
  if (sheet)
    await trx
      .updateTable("score_sheets")
      .set({ ...row, version: sheet.version + 1 })
      .where("id", "=", sheet.id)
      .execute();
  else
    sheetId = (
      await trx
        .insertInto("score_sheets")
        .values({
          ...row,
          category_id: cat.id,
          nomination_id: nominationId,
          panel_member_id: memberId,
          version: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  await trx
    .insertInto("score_sheet_history")
    .values({
      sheet_id: sheetId!,
      at: now,
      actor_user_id: actor.userId,
      actor_label: actor.label,
      action: "import",
      reason: null,
      points_json: row.points_json,
      total,
      comment: "",
    })
    .execute();
}

/**
 * Paper score sheets entered afterwards, as submitted sheets. Each row is checked and written
 * under a savepoint, so a refused row leaves nothing behind (not even a judge it would have added).
 */
export async function importScores(
  db: Kysely<Database>,
  actor: Actor,
  target: { competitionId: number; categoryName: string },
  rows: string[][],
  { addJudges = false } = {},
): Promise<ScoreImportReport> {
  const found = await db
    .selectFrom("categories")
    .select("id")
    .where("competition_id", "=", target.competitionId)
    .where("name", "=", target.categoryName)
    .executeTakeFirst();
  const cat = found && (await getJudgingCategory(db, found.id));
  if (!cat) throw new DomainError("judging.unknownCategory");
  if (!isJudgingOpen(cat.stage)) throw new DomainError("judging.import.stage");
  const [header = [], ...records] = rows;
  const map = mapHeader(header, scoreColumns(cat));
  const issues: RowIssue[] = [...map.issues];
  if (issues.some((i) => i.messageKey !== "import.unknownColumn"))
    return { imported: 0, refused: records.length, issues };
  let imported = 0;
  await db.transaction().execute(async (trx) => {
    const ctx: ImportContext = { cat, panel: await listPanel(trx, cat.id), addJudges, seen: new Set() };
    for (const [i, cells] of records.entries()) {
      if (cells.every((c) => c.trim() === "")) continue;
      await sql`savepoint score_row`.execute(trx);
      const panelSize = ctx.panel.length;
      const issue = await importRow(trx, actor, ctx, readRow(cells, map));
      if (issue) {
        await sql`rollback to savepoint score_row`.execute(trx);
        ctx.panel.length = panelSize;
        issues.push({ row: i + 2, ...issue });
      } else imported++;
      await sql`release savepoint score_row`.execute(trx);
    }
    if (imported > 0)
      await recordAudit(trx, actor, {
        action: "sheet.import",
        entity: "category",
        entityId: cat.id,
        orgPath: cat.org_path,
        after: { imported },
      });
  });
  return { imported, refused: issues.filter((i) => i.row > 1).length, issues };
}
