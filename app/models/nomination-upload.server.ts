import { unstable_parseMultipartFormData, type AppLoadContext, type UploadHandler } from "@remix-run/node";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/schema";
import { DomainError } from "~/domain/errors";
import { isFatalHeader, type RowIssue } from "~/domain/sheet-columns";
import type { MessageKey } from "~/i18n";
import { type CompetitionRow, listCategories } from "~/models/competition.server";
import type { SessionUser } from "~/models/user.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { allows, authorize, findCompetition } from "~/utils/authorize.server";
import { CSRF_FIELD, verifyCsrf } from "~/utils/csrf.server";
import type { FieldErrors } from "~/utils/form-state";
import { countFields, tooManyFields } from "~/utils/form-body.server";
import { errorResponse } from "~/utils/http.server";
import {
  MAX_SHEET_BYTES,
  MAX_SHEET_MEGABYTES,
  MAX_SHEET_REQUEST_BYTES,
} from "~/domain/nominations/upload-limits";
import { readSheet, SheetError } from "~/utils/sheet.server";
import { idParam } from "~/utils/zod";
import { templateColumns, type TemplateColumn } from "~/domain/nominations/nomination-columns";
import { importNominations } from "./nomination-import.server";
import { nominatingOrgsOf, type NominatingOrg } from "./nomination-query.server";

/*
 * The nominations sheet uploaded from a page (decision 009): who may upload, reading the
 * multipart body with limits, and the import with the uploader's scope. The page's action (no
 * JavaScript) and the JSON endpoint its progress script posts to both call `runSheetUpload`.
 */

/** The file input's name; the page's form uses the same literal. */
export const SHEET_FIELD = "sheet";
/** Row issues sent back at most; a sheet of thousands of bad rows would make a page no one reads. */
export const MAX_REPORTED_ISSUES = 1000;

const MAX_TEXT_PART_BYTES = 4 * 1024;
const MAX_PARTS = 10;
const SHEET_NAME = /\.(xlsx|csv)$/i;

export interface UploadAccess {
  user: SessionUser;
  competition: CompetitionRow;
  admin: boolean;
  /** The orgs a nominator (not an admin) may import rows for. */
  nominating: NominatingOrg[];
}

/** Admins of the organizer import for every org; a nominator only for its own orgs; anyone else 403. */
export async function requireUploadAccess(
  request: Request,
  context: AppLoadContext,
  rawCompetitionId: string | undefined,
): Promise<UploadAccess> {
  const user = await requireUser(request, context);
  const competition = await findCompetition(context, rawCompetitionId);
  authorize(user, "nomination:list", { organizerPath: competition.org_path });
  const admin = allows(user, "competition:manage", { orgPath: competition.org_path });
  const nominating = admin ? [] : nominatingOrgsOf(user, competition);
  return { user, competition, admin, nominating };
}

/** The example row's org for an admin: the first org (in tree order) holding places in the category. */
async function firstOrgWithPlaces(db: Kysely<Database>, categoryId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom("allocations")
    .innerJoin("orgs", "orgs.id", "allocations.org_id")
    .select("orgs.name")
    .where("allocations.category_id", "=", categoryId)
    .where("allocations.places", ">", 0)
    .orderBy("orgs.path")
    .executeTakeFirst();
  return row?.name;
}

export interface CategoryTemplate {
  category: { id: number; name: string; kind: "individual" | "collective" };
  columns: TemplateColumn[];
}

/**
 * The columns of a category's sheet with the example row filled for the uploader: its own org
 * (a nominator) or the first org holding places (an admin). Null for a category not in the
 * competition.
 */
export async function categoryTemplate(
  context: AppLoadContext,
  access: UploadAccess,
  categoryId: number,
): Promise<CategoryTemplate | null> {
  const category = (await listCategories(context.db, access.competition.id)).find((c) => c.id === categoryId);
  if (!category) return null;
  const orgName =
    access.nominating[0]?.name ??
    (await firstOrgWithPlaces(context.db, category.id)) ??
    access.competition.org_name;
  return {
    category: { id: category.id, name: category.name, kind: category.kind },
    columns: templateColumns(category.kind, { categoryName: category.name, orgName }),
  };
}

interface SheetFile {
  name: string;
  size: number;
  bytes: Buffer;
}

class TooLarge extends Error {}
const tooLarge = () => errorResponse(413, "import.upload.tooLarge", { max: MAX_SHEET_MEGABYTES });

/**
 * Reads the upload form as a stream with limits: a body announced or found larger than the sheet
 * limit is refused with 413 without being kept in memory. The CSRF check follows the parse.
 */
async function readSheetForm(
  request: Request,
  context: AppLoadContext,
): Promise<{ form: FormData; sheet: SheetFile | null }> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_SHEET_REQUEST_BYTES) throw tooLarge();
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    // A form posted without its file (e.g. by a script): the checks below say what is missing.
    const counted = countFields(request);
    let form: FormData;
    try {
      form = await counted.request.formData();
    } catch {
      throw counted.exceeded() ? tooManyFields() : errorResponse(400, "error.400.generic");
    }
    verifyCsrf(request, form.get(CSRF_FIELD), context.secrets.sessionSecret);
    return { form, sheet: null };
  }
  let sheet: SheetFile | null = null;
  let parts = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (++parts > MAX_PARTS) throw new TooLarge();
    const limit = filename === undefined ? MAX_TEXT_PART_BYTES : MAX_SHEET_BYTES;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > limit) throw new TooLarge();
      chunks.push(chunk);
    }
    if (filename === undefined) return Buffer.concat(chunks).toString("utf8");
    // An empty file input sends a part with an empty name and no bytes.
    if (name === SHEET_FIELD && (filename !== "" || size > 0))
      sheet = { name: filename, size, bytes: Buffer.concat(chunks) };
    return undefined;
  };
  const counted = countFields(request);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(counted.request, handler);
  } catch (error) {
    if (counted.exceeded()) throw tooManyFields();
    if (error instanceof TooLarge) throw tooLarge();
    throw errorResponse(400, "error.400.generic");
  }
  verifyCsrf(request, form.get(CSRF_FIELD), context.secrets.sessionSecret);
  return { form, sheet };
}

const UploadFields = z.object({ category: idParam, all_or_nothing: z.enum(["on", "1", "true"]).optional() });

export interface UploadReport {
  fileName: string;
  categoryName: string;
  imported: number;
  refused: number;
  allOrNothing: boolean;
  /** The header lacked a required column: no row was looked at. */
  headerRefused: boolean;
  issues: RowIssue[];
  /** Issues beyond MAX_REPORTED_ISSUES, counted but not sent. */
  moreIssues: number;
}

export type UploadOutcome =
  | { status: 200; body: { ok: true; report: UploadReport } }
  | { status: 400 | 413; body: { ok: false; errors: FieldErrors; values: Record<string, string> } };

const refuse = (
  field: string,
  key: MessageKey,
  values: Record<string, string>,
  params?: Record<string, string | number>,
  status: 400 | 413 = 400,
): UploadOutcome => ({
  status,
  body: { ok: false, errors: { [field]: { key, params } }, values },
});

/** The whole upload: access, form, file checks, the sheet read, and the import in the uploader's scope. */
export async function runSheetUpload(
  request: Request,
  context: AppLoadContext,
  rawCompetitionId: string | undefined,
): Promise<UploadOutcome> {
  const access = await requireUploadAccess(request, context, rawCompetitionId);
  const { form, sheet } = await readSheetForm(request, context);
  const values = {
    category: String(form.get("category") ?? ""),
    all_or_nothing: form.get("all_or_nothing") ? "on" : "",
  };
  const fields = UploadFields.safeParse({
    category: form.get("category") ?? undefined,
    all_or_nothing: form.get("all_or_nothing") || undefined,
  });
  if (!fields.success)
    return refuse(
      String(fields.error.issues[0].path[0]),
      values.category ? "form.invalidChoice" : "form.required",
      values,
    );
  const category = (await listCategories(context.db, access.competition.id)).find(
    (c) => c.id === fields.data.category,
  );
  if (!category) return refuse("category", "form.invalidChoice", values);
  if (!sheet) return refuse(SHEET_FIELD, "import.upload.fileMissing", values);
  if (!SHEET_NAME.test(sheet.name)) return refuse(SHEET_FIELD, "import.upload.wrongType", values);
  if (sheet.size === 0) return refuse(SHEET_FIELD, "import.upload.fileEmpty", values);
  let rows: string[][];
  try {
    rows = await readSheet(sheet.bytes);
  } catch (error) {
    if (!(error instanceof SheetError)) throw error;
    return error.message === "import.tooLarge"
      ? refuse(SHEET_FIELD, "import.upload.tooLarge", values, { max: MAX_SHEET_MEGABYTES }, 413)
      : refuse(SHEET_FIELD, error.message as MessageKey, values, error.params);
  }
  const filled = rows.filter((r) => r.some((c) => (c ?? "").trim() !== ""));
  if (filled.length === 0) return refuse(SHEET_FIELD, "import.upload.fileEmpty", values);
  if (filled.length === 1) return refuse(SHEET_FIELD, "import.upload.noRecords", values);
  return importUploaded(
    access,
    context,
    { rows, categoryName: category.name, fileName: sheet.name, allOrNothing: !!fields.data.all_or_nothing },
    values,
  );
}

async function importUploaded(
  access: UploadAccess,
  context: AppLoadContext,
  u: { rows: string[][]; categoryName: string; fileName: string; allOrNothing: boolean },
  values: Record<string, string>,
): Promise<UploadOutcome> {
  const own = new Set(access.nominating.map((o) => o.id));
  try {
    const report = await importNominations(
      context.db,
      actorOf(access.user, context),
      context.secrets.dataKey,
      { competitionId: access.competition.id, categoryName: u.categoryName },
      u.rows,
      {
        allOrNothing: u.allOrNothing,
        mayFileFor: access.admin ? undefined : (org) => own.has(org.id),
      },
    );
    const { imported, refused, issues } = report;
    return {
      status: 200,
      body: {
        ok: true,
        report: {
          fileName: u.fileName,
          categoryName: u.categoryName,
          imported,
          refused,
          allOrNothing: u.allOrNothing,
          headerRefused: isFatalHeader(issues.filter((i) => i.row === 1)),
          issues: issues.slice(0, MAX_REPORTED_ISSUES),
          moreIssues: Math.max(0, issues.length - MAX_REPORTED_ISSUES),
        },
      },
    };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return refuse(
      "_form",
      error.messageKey,
      values,
      error.params as Record<string, string | number> | undefined,
    );
  }
}
