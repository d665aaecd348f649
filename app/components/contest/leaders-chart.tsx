import { layOutChart, pointsAttr, type ChartSeries } from "~/domain/contest/board-chart";
import { useT } from "~/i18n/use-t";
import { formatPoints } from "./points-text";

interface Props {
  /** Unique on the page: the ids of the title, the description and the table derive from it. */
  id: string;
  group: string;
  period: string;
  labels: string[];
  series: ChartSeries[];
}

/**
 * The leaders' cumulative totals over the periods as inline SVG, drawn on the server (no script, no
 * library): it scales with its box and prints as it shows. Each line also has its own dash, so the
 * legend reads in black and white; the table after it gives the same figures to screen readers.
 */
export function LeadersChart({ id, group, period, labels, series }: Props) {
  const t = useT();
  if (series.length === 0) return <p className="muted">{t("contestBoard.chart.none")}</p>;
  const l = layOutChart(labels, series);
  const title = t("contestBoard.chart.title", { group });
  return (
    <figure className="leaders-chart">
      <svg
        viewBox={`0 0 ${l.width} ${l.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {t("contestBoard.chart.desc", { group, period, count: series.length, first: labels[0] })}
        </desc>
        {l.yTicks.map((tick) => (
          <g key={tick.value} className="tick">
            <line x1={l.plot.left} x2={l.plot.right} y1={tick.y} y2={tick.y} />
            <text x={l.plot.left - 6} y={tick.y + 4} textAnchor="end">
              {tick.value}
            </text>
          </g>
        ))}
        {l.xTicks.map((tick) => (
          <text key={tick.label} className="x-label" x={tick.x} y={l.plot.bottom + 18} textAnchor="middle">
            {tick.label}
          </text>
        ))}
        {l.lines.map((line, n) => (
          <g key={line.name} className={`series series-${n}`}>
            {line.runs.map((run, r) =>
              run.length === 1 ? (
                <circle key={r} cx={run[0].x} cy={run[0].y} r={3} />
              ) : (
                <polyline key={r} points={pointsAttr(run)} />
              ),
            )}
            {line.runs.flat().map((p) => (
              <circle key={`${p.x}`} cx={p.x} cy={p.y} r={2.5} />
            ))}
            <line
              className="swatch"
              x1={l.legend.x}
              x2={l.legend.x + 24}
              y1={line.legendY - 4}
              y2={line.legendY - 4}
            />
            <text x={l.legend.x + 32} y={line.legendY}>
              {line.name}
            </text>
          </g>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>{t("contestBoard.chart.table", { group })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("contestBoard.col.unit")}</th>
            {labels.map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.name}>
              <th scope="row">{s.name}</th>
              {s.totals.map((v, q) => (
                <td key={labels[q]}>{v === null ? "—" : formatPoints(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
