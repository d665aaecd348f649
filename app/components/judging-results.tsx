import { useLoaderData } from "@remix-run/react";
import type { Category } from "../../db/schema";
import type { Aggregation } from "~/domain/competitions/vocabulary";
import { skipReasonMessage, type SkipReason } from "~/domain/judging/selection";
import { formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import { TableRegion } from "./table-region";
import { DataCell } from "./data-text";

interface SelectionData {
  invalidRules: { label: string; attribute: string; unknown: string[]; accepted: string; applied: boolean }[];
  selection: {
    quota: number;
    selected: { ref: string; rank: number }[];
    skipped: { ref: string; rank: number; name: string; reason: SkipReason }[];
    unmet: { rule: string; required: number; selected: number }[];
  };
}

/** The computed selection: each skip with its reason, and every rule the list cannot meet. */
export function SelectionReport(props: Partial<SelectionData>) {
  const t = useT();
  const loaded = useLoaderData() as SelectionData;
  // The decided results pass their own frozen selection; the live page reads the loader's.
  const selection = props.selection ?? loaded.selection;
  const invalidRules = props.invalidRules ?? loaded.invalidRules;
  return (
    <section aria-label={t("judging.selection.title")}>
      <h2>{t("judging.selection.title")}</h2>
      {invalidRules.length > 0 && (
        <div className="alert alert-error" data-testid="invalid-rules">
          <p>{t("judging.rules.invalid")}</p>
          <ul>
            {invalidRules.map((r) => (
              <li key={r.label}>
                {t("judging.rules.invalidRule", {
                  rule: r.label,
                  values: r.unknown.join("、"),
                  attribute: r.attribute,
                  accepted: r.accepted,
                })}{" "}
                {!r.applied && t("judging.rules.notApplied")}
              </li>
            ))}
          </ul>
        </div>
      )}
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
    methods: readonly Aggregation[];
    rows: {
      ref: string;
      name: string;
      changed: boolean;
      byMethod: Record<string, { score: number; rank: number }>;
    }[];
  };
  cat: Pick<Category, "aggregation">;
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
                <th key={m}>{t(`competitions.aggregation.${m}`)}</th>
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
