import {
  data,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type UploadHandler,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DomainError } from "~/domain/errors";
import {
  MAX_SHEET_BYTES,
  MAX_SHEET_MEGABYTES,
  MAX_SHEET_REQUEST_BYTES,
} from "~/domain/nominations/upload-limits";
import type { RowIssue } from "~/domain/sheet-columns";
import type { MessageKey } from "~/i18n";
import { pageMeta } from "~/i18n/page-title";
import { useT } from "~/i18n/use-t";
import { importReports } from "~/models/contest-report-import.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import { CSRF_FIELD, verifyCsrf } from "~/utils/csrf.server";
import { countFields, tooManyFields, TooManyFields } from "~/utils/form-body.server";
import { errorResponse } from "~/utils/http.server";
import { readSheet, SheetError } from "~/utils/sheet.server";
import { ErrorPage } from "~/components/error-page";
import { RowIssuesTable } from "~/components/row-issues-table";
import { SheetUploadForm } from "~/components/sheet-upload-form";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestReports.import.title"), args.data?.competition.title]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  return { competition: { id: c.id, title: c.title } };
}

/** Row issues sent back at most: past that the page stops being read. */
const MAX_REPORTED = 1000;

type Result =
  | { ok: false; messageKey: MessageKey; params?: Record<string, string | number> }
  | { ok: true; imported: number; reports: number; refused: number; issues: RowIssue[]; more: number };

class TooLarge extends Error {}

async function readUpload(request: Request): Promise<{ form: FormData; bytes: Buffer | null }> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_SHEET_REQUEST_BYTES) throw new TooLarge();
  let bytes: Buffer | null = null;
  const handler: UploadHandler = async ({ name, filename, data: chunks }) => {
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size > MAX_SHEET_BYTES) throw new TooLarge();
      parts.push(chunk);
    }
    if (filename === undefined) return Buffer.concat(parts).toString("utf8");
    if (name === "sheet" && size > 0) bytes = Buffer.concat(parts);
    return undefined;
  };
  const counted = countFields(request);
  try {
    return { form: await unstable_parseMultipartFormData(counted.request, handler), bytes };
  } catch (error) {
    throw counted.exceeded() ? new TooManyFields() : error;
  }
}

/** The `reports` sheet for the organizer's admins: a plain multipart post, as `contest reports import` does. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  let upload;
  try {
    upload = await readUpload(request);
  } catch (error) {
    if (error instanceof TooManyFields) throw tooManyFields();
    if (error instanceof TooLarge)
      throw errorResponse(413, "import.upload.tooLarge", { max: MAX_SHEET_MEGABYTES });
    throw errorResponse(400, "error.400.generic");
  }
  verifyCsrf(request, upload.form.get(CSRF_FIELD), context.secrets.sessionSecret);
  if (!upload.bytes)
    return data<Result>({ ok: false, messageKey: "contestReports.import.fileMissing" }, { status: 400 });
  try {
    const rows = await readSheet(upload.bytes);
    const report = await importReports(context.db, actorOf(user, context), c.id, rows, {
      verified: !!upload.form.get("verified"),
    });
    return data<Result>(
      {
        ok: true,
        imported: report.imported,
        reports: report.reports,
        refused: report.refused,
        issues: report.issues.slice(0, MAX_REPORTED),
        more: Math.max(0, report.issues.length - MAX_REPORTED),
      },
      { status: report.refused > 0 ? 400 : 200 },
    );
  } catch (error) {
    if (error instanceof SheetError)
      return data<Result>(
        { ok: false, messageKey: error.message as MessageKey, params: error.params },
        { status: 400 },
      );
    if (error instanceof DomainError)
      return data<Result>({ ok: false, messageKey: error.messageKey, params: error.params }, { status: 400 });
    throw error;
  }
}

function Report({ r }: { r: Extract<Result, { ok: true }> }) {
  const t = useT();
  return (
    <section aria-live="polite">
      <p className={r.refused ? "alert alert-error" : "alert alert-ok"} role="status">
        {r.refused
          ? t("contestReports.import.refused", { refused: r.refused })
          : t("contestReports.import.result", { imported: r.imported, reports: r.reports })}
      </p>
      <RowIssuesTable issues={r.issues} more={r.more} />
    </section>
  );
}

export default function ImportReports() {
  const t = useT();
  const { competition: c } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}/contest`}>{c.title}</Link> ·{" "}
        <Link to={`/competitions/${c.id}/contest/reports`}>{t("contestReports.title")}</Link>
      </p>
      <h1>{t("contestReports.import.title")}</h1>
      <p>{t("contestReports.import.intro")}</p>
      {result && !result.ok && (
        <p className="alert alert-error" role="alert">
          {t(result.messageKey, result.params)}
        </p>
      )}
      <SheetUploadForm
        fileLabel={t("contestReports.import.file")}
        option={{ name: "verified", label: t("contestReports.import.verified") }}
        submit={t("contestReports.import.submit")}
      />
      {result?.ok && <Report r={result} />}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
