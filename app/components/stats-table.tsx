import type { StatsFen } from "~/domain/activities/stats";
import { NUMBER_COLUMNS } from "~/domain/activities/stats-table";
import { Amount } from "~/components/amount";
import { useLocale, useT } from "~/i18n/use-t";
import { TableRegion } from "./table-region";

export interface StatsLine {
  key: string;
  label: string;
  extra?: string[];
  stats: StatsFen;
}

/** One grouping of the statistics as a table: a row per city, county, year or kind. */
export function StatsTable({
  caption,
  head,
  lines,
}: {
  caption: string;
  head: string[];
  lines: StatsLine[];
}) {
  const t = useT();
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  return (
    <TableRegion label={caption}>
      <table className="stats-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            {NUMBER_COLUMNS.map((c) => (
              <th key={c} scope="col" className="num">
                {t(`stats.col.${c === "funds_yuan" ? "funds" : c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key}>
              <th scope="row">{l.label}</th>
              {l.extra?.map((x, i) => (
                <td key={i}>{x}</td>
              ))}
              {NUMBER_COLUMNS.map((c) => (
                <td key={c} className="num">
                  {c === "funds_yuan" ? (
                    <Amount fen={l.stats.funds_fen} locale={locale} />
                  ) : (
                    number.format(l.stats[c])
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
