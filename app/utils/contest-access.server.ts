import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Actor } from "~/models/audit.server";
import { loadScheme, type StoredScheme } from "~/models/contest-data.server";
import type { CompetitionRow } from "~/models/competition.server";
import type { SessionUser } from "~/models/user.server";
import { actorOf, requireUser } from "./auth.server";
import { readForm } from "./form.server";
import { requireCompetition } from "./authorize.server";
import { notFound } from "./http.server";
import { formError } from "./form.server";
import { readSheet, SheetError } from "./sheet.server";
import type { MessageKey } from "~/i18n";

export interface ContestAccess {
  user: SessionUser;
  competition: CompetitionRow;
  scheme: StoredScheme;
}

/** The competition of the URL, asked `action` of, and its contest: 404 when it runs none. */
export async function requireContest(
  request: Request,
  context: AppLoadContext,
  raw: string | undefined,
  action: "competition:read" | "competition:manage",
): Promise<ContestAccess> {
  const user = await requireUser(request, context);
  const competition = await requireCompetition(context, raw, user, action);
  const scheme = await loadScheme(context.db, competition.id);
  if (!scheme) throw notFound();
  return { user, competition, scheme };
}

/** The rows of the form's uploaded `file`, or the form error to answer (no file, or a sheet refused whole). */
export async function uploadedRows(
  form: FormData,
): Promise<{ ok: true; rows: string[][] } | { ok: false; error: ReturnType<typeof formError> }> {
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0)
    return {
      ok: false,
      error: formError({ errors: { file: { key: "import.upload.fileMissing" } }, values: {} }),
    };
  try {
    return { ok: true, rows: await readSheet(Buffer.from(await file.arrayBuffer())) };
  } catch (error) {
    if (!(error instanceof SheetError)) throw error;
    return {
      ok: false,
      error: formError({
        errors: { file: { key: error.message as MessageKey, params: error.params } },
        values: {},
      }),
    };
  }
}

type SheetImporter<R> = (
  db: Kysely<Database>,
  actor: Actor,
  c: CompetitionRow,
  scheme: StoredScheme,
  rows: string[][],
) => Promise<R>;

/** The loader of a contest sheet's upload page: the organizer's admins, and the sheet's columns. */
export async function sheetUploadLoader(
  { request, params, context }: LoaderFunctionArgs,
  columns: readonly { en: string; zh: string }[],
) {
  const { competition: c } = await requireContest(
    request,
    context,
    params.competitionId,
    "competition:manage",
  );
  return {
    competition: { id: c.id, title: c.title },
    columns: columns.map((col) => `${col.en} (${col.zh})`).join(", "),
  };
}

/** The action of a contest sheet's upload page: the uploaded rows through `importer`, or the form error. */
export async function sheetUploadAction<R>(
  { request, params, context }: ActionFunctionArgs,
  importer: SheetImporter<R>,
) {
  const {
    user,
    competition: c,
    scheme,
  } = await requireContest(request, context, params.competitionId, "competition:manage");
  const sheet = await uploadedRows(await readForm(request, context));
  if (!sheet.ok) return sheet.error;
  return { report: await importer(context.db, actorOf(user, context), c, scheme, sheet.rows) };
}
