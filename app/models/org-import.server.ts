import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { ORG_KIND_ALIASES, OrgFieldsSchema } from "~/domain/org-input";
import { isFatalHeader, mapHeader, readRow, type ColumnSpec, type RowIssue } from "~/domain/sheet-columns";
import { DomainError } from "~/domain/errors";
import { isMessageKey } from "~/i18n";
import type { Actor } from "./audit.server";
import { createOrg, getOrgByName, updateOrg, type OrgRow } from "./org.server";

export const ORG_COLUMNS: ColumnSpec[] = [
  { key: "name", en: "name", zh: "名称", required: true },
  { key: "kind", en: "kind", zh: "类别", required: true },
  { key: "parent", en: "parent", zh: "上级", required: true },
  { key: "region_code", en: "region_code", zh: "行政区划代码", required: false },
];

export interface ImportReport {
  imported: number;
  refused: number;
  issues: RowIssue[];
}

/** Raised inside the transaction to roll back an all-or-nothing import that had refused rows. */
class RollBack extends Error {}

/**
 * Imports the org tree sheet. A row names its parent by name: an org already in the database or
 * one from an earlier row. An org whose name exists is updated in place. A refused row writes
 * nothing; the good rows go in together, or with `allOrNothing` only when every row is good.
 */
export async function importOrgs(
  db: Kysely<Database>,
  actor: Actor,
  rows: string[][],
  { allOrNothing = false } = {},
): Promise<ImportReport> {
  const [header = [], ...records] = rows;
  const map = mapHeader(header, ORG_COLUMNS);
  if (isFatalHeader(map.issues)) return { imported: 0, refused: records.length, issues: map.issues };
  const issues: RowIssue[] = [...map.issues];
  let imported = 0;
  let refused = 0;
  try {
    await db.transaction().execute(async (trx) => {
      for (const [i, cells] of records.entries()) {
        const rowNo = i + 2;
        if (cells.every((c) => c.trim() === "")) continue;
        const rowIssues = await importOrgRow(trx, actor, readRow(cells, map), rowNo);
        if (rowIssues.length) {
          refused++;
          issues.push(...rowIssues);
        } else imported++;
      }
      if (allOrNothing && refused > 0) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    imported = 0;
  }
  return { imported, refused, issues };
}

async function importOrgRow(
  trx: Transaction<Database>,
  actor: Actor,
  rec: Record<string, string>,
  row: number,
): Promise<RowIssue[]> {
  const kind = ORG_KIND_ALIASES[rec.kind] ?? rec.kind;
  const parsed = OrgFieldsSchema.safeParse({ name: rec.name, kind, regionCode: rec.region_code });
  if (!parsed.success) {
    return parsed.error.issues.map((is) => {
      const column = String(is.path[0] ?? "") === "regionCode" ? "region_code" : String(is.path[0] ?? "");
      return { row, column, messageKey: isMessageKey(is.message) ? is.message : "form.invalid" };
    });
  }
  let parent: OrgRow | null = null;
  if (rec.parent) {
    parent = (await getOrgByName(trx, rec.parent)) ?? null;
    if (!parent)
      return [{ row, column: "parent", messageKey: "import.parentNotFound", params: { name: rec.parent } }];
  }
  const existing = await getOrgByName(trx, parsed.data.name);
  try {
    if (existing) await updateOrg(trx, actor, existing, { ...parsed.data, parent });
    else await createOrg(trx, actor, parent, parsed.data);
  } catch (error) {
    if (error instanceof DomainError)
      return [
        {
          row,
          column: error.field === "regionCode" ? "region_code" : (error.field ?? null),
          messageKey: error.messageKey,
          params: error.params,
        },
      ];
    throw error;
  }
  return [];
}
