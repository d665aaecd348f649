import { type Kysely, sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import {
  CountyRowSchema,
  HelperRowSchema,
  PairingRowSchema,
  REGISTRY_SHEETS,
  rowIssues,
  type CountyRow,
  type HelperRow,
  type PairingRow,
  type RegistrySheet,
} from "~/domain/registry/registry-rows";
import { countyInScope, helperInScope, type RegistryScope } from "~/domain/registry/registry-scope";
import { isFatalHeader, mapHeader, readRow, type ColumnSpec, type RowIssue } from "~/domain/sheet-columns";
import type { MessageKey } from "~/i18n";
import { type Actor, recordAudit } from "./audit.server";
import { getCountyByCode, registryAuditPath, saveCounty } from "./county.server";
import { getHelperByRef, saveHelper } from "./helper.server";
import type { ImportReport } from "./org-import.server";
import { createPairing } from "./pairing.server";
import { nowIso } from "~/utils/time.server";

export { REGISTRY_SHEETS, type RegistrySheet };

const col = (key: string, zh: string, required = true): ColumnSpec => ({ key, en: key, zh, required });

export const REGISTRY_COLUMNS: Record<RegistrySheet, ColumnSpec[]> = {
  counties: [
    col("code", "代码"),
    col("name", "名称"),
    col("city", "市"),
    col("poverty_level", "贫困类别"),
    col("exited_year", "摘帽年份"),
    col("needs", "帮扶需求"),
  ],
  helpers: [
    col("id", "编号"),
    col("kind", "类别"),
    col("name", "姓名/名称"),
    col("city", "所在市"),
    col("skills", "专长"),
    col("capacity", "可结对县数"),
    col("level", "级别"),
    col("title", "称号"),
    col("year", "获评年份"),
    col("ownership", "所有制", false),
    col("workplace", "工作单位", false),
    col("contact", "联系方式", false),
  ],
  pairings: [
    col("helper_id", "劳模编号"),
    col("county_code", "县区代码"),
    col("tier", "层级"),
    col("started_on", "结对日期"),
  ],
};

export interface RegistryImportOptions {
  allOrNothing?: boolean;
  /** What the importer manages; the command line manages everything. */
  scope: RegistryScope;
  /** The org new helpers belong to (null: the province's). */
  helperOrgId?: number | null;
  dataKey: Buffer;
}

type Issue = Omit<RowIssue, "row">;
type RowHandler = (trx: Transaction<Database>, rec: Record<string, string>) => Promise<Issue[]>;
class RollBack extends Error {}

const isEmptyRow = (cells: string[]) => cells.every((c) => (c ?? "").trim() === "");

function parseRow<T>(schema: z.ZodTypeAny, rec: Record<string, string>): { value: T } | { issues: Issue[] } {
  const parsed = schema.safeParse(rec);
  if (parsed.success) return { value: parsed.data as T };
  return {
    issues: rowIssues(parsed.error).map((i) => ({
      column: i.column,
      messageKey: i.messageKey as MessageKey,
      params: i.params,
    })),
  };
}

/**
 * Imports one registry sheet (docs/domain.md#sheets). A county or helper whose code or id exists is updated in
 * place, a pairing that exists gets its tier and date. Each row is checked, then written under a
 * savepoint, so a refused row writes nothing; the good rows go in together, or with
 * `allOrNothing` only when every row is good.
 */
export async function importRegistrySheet(
  db: Kysely<Database>,
  actor: Actor,
  sheet: RegistrySheet,
  rows: string[][],
  opts: RegistryImportOptions,
): Promise<ImportReport> {
  const [header = [], ...records] = rows;
  const map = mapHeader(header, REGISTRY_COLUMNS[sheet]);
  if (isFatalHeader(map.issues))
    return { imported: 0, refused: records.filter((r) => !isEmptyRow(r)).length, issues: map.issues };
  const issues: RowIssue[] = [...map.issues];
  let imported = 0;
  let refused = 0;
  try {
    await db.transaction().execute(async (trx) => {
      const auditPath = await registryAuditPath(trx);
      const handle = handlerFor(sheet, actor, opts, auditPath, new Map());
      // Optional columns left out of the sheet read as empty cells.
      const blank = Object.fromEntries(REGISTRY_COLUMNS[sheet].map((c) => [c.key, ""]));
      for (const [i, cells] of records.entries()) {
        if (isEmptyRow(cells)) continue;
        const found = await underSavepoint(trx, () => handle(trx, { ...blank, ...readRow(cells, map) }));
        if (found.length) {
          refused++;
          issues.push(...found.map((f) => ({ row: i + 2, ...f })));
        } else imported++;
      }
      if (opts.allOrNothing && refused > 0) throw new RollBack();
      if (imported > 0)
        await recordAudit(trx, actor, {
          action: `registry.import.${sheet}`,
          entity: "registry",
          orgPath: auditPath,
          after: { imported, refused },
        });
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    imported = 0;
  }
  return { imported, refused, issues };
}

async function underSavepoint(trx: Transaction<Database>, fn: () => Promise<Issue[]>): Promise<Issue[]> {
  await sql`savepoint registry_row`.execute(trx);
  try {
    const found = await fn();
    await sql`${sql.raw(found.length ? "rollback to savepoint registry_row" : "release savepoint registry_row")}`.execute(
      trx,
    );
    if (found.length) await sql`release savepoint registry_row`.execute(trx);
    return found;
  } catch (error) {
    await sql`rollback to savepoint registry_row`.execute(trx);
    await sql`release savepoint registry_row`.execute(trx);
    if (!(error instanceof DomainError)) throw error;
    return [{ column: error.field ?? null, messageKey: error.messageKey, params: error.params }];
  }
}

function handlerFor(
  sheet: RegistrySheet,
  actor: Actor,
  opts: RegistryImportOptions,
  auditPath: string | null,
  seen: Map<string, true>,
): RowHandler {
  /** A key repeated in the sheet refuses the later rows: which one should win is not ours to guess. */
  const repeated = (column: string, key: string): Issue[] => {
    if (seen.has(key)) return [{ column, messageKey: "registry.row.repeated", params: { value: key } }];
    seen.set(key, true);
    return [];
  };
  if (sheet === "counties") {
    return async (trx, rec) => {
      const row = parseRow<CountyRow>(CountyRowSchema, rec);
      if ("issues" in row) return row.issues;
      if (!countyInScope(opts.scope, row.value))
        return [
          { column: "code", messageKey: "registry.row.countyOutside", params: { code: row.value.code } },
        ];
      const again = repeated("code", row.value.code);
      if (again.length) return again;
      await saveCounty(trx, actor, row.value, auditPath);
      return [];
    };
  }
  if (sheet === "helpers") {
    return async (trx, rec) => {
      const row = parseRow<HelperRow>(HelperRowSchema, rec);
      if ("issues" in row) return row.issues;
      if (row.value.kind === "worker" && row.value.ownership)
        return [{ column: "ownership", messageKey: "registry.row.ownershipForUnit" }];
      const again = repeated("id", row.value.id);
      if (again.length) return again;
      const before = await getHelperByRef(trx, row.value.id);
      if (before && !helperInScope(opts.scope, before.org_path))
        return [{ column: "id", messageKey: "registry.row.helperOutside", params: { id: row.value.id } }];
      if (before && before.kind !== row.value.kind)
        return [{ column: "kind", messageKey: "registry.row.kindChanged", params: { id: row.value.id } }];
      await saveHelper(trx, actor, opts.dataKey, row.value, opts.helperOrgId ?? null, auditPath);
      return [];
    };
  }
  return async (trx, rec) => {
    const row = parseRow<PairingRow>(PairingRowSchema, rec);
    if ("issues" in row) return row.issues;
    const [helper, county] = await Promise.all([
      getHelperByRef(trx, row.value.helper_id),
      getCountyByCode(trx, row.value.county_code),
    ]);
    const found: Issue[] = [];
    if (!helper)
      found.push({
        column: "helper_id",
        messageKey: "registry.row.helperUnknown",
        params: { id: row.value.helper_id },
      });
    else if (!helperInScope(opts.scope, helper.org_path))
      found.push({
        column: "helper_id",
        messageKey: "registry.row.helperOutside",
        params: { id: row.value.helper_id },
      });
    if (!county)
      found.push({
        column: "county_code",
        messageKey: "registry.row.countyUnknown",
        params: { code: row.value.county_code },
      });
    else if (!countyInScope(opts.scope, county))
      found.push({
        column: "county_code",
        messageKey: "registry.row.countyOutside",
        params: { code: row.value.county_code },
      });
    if (found.length || !helper || !county) return found;
    const again = repeated("helper_id", `${helper.ref}|${county.code}`);
    if (again.length) return again;
    const existing = await trx
      .selectFrom("pairings")
      .select("id")
      .where("helper_id", "=", helper.id)
      .where("county_id", "=", county.id)
      .executeTakeFirst();
    if (existing) {
      await trx
        .updateTable("pairings")
        .set({ tier: row.value.tier, started_on: row.value.started_on })
        .where("id", "=", existing.id)
        .execute();
      await recordAudit(trx, actor, {
        action: "pairing.update",
        entity: "pairing",
        entityId: existing.id,
        orgPath: auditPath,
        after: { ...row.value, updated_at: nowIso() },
      });
      return [];
    }
    await createPairing(
      trx,
      actor,
      { helper, county, tier: row.value.tier, startedOn: row.value.started_on, source: "import" },
      auditPath,
    );
    return [];
  };
}
