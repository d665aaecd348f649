import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { dialectOf } from "../../db/dialect";
import { DomainError } from "~/domain/errors";
import { isWithin } from "~/domain/org-tree";
import { NominationKind } from "~/domain/nominations/fields";
import {
  collectiveNominationSchema,
  fieldIssues,
  individualNominationSchema,
  type NominationFields,
} from "~/domain/nominations/nomination-schema";
import type { IsoDate } from "~/domain/notice/iso-date";
import {
  foreignColumns,
  isExampleRef,
  NOMINATION_COLUMNS,
  nominationSheetSpec,
} from "~/domain/nominations/nomination-columns";
import { isFatalHeader, mapHeader, readRow, type HeaderMap, type RowIssue } from "~/domain/sheet-columns";
import type { Params } from "~/i18n";
import { type Actor, recordAudit } from "./audit.server";
import { createNomination, type NominationTarget } from "./nomination.server";
import { getOrgByName } from "./org.server";
import { keyedHash } from "~/utils/personal-data.server";
import type { ImportReport } from "./org-import.server";

/** The `nominations` sheet's columns: app/domain/nominations/nomination-columns.ts (decision 019). */
export { NOMINATION_COLUMNS };

export const MAX_REF = 50;

/** How a long number reads once Excel or JavaScript has rounded it: 6.10102E+17. */
const EXPONENT_FORM = /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i;

export interface NominationImportTarget {
  competitionId: number;
  categoryName: string;
}

export interface NominationImportOptions {
  allOrNothing?: boolean;
  /**
   * Orgs the uploader may file for; rows naming another org are refused. Absent for the
   * organizer's admins and the command line, who may file for every org holding places.
   */
  mayFileFor?: (org: { id: number; path: string }) => boolean;
  /** China's date by default; birth dates after it are refused. */
  today?: IsoDate;
}

interface Allocated {
  id: number;
  name: string;
  path: string;
  places: number;
}

/** What every row is checked against, read once per import. */
interface ImportContext {
  target: Omit<NominationTarget, "org">;
  categoryName: string;
  organizer: { name: string; path: string };
  allocated: Map<string, Allocated>;
  takenRefs: Set<string>;
  seenRefs: Map<string, number>;
  orgCache: Map<string, { org: Allocated } | { issue: Omit<RowIssue, "row"> }>;
  /** Live nominations per org in the category, kept up to date as rows go in. */
  taken: Map<number, number>;
  /** ID-number hashes of the competition's live nominations, with their org, kept up to date. */
  idHashes: Map<string, string>;
  dataKey: Buffer;
  mayFileFor?: NominationImportOptions["mayFileFor"];
  /** The category's schema, built once: building it costs more than parsing a row with it. */
  schema: ReturnType<typeof individualNominationSchema> | ReturnType<typeof collectiveNominationSchema>;
}

/** Raised inside the transaction to roll back an all-or-nothing import that had refused rows. */
class RollBack extends Error {}

/**
 * Imports a nominations sheet into one category of a competition in its nominating stage. Each
 * row is checked in full before it is written, and written under a savepoint, so a row refused
 * by the checks that need the database (places, a repeated ID number) leaves nothing behind. The
 * good rows go in together, or with `allOrNothing` only when every row is good. A competition or
 * category that does not exist, or a stage other than nominating, refuses the whole sheet with a
 * DomainError.
 *
 * Sheet rules beyond docs/domain.md#sheets: an empty `category` cell means the category imported into, any
 * other name refuses the row (a mixed sheet is imported once per category, each run reporting the
 * other category's rows); an empty `kind` takes the category's kind; a `ref` repeated in the sheet
 * refuses every later row carrying it, whatever became of the first.
 */
export async function importNominations(
  db: Kysely<Database>,
  actor: Actor,
  dataKey: Buffer,
  target: NominationImportTarget,
  rows: string[][],
  { allOrNothing = false, today, mayFileFor }: NominationImportOptions = {},
): Promise<ImportReport> {
  const [header = [], ...records] = rows;
  const issues: RowIssue[] = [];
  let imported = 0;
  let refused = 0;
  try {
    await db.transaction().execute(async (trx) => {
      const ctx = { ...(await loadContext(trx, target, today, dataKey)), mayFileFor };
      // The header is read for the category's kind: only that kind's columns are required.
      const map: HeaderMap = mapHeader(header, nominationSheetSpec(ctx.target.categoryKind));
      issues.push(...map.issues);
      if (isFatalHeader(map.issues)) {
        refused = records.filter((cells) => !isEmptyRow(cells)).length;
        return;
      }
      for (const [i, cells] of records.entries()) {
        if (isEmptyRow(cells)) continue;
        const rec = readRow(cells, map);
        if (isExampleRef(rec.ref ?? "")) {
          issues.push({ row: i + 2, column: "ref", messageKey: "import.nomination.exampleSkipped" });
          continue;
        }
        const rowIssues = await importRow(trx, actor, dataKey, ctx, rec, i + 2);
        if (rowIssues.length) {
          refused++;
          issues.push(...rowIssues);
        } else imported++;
      }
      if (allOrNothing && refused > 0) throw new RollBack();
      if (imported > 0) {
        await recordAudit(trx, actor, {
          action: "nomination.import",
          entity: "competition",
          entityId: target.competitionId,
          orgPath: ctx.organizer.path,
          after: { category: ctx.categoryName, imported, refused },
        });
      }
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    imported = 0;
  }
  return { imported, refused, issues };
}

function lockedAllocations(trx: Transaction<Database>, categoryId: number) {
  let q = trx
    .selectFrom("allocations")
    .innerJoin("orgs", "orgs.id", "allocations.org_id")
    .select(["orgs.id", "orgs.name", "orgs.path", "allocations.places"])
    .where("allocations.category_id", "=", categoryId)
    .orderBy("allocations.org_id");
  if (dialectOf(trx) === "postgres") q = q.forUpdate("allocations");
  return q.execute();
}

const isEmptyRow = (cells: string[]) => cells.every((c) => (c ?? "").trim() === "");

async function loadContext(
  trx: Transaction<Database>,
  target: NominationImportTarget,
  today: IsoDate | undefined,
  dataKey: Buffer,
): Promise<Omit<ImportContext, "mayFileFor">> {
  let q = trx
    .selectFrom("competitions")
    .innerJoin("orgs", "orgs.id", "competitions.org_id")
    .select([
      "competitions.id",
      "competitions.year",
      "competitions.stage",
      "orgs.name as org_name",
      "orgs.path as org_path",
    ])
    .where("competitions.id", "=", target.competitionId);
  // On PostgreSQL, hold the stage still while the rows go in: advancing waits for the import.
  if (dialectOf(trx) === "postgres") q = q.forShare("competitions");
  const competition = await q.executeTakeFirst();
  if (!competition) throw new DomainError("import.nomination.noCompetition", { id: target.competitionId });
  if (competition.stage !== "nominating") throw new DomainError("import.nomination.notNominating");
  const category = await trx
    .selectFrom("categories")
    .select(["id", "name", "kind"])
    .where("competition_id", "=", competition.id)
    .where("name", "=", target.categoryName.trim())
    .executeTakeFirst();
  if (!category) throw new DomainError("import.nomination.noCategory", { category: target.categoryName });
  // The category's allocations are locked first on PostgreSQL, so the places counted below stay
  // true for the whole import: a nominator filing meanwhile waits for it (decision 009).
  const allocations = await lockedAllocations(trx, category.id);
  const [taken, refs, ids] = await Promise.all([
    trx
      .selectFrom("nominations")
      .select(["org_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("category_id", "=", category.id)
      .where("status", "<>", "withdrawn")
      .groupBy("org_id")
      .execute(),
    trx.selectFrom("nominations").select("ref").where("competition_id", "=", competition.id).execute(),
    trx
      .selectFrom("nominations")
      .innerJoin("orgs", "orgs.id", "nominations.org_id")
      .select(["nominations.id_number_hash", "orgs.name"])
      .where("nominations.competition_id", "=", competition.id)
      .where("nominations.id_number_hash", "is not", null)
      .where("nominations.status", "<>", "withdrawn")
      .execute(),
  ]);
  return {
    target: {
      competitionId: competition.id,
      competitionYear: competition.year,
      categoryId: category.id,
      categoryKind: category.kind,
    },
    categoryName: category.name,
    organizer: { name: competition.org_name, path: competition.org_path },
    allocated: new Map(allocations.map((a) => [a.name, a])),
    takenRefs: new Set(refs.map((r) => r.ref)),
    seenRefs: new Map(),
    orgCache: new Map(),
    taken: new Map(taken.map((r) => [r.org_id, Number(r.n)])),
    idHashes: new Map(ids.map((r) => [r.id_number_hash!, r.name])),
    dataKey,
    schema:
      category.kind === "individual" ? individualNominationSchema({ today }) : collectiveNominationSchema(),
  };
}

async function importRow(
  trx: Transaction<Database>,
  actor: Actor,
  dataKey: Buffer,
  ctx: ImportContext,
  rec: Record<string, string>,
  row: number,
): Promise<RowIssue[]> {
  const found: Omit<RowIssue, "row">[] = [
    ...checkRef(ctx, rec.ref ?? "", row),
    ...checkCategory(ctx, rec.category ?? ""),
  ];
  const org = await resolveOrg(trx, ctx, rec.nominating_org);
  if ("issue" in org) found.push(org.issue);
  const fields = checkFields(ctx, rec);
  if ("issues" in fields) found.push(...fields.issues);
  if (found.length || "issues" in fields || "issue" in org) return found.map((f) => ({ row, ...f }));
  const takenBefore = ctx.taken.get(org.org.id) ?? 0;
  if (takenBefore >= org.org.places)
    return [
      {
        row,
        column: "nominating_org",
        messageKey: "import.nomination.noPlaces",
        params: { org: org.org.name, places: org.org.places },
      },
    ];
  const idHash = fields.value.kind === "individual" ? keyedHash(ctx.dataKey, fields.value.id_number) : null;
  const holder = idHash && ctx.idHashes.get(idHash);
  if (holder)
    return [{ row, column: "id_number", messageKey: "nomination.duplicateId", params: { org: holder } }];
  const refusal = await insertUnderSavepoint(
    trx,
    actor,
    dataKey,
    { ...ctx.target, org: org.org },
    fields.value,
    rec.ref,
    takenBefore,
  );
  if (refusal) return [{ row, ...refusal }];
  ctx.taken.set(org.org.id, takenBefore + 1);
  if (idHash) ctx.idHashes.set(idHash, org.org.name);
  return [];
}

/** The reference is required, unique in the competition and not repeated in the sheet. */
function checkRef(ctx: ImportContext, ref: string, row: number): Omit<RowIssue, "row">[] {
  if (!ref) return [{ column: "ref", messageKey: "form.required" }];
  const earlier = ctx.seenRefs.get(ref);
  if (earlier === undefined) ctx.seenRefs.set(ref, row);
  if ([...ref].length > MAX_REF)
    return [{ column: "ref", messageKey: "form.tooLong", params: { max: MAX_REF } }];
  if (earlier !== undefined)
    return [{ column: "ref", messageKey: "import.nomination.refRepeated", params: { ref, row: earlier } }];
  if (ctx.takenRefs.has(ref))
    return [{ column: "ref", messageKey: "import.nomination.refTaken", params: { ref } }];
  return [];
}

/** An empty category cell means the category being imported; another name refuses the row. */
function checkCategory(ctx: ImportContext, category: string): Omit<RowIssue, "row">[] {
  if (!category || category === ctx.categoryName) return [];
  return [
    {
      column: "category",
      messageKey: "import.nomination.otherCategory",
      params: { category, expected: ctx.categoryName },
    },
  ];
}

/** The nominating org by name: it must lie in the organizer's subtree and hold places in the category. */
async function resolveOrg(
  trx: Transaction<Database>,
  ctx: ImportContext,
  name: string,
): Promise<{ org: Allocated } | { issue: Omit<RowIssue, "row"> }> {
  if (!name) return { issue: { column: "nominating_org", messageKey: "form.required" } };
  const cached = ctx.orgCache.get(name);
  if (cached) return cached;
  const result = await lookUpOrg(trx, ctx, name);
  ctx.orgCache.set(name, result);
  return result;
}

async function lookUpOrg(
  trx: Transaction<Database>,
  ctx: ImportContext,
  name: string,
): Promise<{ org: Allocated } | { issue: Omit<RowIssue, "row"> }> {
  const issue = (messageKey: RowIssue["messageKey"], params: Params) => ({
    issue: { column: "nominating_org", messageKey, params },
  });
  const allocated = ctx.allocated.get(name);
  if (allocated && ctx.mayFileFor && !ctx.mayFileFor(allocated))
    return issue("import.nomination.orgNotYours", { org: name });
  if (allocated && allocated.places > 0 && isWithin(allocated.path, ctx.organizer.path))
    return { org: allocated };
  const org = allocated ?? (await getOrgByName(trx, name));
  if (!org) return issue("import.nomination.orgUnknown", { org: name });
  if (ctx.mayFileFor && !ctx.mayFileFor(org)) return issue("import.nomination.orgNotYours", { org: name });
  if (!isWithin(org.path, ctx.organizer.path))
    return issue("import.nomination.orgOutside", { org: name, organizer: ctx.organizer.name });
  return issue("import.nomination.noAllocation", { org: name });
}

/**
 * The row's fields for the category's kind. An empty kind cell takes the category's kind; the
 * other kind's columns must be empty, so a value there is reported rather than dropped.
 */
function checkFields(
  ctx: ImportContext,
  rec: Record<string, string>,
): { value: NominationFields } | { issues: Omit<RowIssue, "row">[] } {
  const kind = rec.kind ? NominationKind.parse(rec.kind) : ctx.target.categoryKind;
  if (!kind) return { issues: [{ column: "kind", messageKey: "nomination.kind.invalid" }] };
  if (kind !== ctx.target.categoryKind)
    return { issues: [{ column: "kind", messageKey: "nomination.kindMismatch" }] };
  const issues: Omit<RowIssue, "row">[] = [];
  const foreign = foreignColumns(kind);
  const foreignKey =
    kind === "individual" ? "import.nomination.collectiveOnly" : "import.nomination.individualOnly";
  for (const column of foreign) if (rec[column]) issues.push({ column, messageKey: foreignKey });
  const lostDigits = kind === "individual" && EXPONENT_FORM.test(rec.id_number ?? "");
  if (lostDigits)
    issues.push({
      column: "id_number",
      messageKey: "import.nomination.idAsNumber",
      params: { value: rec.id_number },
    });
  // What parseNomination does, with the schema built once per import.
  const parsed = ctx.schema.safeParse(rec);
  if (!parsed.success) {
    for (const i of fieldIssues(parsed.error))
      if (!(lostDigits && i.field === "id_number"))
        issues.push({ column: i.field, messageKey: i.messageKey, params: i.params });
  }
  return issues.length || !parsed.success ? { issues } : { value: parsed.data };
}

/**
 * Files the nomination as submitted; createNomination counts places after its insert, so a
 * refusal rolls back to the savepoint and the row leaves nothing behind.
 */
async function insertUnderSavepoint(
  trx: Transaction<Database>,
  actor: Actor,
  dataKey: Buffer,
  target: NominationTarget & { org: Allocated },
  fields: NominationFields,
  ref: string,
  takenBefore: number,
): Promise<Omit<RowIssue, "row"> | null> {
  await sql`savepoint nomination_row`.execute(trx);
  try {
    await createNomination(trx, actor, dataKey, target, fields, {
      status: "submitted",
      ref,
      knownPlaces: { places: target.org.places, takenBefore },
    });
    await sql`release savepoint nomination_row`.execute(trx);
    return null;
  } catch (error) {
    await sql`rollback to savepoint nomination_row`.execute(trx);
    await sql`release savepoint nomination_row`.execute(trx);
    if (!(error instanceof DomainError)) throw error;
    if (error.messageKey === "nomination.noPlaces")
      return {
        column: "nominating_org",
        messageKey: "import.nomination.noPlaces",
        params: { org: target.org.name, places: target.org.places },
      };
    return {
      column: !error.field || error.field === "_form" ? null : error.field,
      messageKey: error.messageKey,
      params: error.params,
    };
  }
}
