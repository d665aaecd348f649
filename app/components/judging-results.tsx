import { useLoaderData } from "@remix-run/react";
import { skipReasonMessage, type SkipReason } from "~/domain/judging/selection";
import type { MessageKey } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import { TableRegion } from "./table-region";
import { DataCell } from "./data-text";

interface SelectionData {
  selection: {
    quota: number;
    selected: { ref: string; rank: number }[];
    skipped: { ref: string; rank: number; name: string; reason: SkipReason }[];
    unmet: { rule: string; required: number; selected: number }[];
  };
}

/** The computed selection: each skip with its reason, and every rule the list cannot meet. */
export function SelectionReport() {
  const t = useT();
  const { selection } = useLoaderData() as SelectionData;
  return (
    <section aria-label={t("judging.selection.title")}>
      <h2>{t("judging.selection.title")}</h2>
      <p>{t("judging.selection.count", { count: selection.selected.length, quota: selection.quota })}</p>
      {selection.skipped.length > 0 && (
        <>
          <h3>{t("judging.selection.skipped")}</h3>
          <ul>
            {selection.skipped.map((s) => (
              <li key={s.ref}>
                {s.ref} {s.name} ({t("judging.rank")} {s.rank}):{" "}
                {t(skipReasonMessage(s.reason).key, skipReasonMessage(s.reason).params)}
              </li>
            ))}
          </ul>
        </>
      )}
      {selection.unmet.length > 0 && (
        <div className="alert alert-error">
          <p>{t("judging.selection.unmet")}</p>
          <ul>
            {selection.unmet.map((u) => (
              <li key={u.rule}>
                {t("judging.selection.unmetRule", {
                  rule: u.rule,
                  required: u.required,
                  selected: u.selected,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

interface ComparisonData {
  comparison: {
    methods: readonly string[];
    rows: {
      ref: string;
      name: string;
      changed: boolean;
      byMethod: Record<string, { score: number; rank: number }>;
    }[];
  };
  cat: { aggregation: string };
}

/** The four methods side by side; a row whose rank differs between methods is highlighted. */
export function MethodComparison() {
  const t = useT();
  const locale = useLocale();
  const { comparison, cat } = useLoaderData() as ComparisonData;
  const base = cat.aggregation;
  return (
    <section aria-label={t("judging.compare.title")}>
      <h2>{t("judging.compare.title")}</h2>
      <TableRegion label={t("judging.compare.title")}>
        <table className="comparison">
          <thead>
            <tr>
              <th>{t("judging.ref")}</th>
              <th>{t("judging.name")}</th>
              {comparison.methods.map((m) => (
                <th key={m}>{t(`competitions.aggregation.${m}` as MessageKey)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => (
              <tr key={row.ref} className={row.changed ? "rank-changed" : undefined}>
                <td>{row.ref}</td>
                <DataCell text={row.name} />
                {comparison.methods.map((m) => {
                  const v = row.byMethod[m];
                  const moved = v && row.byMethod[base] && v.rank !== row.byMethod[base].rank;
                  return (
                    <td key={m} className={moved ? "moved" : undefined}>
                      {v ? `${v.rank} · ${formatNumber(locale, Math.round(v.score * 100) / 100)}` : "—"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
