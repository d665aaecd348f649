import { Link } from "@remix-run/react";
import type { RowIssue } from "~/domain/sheet-columns";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary, type FormState } from "./form-fields";
import { ContestTrail } from "./contest-nav";
import { RowIssuesTable, SHEET_ACCEPT } from "./row-issues-table";

export interface ContestSheetResult {
  report: { imported: number; refused: number; issues: RowIssue[] };
}

/**
 * The upload form of a contest sheet (participants, targets) and, after a post, its row report:
 * what was imported, or each refused row with its column and why (nothing is written then).
 */
export function ContestSheetUpload({
  columns,
  state,
  result,
}: {
  columns: string;
  state?: FormState;
  result?: ContestSheetResult;
}) {
  const t = useT();
  const issues = result?.report.issues ?? [];
  return (
    <>
      <p>{t("contestSheets.columns", { columns })}</p>
      <ErrorSummary state={state} />
      {result && (
        <div className={result.report.refused ? "alert alert-error" : "alert alert-ok"} role="status">
          <p>
            {result.report.refused
              ? t("contestSheets.refused", { refused: result.report.refused })
              : t("contestSheets.done", { imported: result.report.imported })}
          </p>
        </div>
      )}
      <RowIssuesTable issues={issues} />
      <AppForm className="stack card" encType="multipart/form-data">
        <div className={state?.errors?.file ? "field field-invalid" : "field"}>
          <label htmlFor="f-file">{t("import.upload.file")}</label>
          <input id="f-file" name="file" type="file" required accept={SHEET_ACCEPT} />
        </div>
        <button type="submit" className="primary">
          {t("import.upload.submit")}
        </button>
      </AppForm>
    </>
  );
}

/** A contest sheet's upload page: the trail, the title and intro, the form and its report, the way back. */
export function ContestSheetImportPage({
  competition,
  columns,
  outcome,
  title,
  intro,
  back,
}: {
  competition: { id: number; title: string };
  columns: string;
  outcome: unknown;
  title: MessageKey;
  intro: MessageKey;
  back: string;
}) {
  const t = useT();
  const found = outcome && typeof outcome === "object" ? outcome : undefined;
  const result = found && "report" in found ? (found as ContestSheetResult) : undefined;
  const state = found && "errors" in found ? (found as FormState) : undefined;
  return (
    <>
      <ContestTrail competition={competition} />
      <h1>{t(title)}</h1>
      <p>{t(intro)}</p>
      <ContestSheetUpload columns={columns} state={state} result={result} />
      <p>
        <Link to={back}>{t("contestSheets.back")}</Link>
      </p>
    </>
  );
}
