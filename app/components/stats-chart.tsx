import { layOutBars, type Bar } from "~/domain/activities/bar-chart";

/** A horizontal bar chart as inline SVG, drawn on the server: no script, prints as it shows. */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const l = layOutBars(bars);
  return (
    <figure className="card">
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <svg className="bar-chart" viewBox={`0 0 ${l.width} ${l.height}`} role="img" aria-label={title}>
        {l.bars.map((b) => (
          <g key={b.label}>
            <text x={l.labelWidth - 6} y={b.y + l.barHeight - 5} textAnchor="end">
              {b.label}
            </text>
            <rect className="bar" x={l.labelWidth} y={b.y} width={b.length} height={l.barHeight} />
            <text x={l.labelWidth + b.length + 6} y={b.y + l.barHeight - 5}>
              {b.text}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
