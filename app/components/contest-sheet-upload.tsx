import type { RowIssue } from "~/domain/sheet-columns";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary, type FormState } from "./form-fields";
import { TableRegion } from "./table-region";

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
      {issues.length > 0 && (
        <TableRegion label={t("import.upload.report")}>
          <table>
            <caption>{t("import.upload.report")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("import.upload.row")}</th>
                <th scope="col">{t("import.upload.column")}</th>
                <th scope="col">{t("import.upload.message")}</th>
              </tr>
            </thead>
            <tbody>
              {issues.slice(0, 500).map((i, n) => (
                <tr key={n}>
                  <td>{i.row}</td>
                  <td>{i.column ?? "—"}</td>
                  <td>{t(i.messageKey, i.params)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <AppForm className="stack card" encType="multipart/form-data">
        <div className={state?.errors?.file ? "field field-invalid" : "field"}>
          <label htmlFor="f-file">{t("import.upload.file")}</label>
          <input
            id="f-file"
            name="file"
            type="file"
            required
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
        </div>
        <button type="submit" className="primary">
          {t("import.upload.submit")}
        </button>
      </AppForm>
    </>
  );
}
