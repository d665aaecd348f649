import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { listCategories } from "~/models/competition.server";
import { NOMINATION_COLUMNS } from "~/models/nomination-import.server";
import { canFileNominations } from "~/domain/nominations/stage-windows";
import { idParam } from "~/utils/zod";
import { categoryTemplate, requireUploadAccess, runSheetUpload } from "~/models/nomination-upload.server";
import { MAX_SHEET_BYTES, MAX_SHEET_MEGABYTES } from "~/domain/nominations/upload-limits";
import { useLocale, useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { CategoryColumns, CategoryPicker } from "~/components/nomination-template";
import { ErrorPage } from "~/components/error-page";
import { SHEET_ACCEPT } from "~/components/row-issues-table";
import {
  UploadProgress,
  UploadReport,
  useProgressUpload,
  type UploadResult,
} from "~/components/nomination-upload";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("import.upload.title"), args.data?.competition.title]);

/**
 * The organizer's admins, and nominators for their own orgs (decision 009); anyone else 403.
 * `?category=` picks the category whose columns and templates the page shows (decision 019).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireUploadAccess(request, context, params.competitionId);
  const { competition: c, admin, nominating } = access;
  const categories = (await listCategories(context.db, c.id)).map(({ id, name, kind }) => ({
    id,
    name,
    kind,
  }));
  const asked = idParam.safeParse(new URL(request.url).searchParams.get("category"));
  const chosenId = asked.success ? asked.data : categories.length === 1 ? categories[0].id : null;
  const template = chosenId === null ? null : await categoryTemplate(context, access, chosenId);
  return {
    template,
    competition: { id: c.id, title: c.title, stage: c.stage },
    open: canFileNominations(c.stage),
    categories,
    ownOrgs: admin ? null : nominating.map((o) => o.name),
    columns: NOMINATION_COLUMNS.map(({ key, zh, en, required }) => ({ key, zh, en, required })),
  };
}

/** The plain post (no JavaScript); the progress script posts the same form to ./import/upload. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const outcome = await runSheetUpload(request, context, params.competitionId);
  return data<UploadResult>(outcome.body, { status: outcome.status });
}

export default function ImportNominations() {
  const t = useT();
  const locale = useLocale();
  const { competition: c, open, categories, ownOrgs, columns, template } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as UploadResult | undefined;
  const upload = useProgressUpload(
    `/competitions/${c.id}/nominations/import/upload`,
    MAX_SHEET_BYTES,
    MAX_SHEET_MEGABYTES,
  );
  const result = upload.result ?? posted ?? null;
  const state = result && !result.ok ? result : undefined;
  const chosen = state?.values?.category ?? (template ? String(template.category.id) : "");
  const listHref = `/competitions/${c.id}/nominations`;
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}`}>{c.title}</Link> · {t(`stage.${c.stage}`)} ·{" "}
        <Link to={listHref}>{t("nominations.list.title")}</Link>
      </p>
      <h1>{t("import.upload.title")}</h1>
      <p>{t("import.upload.intro")}</p>
      <CategoryPicker categories={categories} chosen={template?.category.id ?? null} />
      {template ? (
        <CategoryColumns competitionId={c.id} template={template} />
      ) : (
        <p className="hint">{t("import.template.pickFirst")}</p>
      )}
      {ownOrgs && (
        <p className="card">
          {t("import.upload.nominatorScope", { orgs: ownOrgs.join(locale === "en" ? ", " : "、") })}
        </p>
      )}
      {!open ? (
        <p className="alert alert-error">{t("import.nomination.notNominating")}</p>
      ) : (
        <>
          <ErrorSummary state={state} />
          <AppForm
            className="stack card"
            encType="multipart/form-data"
            onSubmit={upload.onSubmit}
            aria-busy={upload.busy}
          >
            <div className={state?.errors?.category ? "field field-invalid" : "field"}>
              <label htmlFor="f-category">{t("import.upload.category")}</label>
              <select id="f-category" name="category" required defaultValue={chosen} key={chosen}>
                <option value="">—</option>
                {categories.map((cat) => (
                  <option key={cat.id} value={cat.id}>
                    {cat.name} ({t(`nominationKind.${cat.kind}`)})
                  </option>
                ))}
              </select>
            </div>
            <div className={state?.errors?.sheet ? "field field-invalid" : "field"}>
              <label htmlFor="f-sheet">{t("import.upload.file")}</label>
              <input
                id="f-sheet"
                name="sheet"
                type="file"
                required
                accept={SHEET_ACCEPT}
                aria-describedby="f-sheet-hint"
              />
              <p className="hint" id="f-sheet-hint">
                {t("import.upload.fileHint", { max: MAX_SHEET_MEGABYTES })}
              </p>
            </div>
            <div className="field">
              <label>
                <input
                  type="checkbox"
                  name="all_or_nothing"
                  defaultChecked={state?.values?.all_or_nothing === "on"}
                />{" "}
                {t("import.upload.allOrNothing")}
              </label>
            </div>
            <UploadProgress phase={upload.phase} />
            <button type="submit" className="primary" disabled={upload.busy}>
              {t("import.upload.submit")}
            </button>
          </AppForm>
        </>
      )}
      {result?.ok && <UploadReport report={result.report} columns={columns} listHref={listHref} />}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
