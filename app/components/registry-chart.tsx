import type { CityCoverage } from "~/domain/registry/coverage";
import { useT } from "~/i18n/use-t";

const ROW = 26;
const LABEL = 96;
const WIDTH = 560;

/**
 * Counties by city as horizontal stacked bars (covered, then not covered), drawn as SVG in the
 * page itself: it renders on the server and needs no script.
 */
export function CoverageChart({ cities }: { cities: CityCoverage[] }) {
  const t = useT();
  const most = Math.max(1, ...cities.map((c) => c.counties));
  const scale = (WIDTH - LABEL - 40) / most;
  const height = cities.length * ROW + 30;
  return (
    <figure className="registry-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t("registry.dashboard.chart")}>
        {cities.map((c, i) => {
          const y = i * ROW + 4;
          const covered = c.covered * scale;
          return (
            <g key={c.city}>
              <text x={LABEL - 6} y={y + 15} textAnchor="end" className="chart-label">
                {c.city}
              </text>
              <rect x={LABEL} y={y} width={covered} height={ROW - 8} className="bar-covered" />
              <rect
                x={LABEL + covered}
                y={y}
                width={c.uncovered * scale}
                height={ROW - 8}
                className="bar-uncovered"
              />
              <text x={LABEL + c.counties * scale + 6} y={y + 15} className="chart-value">
                {c.covered}/{c.counties}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${LABEL}, ${cities.length * ROW + 12})`}>
          <rect width={12} height={12} className="bar-covered" />
          <text x={16} y={11} className="chart-label">
            {t("registry.dashboard.covered")}
          </text>
          <rect x={110} width={12} height={12} className="bar-uncovered" />
          <text x={126} y={11} className="chart-label">
            {t("registry.dashboard.uncovered")}
          </text>
        </g>
      </svg>
    </figure>
  );
}
