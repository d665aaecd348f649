import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { isFatalHeader } from "~/domain/sheet-columns";
import type { MessageKey } from "~/i18n";
import { REGISTRY_SHEETS } from "~/domain/registry/registry-rows";
import { importRegistrySheet, REGISTRY_COLUMNS } from "~/models/registry-import.server";
import { requireRegistryAdmin } from "~/utils/authorize.server";
import { actorOf } from "~/utils/auth.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { readSheet, SheetError } from "~/utils/sheet.server";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary, SelectField } from "~/components/form-fields";
import { RegistryNav } from "~/components/registry-nav";
import { ErrorPage } from "~/components/error-page";
import registryStyles from "~/styles/registry.css";
import { RowIssuesTable, SHEET_ACCEPT } from "~/components/row-issues-table";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("registry.import.title"), t("registry.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope } = await requireRegistryAdmin(request, context);
  const columns = Object.fromEntries(
    REGISTRY_SHEETS.map((s) => [s, REGISTRY_COLUMNS[s].map((c) => `${c.en} (${c.zh})`).join(", ")]),
  );
  return { columns, mayMatch: scope.all };
}

const UploadSchema = z.object({ sheet: z.enum(REGISTRY_SHEETS), allOrNothing: z.literal("on").optional() });

/** New helpers belong to the uploader's org (the first it administers); the province's for a provincial admin. */
const orgIdOfPath = (path: string) => Number(path.split("/").filter(Boolean).at(-1));

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, scope } = await requireRegistryAdmin(request, context);
  const form = await readForm(request, context);
  const parsed = parseForm(form, UploadSchema);
  if (!parsed.ok) return formError(parsed);
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0)
    return formError({ errors: { file: { key: "import.upload.fileMissing" } }, values: {} });
  let rows: string[][];
  try {
    rows = await readSheet(Buffer.from(await file.arrayBuffer()));
  } catch (error) {
    if (error instanceof SheetError)
      return formError({
        errors: { file: { key: error.message as MessageKey, params: error.params } },
        values: {},
      });
    throw error;
  }
  const report = await importRegistrySheet(context.db, actorOf(user, context), parsed.data.sheet, rows, {
    allOrNothing: !!parsed.data.allOrNothing,
    scope,
    helperOrgId: scope.all ? null : orgIdOfPath(scope.orgPaths[0]),
    dataKey: context.secrets.dataKey,
  });
  const rolledBack = !!parsed.data.allOrNothing && report.refused > 0;
  return { report, rolledBack, fatal: isFatalHeader(report.issues) };
}

export default function RegistryImport() {
  const t = useT();
  const { columns, mayMatch } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const result = outcome && "report" in outcome ? outcome : undefined;
  const state = outcome && "errors" in outcome ? outcome : undefined;
  return (
    <>
      <h1>{t("registry.import.title")}</h1>
      <RegistryNav mayMatch={mayMatch} />
      <p>{t("registry.import.intro")}</p>
      <ul>
        {REGISTRY_SHEETS.map((s) => (
          <li key={s}>
            <strong>{t(`registry.import.sheet.${s}`)}</strong>:{" "}
            {t("registry.import.columns", { columns: columns[s] })}
          </li>
        ))}
      </ul>
      <ErrorSummary state={state} />
      {result && (
        <div className={result.report.refused ? "alert alert-error" : "alert alert-ok"} role="status">
          <p>
            {result.fatal
              ? t("import.upload.headerRefused")
              : result.rolledBack
                ? t("registry.import.rolledBack", { refused: result.report.refused })
                : t("registry.import.done", {
                    imported: result.report.imported,
                    refused: result.report.refused,
                  })}
          </p>
        </div>
      )}
      {result && <RowIssuesTable issues={result.report.issues} />}
      <AppForm className="stack card" encType="multipart/form-data">
        <SelectField
          name="sheet"
          label={t("registry.import.sheet")}
          state={state}
          options={REGISTRY_SHEETS.map((s) => ({ value: s, label: t(`registry.import.sheet.${s}`) }))}
        />
        <div className="field">
          <label htmlFor="f-file">{t("import.upload.file")}</label>
          <input id="f-file" name="file" type="file" accept={SHEET_ACCEPT} required />
        </div>
        <label>
          <input type="checkbox" name="allOrNothing" /> {t("import.upload.allOrNothing")}
        </label>
        <button type="submit" className="primary">
          {t("import.upload.submit")}
        </button>
      </AppForm>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
