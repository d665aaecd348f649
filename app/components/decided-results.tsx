import type { SkipReason } from "~/domain/judging/selection";
import type { MessageKey } from "~/i18n";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import { SelectionReport } from "./judging-results";
import { TableRegion } from "./table-region";
import { DataCell } from "./data-text";

export interface DecidedResultsData {
  method: string;
  fallbackToMean: boolean;
  decidedBy: string;
  decidedAt: string;
  entries: {
    ref: string;
    name: string;
    score: number;
    standard: number | null;
    rank: number;
    tied: boolean;
    disagreement: number;
    sheetCount: number;
    position: number | null;
  }[];
  selection: {
    quota: number;
    selected: { ref: string; rank: number }[];
    skipped: { ref: string; rank: number; name: string; reason: SkipReason }[];
    unmet: { rule: string; required: number; selected: number }[];
  };
}

/**
 * The results as the committee decided on them (决定时的结果, decision 018): frozen when the list was
 * decided, so a removal or a corrected score since then shows only in the recomputation below it.
 */
export function DecidedResults({ snapshot }: { snapshot: DecidedResultsData }) {
  const t = useT();
  const locale = useLocale();
  const fmt = (n: number | null) => (n === null ? "—" : formatNumber(locale, Math.round(n * 100) / 100));
  return (
    <section aria-labelledby="decided-heading" className="decided-results">
      <h2 id="decided-heading">{t("judging.decided.title")}</h2>
      <p>
        {t("judging.decided.meta", {
          at: formatDateTime(locale, snapshot.decidedAt),
          by: snapshot.decidedBy,
          method: t(`competitions.aggregation.${snapshot.method}` as MessageKey),
        })}
      </p>
      {snapshot.fallbackToMean && <p className="alert alert-error">{t("judging.fallbackToMean")}</p>}
      <TableRegion label={t("judging.decided.title")}>
        <table className="ranking" data-testid="decided-ranking">
          <thead>
            <tr>
              <th>{t("judging.rank")}</th>
              <th>{t("judging.ref")}</th>
              <th>{t("judging.name")}</th>
              <th>{t("judging.score")}</th>
              <th>{t("judging.decided.standard")}</th>
              <th>{t("judging.disagreement")}</th>
              <th>{t("judging.sheets")}</th>
              <th>{t("judging.results.onList")}</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.entries.map((e) => (
              <tr key={e.ref} className={e.position ? "on-list" : undefined}>
                <td>
                  {e.rank}
                  {e.tied && <span className="badge">{t("judging.tied")}</span>}
                </td>
                <td>{e.ref}</td>
                <DataCell text={e.name} />
                <td>{fmt(e.score)}</td>
                <td>{fmt(e.standard)}</td>
                <td>{fmt(e.disagreement)}</td>
                <td>{e.sheetCount}</td>
                <td>{e.position ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <SelectionReport selection={snapshot.selection} invalidRules={[]} />
    </section>
  );
}
