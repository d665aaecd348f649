import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  data,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type UploadHandler,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import {
  MAX_SHEET_BYTES,
  MAX_SHEET_MEGABYTES,
  MAX_SHEET_REQUEST_BYTES,
} from "~/domain/nominations/upload-limits";
import type { RowIssue } from "~/domain/sheet-columns";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { importActivities } from "~/models/activity-import.server";
import { requireAidAdmin } from "~/utils/authorize.server";
import { actorOf } from "~/utils/auth.server";
import { CSRF_FIELD, verifyCsrf } from "~/utils/csrf.server";
import { errorResponse } from "~/utils/http.server";
import { countFields, tooManyFields, TooManyFields } from "~/utils/form-body.server";
import { readSheet, SheetError } from "~/utils/sheet.server";
import { ErrorPage } from "~/components/error-page";
import statsHref from "~/styles/stats.css";
import { RowIssuesTable } from "~/components/row-issues-table";
import { SheetUploadForm } from "~/components/sheet-upload-form";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("aid.upload.title"), t("aid.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: statsHref }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAidAdmin(request, context);
  return null;
}

/** Row issues sent back at most: past that the page stops being read. */
const MAX_REPORTED = 1000;

type Result =
  | { ok: false; messageKey: MessageKey; params?: Record<string, string | number> }
  | { ok: true; imported: number; refused: number; allOrNothing: boolean; issues: RowIssue[]; more: number };

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

/** A plain multipart post (works without JavaScript): the sheet is imported with the admin's scope. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user, scopes } = await requireAidAdmin(request, context);
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
    return data<Result>({ ok: false, messageKey: "aid.upload.fileMissing" }, { status: 400 });
  let rows: string[][];
  try {
    rows = await readSheet(upload.bytes);
  } catch (error) {
    if (error instanceof SheetError)
      return data<Result>(
        { ok: false, messageKey: error.message as MessageKey, params: error.params },
        { status: 400 },
      );
    throw error;
  }
  const home = user.grants.find((g) => g.role === "admin" && scopes.includes(g.orgPath));
  const allOrNothing = !!upload.form.get("all_or_nothing");
  const report = await importActivities(context.db, actorOf(user, context), rows, {
    allOrNothing,
    scopes,
    defaultOrg: home ? { id: home.orgId, name: home.orgName, path: home.orgPath } : null,
  });
  return data<Result>({
    ok: true,
    imported: report.imported,
    refused: report.refused,
    allOrNothing,
    issues: report.issues.slice(0, MAX_REPORTED),
    more: Math.max(0, report.issues.length - MAX_REPORTED),
  });
}

function Report({ r }: { r: Extract<Result, { ok: true }> }) {
  const t = useT();
  return (
    <section aria-live="polite">
      <p className={r.refused ? "alert alert-error" : "alert alert-ok"} role="status">
        {t("aid.upload.result", { imported: r.imported, refused: r.refused })}
      </p>
      {r.allOrNothing && r.refused > 0 && <p>{t("aid.upload.rolledBack")}</p>}
      <RowIssuesTable issues={r.issues} more={r.more} />
    </section>
  );
}

export default function UploadActivities() {
  const t = useT();
  const result = useActionData<typeof action>() as Result | undefined;
  return (
    <>
      <p className="muted">
        <Link to="/aid">{t("aid.title")}</Link>
      </p>
      <h1>{t("aid.upload.title")}</h1>
      <p>{t("aid.upload.intro")}</p>
      {result && !result.ok && (
        <p className="alert alert-error" role="alert">
          {t(result.messageKey, result.params)}
        </p>
      )}
      <SheetUploadForm
        fileLabel={t("aid.upload.file")}
        option={{ name: "all_or_nothing", label: t("aid.upload.allOrNothing") }}
        submit={t("aid.upload.submit")}
      />
      {result?.ok && <Report r={result} />}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
