import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import { isWithin } from "~/domain/org-tree";
import { isFatalHeader, mapHeader, readRow, type ColumnSpec, type RowIssue } from "~/domain/sheet-columns";
import type { Actor } from "./audit.server";
import type { StoredScheme } from "./contest-data.server";
import { enrolParticipant, moveParticipant, type ContestOwner } from "./contest-participant.server";

export const PARTICIPANT_COLUMNS: ColumnSpec[] = [
  { key: "org", en: "org", zh: "单位", aliases: ["单位名称"], required: true },
  { key: "group", en: "group", zh: "组别", required: true },
];

export interface ContestImportReport {
  imported: number;
  refused: number;
  issues: RowIssue[];
}

/** Raised inside the transaction so that a sheet with any refused row writes nothing. */
class RollBack extends Error {}

type Planned = { row: number; orgId: number; groupId: number; participantId: number | null };

/**
 * The `participants` sheet (单位, 组别): each org is enrolled, admitted, into its group, or moved
 * there if already admitted. All or nothing: any refused row (unknown org or group, an org
 * outside the organizer's subtree or listed twice, an application still climbing) writes nothing.
 */
export async function importParticipants(
  db: Kysely<Database>,
  actor: Actor,
  c: ContestOwner,
  scheme: StoredScheme,
  rows: string[][],
): Promise<ContestImportReport> {
  const [header = [], ...records] = rows;
  const map = mapHeader(header, PARTICIPANT_COLUMNS);
  if (isFatalHeader(map.issues)) return { imported: 0, refused: records.length, issues: map.issues };
  const { planned, issues } = await plan(db, c, scheme, records, map);
  issues.unshift(...map.issues);
  const refusedRows = new Set(issues.filter((i) => i.row > 1).map((i) => i.row));
  if (refusedRows.size > 0) return { imported: 0, refused: refusedRows.size, issues };
  try {
    await db.transaction().execute(async (trx) => {
      for (const p of planned) {
        try {
          if (p.participantId === null) await enrolParticipant(trx, actor, c, p);
          else await moveParticipant(trx, actor, c, p.participantId, p.groupId);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          issues.push({
            row: p.row,
            column: error.field ?? null,
            messageKey: error.messageKey,
            params: error.params,
          });
        }
      }
      if (issues.some((i) => i.row > 1)) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return { imported: 0, refused: new Set(issues.map((i) => i.row)).size, issues };
  }
  return { imported: planned.length, refused: 0, issues };
}

async function plan(
  db: Kysely<Database>,
  c: ContestOwner,
  scheme: StoredScheme,
  records: string[][],
  map: ReturnType<typeof mapHeader>,
) {
  const names = [...new Set(records.map((cells) => readRow(cells, map).org).filter(Boolean))];
  const orgs = new Map<string, { id: number; path: string }>();
  for (let i = 0; i < names.length; i += 500) {
    const found = await db
      .selectFrom("orgs")
      .select(["id", "name", "path"])
      .where("name", "in", names.slice(i, i + 500))
      .execute();
    for (const o of found) orgs.set(o.name, o);
  }
  const existing = new Map(
    (
      await db
        .selectFrom("contest_participants")
        .select(["id", "org_id", "status"])
        .where("competition_id", "=", c.id)
        .execute()
    ).map((p) => [p.org_id, p]),
  );
  const groups = new Map(scheme.groups.map((g) => [g.name, g.id]));
  const seen = new Map<number, number>();
  const planned: Planned[] = [];
  const issues: RowIssue[] = [];
  for (const [i, cells] of records.entries()) {
    const row = i + 2;
    if (cells.every((x) => (x ?? "").trim() === "")) continue;
    const rec = readRow(cells, map);
    const before = issues.length;
    const org = rec.org ? orgs.get(rec.org) : undefined;
    if (!rec.org) issues.push({ row, column: "org", messageKey: "form.required" });
    else if (!org)
      issues.push({ row, column: "org", messageKey: "contestSheets.unknownOrg", params: { name: rec.org } });
    else if (org.path === c.org_path || !isWithin(org.path, c.org_path))
      issues.push({
        row,
        column: "org",
        messageKey: "contestParticipants.outsideOrganizer",
        params: { name: rec.org },
      });
    else if (seen.has(org.id))
      issues.push({
        row,
        column: "org",
        messageKey: "contestSheets.orgTwice",
        params: { name: rec.org, first: seen.get(org.id)! },
      });
    const groupId = groups.get(rec.group);
    if (!rec.group) issues.push({ row, column: "group", messageKey: "form.required" });
    else if (groupId === undefined)
      issues.push({
        row,
        column: "group",
        messageKey: "contestSheets.unknownGroup",
        params: { name: rec.group },
      });
    if (issues.length > before || !org || groupId === undefined) continue;
    seen.set(org.id, row);
    const current = existing.get(org.id);
    const participantId = current?.status === "admitted" ? current.id : null;
    planned.push({ row, orgId: org.id, groupId, participantId });
  }
  return { planned, issues };
}
