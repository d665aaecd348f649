import type { RowIssue } from "~/domain/sheet-columns";
import { useT } from "~/i18n/use-t";
import { TableRegion } from "./table-region";

/** Rows shown at most: past that the page stops being read, and the rest is counted. */
const SHOWN = 500;

/**
 * A sheet's refused rows — row, column, why — as every upload page shows them (nominations, aid
 * activities, registry, contest sheets). `more` counts the issues the server did not send.
 */
export function RowIssuesTable({
  issues,
  more = 0,
  columnLabel = (column) => column ?? "—",
}: {
  issues: readonly RowIssue[];
  more?: number;
  columnLabel?: (column: string | null) => string;
}) {
  const t = useT();
  if (issues.length === 0) return null;
  const hidden = Math.max(0, issues.length - SHOWN) + more;
  return (
    <>
      <TableRegion label={t("import.upload.report")}>
        <table className="upload-report">
          <caption>{t("import.upload.report")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.upload.row")}</th>
              <th scope="col">{t("import.upload.column")}</th>
              <th scope="col">{t("import.upload.message")}</th>
            </tr>
          </thead>
          <tbody>
            {issues.slice(0, SHOWN).map((i, n) => (
              <tr key={n}>
                <td>{i.row}</td>
                <td>{columnLabel(i.column)}</td>
                <td>{t(i.messageKey, i.params)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {hidden > 0 && <p className="hint">{t("import.upload.more", { count: hidden })}</p>}
    </>
  );
}

/** What a sheet upload's file input accepts: Excel's workbook and CSV. */
export const SHEET_ACCEPT =
  ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
