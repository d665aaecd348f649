import type { AppLoadContext } from "@remix-run/node";
import { loadScheme, type StoredScheme } from "~/models/contest-data.server";
import type { CompetitionRow } from "~/models/competition.server";
import type { SessionUser } from "~/models/user.server";
import { requireUser } from "./auth.server";
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
