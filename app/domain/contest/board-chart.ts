/**
 * The geometry of the public board's line chart (docs/domain.md#contest): the leaders' cumulative
 * totals over periods 1..k, drawn as inline SVG on the server. Pure: labels, numbers and
 * coordinates in, coordinates out; the component only writes them down.
 */

export interface ChartSeries {
  name: string;
  /** One per period 1..k; null where the unit had no ranked total (vetoed, not yet enrolled). */
  totals: readonly (number | null)[];
}

export interface ChartPoint {
  x: number;
  y: number;
  value: number;
}

export interface ChartLine {
  name: string;
  /** The polyline's runs: a null total breaks the line. */
  runs: ChartPoint[][];
  legendY: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; value: number }[];
  lines: ChartLine[];
  legend: { x: number; top: number; rowHeight: number };
}

export const CHART = {
  width: 640,
  plotHeight: 240,
  left: 48,
  right: 16,
  top: 16,
  axisBand: 28,
  legendRow: 20,
  yTickCount: 5,
} as const;

/** A step of 1, 2 or 5 × 10^n that divides `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const rough = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough);
  return step ?? 10 * magnitude;
}

function valueRange(series: readonly ChartSeries[]): { low: number; high: number; step: number } {
  const values = series.flatMap((s) => s.totals.filter((v): v is number => v !== null));
  // Zero is always on the axis: points are compared from nothing, and deductions go below it.
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const step = niceStep(max - min, CHART.yTickCount);
  const low = Math.floor(min / step) * step;
  const high = Math.max(Math.ceil(max / step) * step, low + step);
  return { low, high, step };
}

/** Lays out the chart of `labels` (periods 1..k) and up to a handful of series. */
export function layOutChart(labels: readonly string[], series: readonly ChartSeries[]): ChartLayout {
  const plot = {
    left: CHART.left,
    top: CHART.top,
    right: CHART.width - CHART.right,
    bottom: CHART.top + CHART.plotHeight,
  };
  const { low, high, step } = valueRange(series);
  const yOf = (v: number) => plot.bottom - ((v - low) / (high - low)) * (plot.bottom - plot.top);
  // One period: its point sits in the middle rather than on the left edge.
  const xOf = (q: number) =>
    labels.length <= 1
      ? (plot.left + plot.right) / 2
      : plot.left + (q / (labels.length - 1)) * (plot.right - plot.left);
  const round = (n: number) => Math.round(n * 10) / 10;

  const yTicks: ChartLayout["yTicks"] = [];
  for (let v = low; v <= high + step / 2; v += step) {
    const value = Math.round(v / step) * step;
    yTicks.push({ y: round(yOf(value)), value: Number(value.toPrecision(12)) });
  }
  const legendTop = plot.bottom + CHART.axisBand;
  const lines = series.map((s, n): ChartLine => {
    const runs: ChartPoint[][] = [];
    let run: ChartPoint[] = [];
    s.totals.forEach((value, q) => {
      if (value === null) {
        if (run.length) runs.push(run);
        run = [];
        return;
      }
      run.push({ x: round(xOf(q)), y: round(yOf(value)), value });
    });
    if (run.length) runs.push(run);
    return { name: s.name, runs, legendY: legendTop + n * CHART.legendRow };
  });
  return {
    width: CHART.width,
    height: legendTop + series.length * CHART.legendRow + 8,
    plot,
    xTicks: labels.map((label, q) => ({ x: round(xOf(q)), label })),
    yTicks,
    lines,
    legend: { x: plot.left, top: legendTop, rowHeight: CHART.legendRow },
  };
}

/** The `points` attribute of one run of a polyline. */
export const pointsAttr = (run: readonly ChartPoint[]) => run.map((p) => `${p.x},${p.y}`).join(" ");
