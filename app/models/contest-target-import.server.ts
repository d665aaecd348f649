import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { parseTarget, takesTargets } from "~/domain/contest/target-input";
import { isFatalHeader, mapHeader, readRow, type ColumnSpec, type RowIssue } from "~/domain/sheet-columns";
import { type Actor, recordAudit } from "./audit.server";
import type { StoredScheme } from "./contest-data.server";
import type { ContestImportReport } from "./contest-participant-import.server";
import type { ContestOwner } from "./contest-participant.server";
import { bumpStandings } from "./contest.server";
import { putTarget, type TargetCell } from "./contest-target.server";

export const TARGET_COLUMNS: ColumnSpec[] = [
  { key: "org", en: "org", zh: "单位", aliases: ["单位名称"], required: true },
  { key: "indicator", en: "indicator", zh: "指标代码", aliases: ["指标"], required: true },
  { key: "period", en: "period", zh: "周期", required: false },
  { key: "target", en: "target", zh: "目标值", required: true },
];

/**
 * The `targets` sheet (单位, 指标代码, 周期 — empty for the year —, 目标值): each row sets one
 * cell, replacing what was there. All or nothing: a refused row (see checkTargetRow) writes none.
 */
export async function importTargets(
  db: Kysely<Database>,
  actor: Actor,
  c: ContestOwner,
  scheme: StoredScheme,
  rows: string[][],
): Promise<ContestImportReport> {
  const [header = [], ...records] = rows;
  const map = mapHeader(header, TARGET_COLUMNS);
  if (isFatalHeader(map.issues)) return { imported: 0, refused: records.length, issues: map.issues };
  const participants = await admittedByName(db, c.id);
  const check = rowChecker(scheme, participants);
  const issues: RowIssue[] = [...map.issues];
  const cells: TargetCell[] = [];
  const seen = new Map<string, number>();
  for (const [i, raw] of records.entries()) {
    const row = i + 2;
    if (raw.every((x) => (x ?? "").trim() === "")) continue;
    const result = check(readRow(raw, map), row);
    if (!Array.isArray(result)) {
      const key = `${result.participantId}/${result.indicatorId}/${result.periodId ?? 0}`;
      const first = seen.get(key);
      if (first !== undefined)
        issues.push({ row, column: "indicator", messageKey: "contestTargets.cellTwice", params: { first } });
      else {
        seen.set(key, row);
        cells.push(result);
      }
    } else issues.push(...result);
  }
  const refused = new Set(issues.filter((i) => i.row > 1).map((i) => i.row)).size;
  if (refused > 0) return { imported: 0, refused, issues };
  await db.transaction().execute(async (trx) => {
    for (const cell of cells) await putTarget(trx, cell);
    await recordAudit(trx, actor, {
      action: "contest.targets.import",
      entity: "contest",
      entityId: c.id,
      orgPath: c.org_path,
      after: { targets: cells.length },
    });
    await bumpStandings(trx, c.id);
  });
  return { imported: cells.length, refused: 0, issues };
}

async function admittedByName(db: Kysely<Database>, competitionId: number) {
  const rows = await db
    .selectFrom("contest_participants as p")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .select(["p.id", "p.status", "o.name"])
    .where("p.competition_id", "=", competitionId)
    .execute();
  return new Map(rows.map((r) => [r.name, r]));
}

function rowChecker(
  scheme: StoredScheme,
  participants: Map<string, { id: number; status: string; name: string }>,
) {
  const indicators = new Map(scheme.indicators.map((i) => [i.code, i]));
  const periods = new Map(scheme.periods.map((p) => [p.label, p.id]));
  return (rec: Record<string, string>, row: number): TargetCell | RowIssue[] => {
    const issues: RowIssue[] = [];
    const refuse = (column: string, messageKey: RowIssue["messageKey"], params?: RowIssue["params"]) =>
      issues.push({ row, column, messageKey, params });
    const p = participants.get(rec.org);
    if (!rec.org) refuse("org", "form.required");
    else if (!p || p.status !== "admitted") refuse("org", "contestTargets.notParticipant", { name: rec.org });
    const ind = indicators.get(rec.indicator);
    if (!rec.indicator) refuse("indicator", "form.required");
    else if (!ind) refuse("indicator", "contestTargets.unknownIndicator", { code: rec.indicator });
    else if (!takesTargets(ind.method))
      refuse("indicator", "contestTargets.notTargetMethod", { code: ind.code, method: ind.method });
    const periodId = rec.period ? periods.get(rec.period) : null;
    if (periodId === undefined) refuse("period", "contestTargets.unknownPeriod", { label: rec.period });
    const target = parseTarget(rec.target ?? "");
    if (!rec.target) refuse("target", "form.required");
    else if (!target.ok) refuse("target", target.messageKey);
    if (issues.length || !p || !ind || periodId === undefined || !target.ok) return issues;
    return { participantId: p.id, indicatorId: ind.id, periodId, target: target.value };
  };
}
