/**
 * Geometry of a horizontal bar chart drawn as server-side SVG: no script, prints well, and reads
 * without JavaScript. Pure numbers here; the component only draws them.
 */
export interface Bar {
  label: string;
  value: number;
  /** What is written at the end of the bar (already formatted). */
  text: string;
}

export interface BarLayout {
  width: number;
  height: number;
  labelWidth: number;
  bars: { label: string; text: string; y: number; length: number }[];
  barHeight: number;
}

export const CHART_WIDTH = 560;
const LABEL_WIDTH = 100;
const TEXT_ROOM = 110;
const ROW = 28;
const BAR = 20;

export function layOutBars(bars: Bar[]): BarLayout {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const room = CHART_WIDTH - LABEL_WIDTH - TEXT_ROOM;
  return {
    width: CHART_WIDTH,
    height: Math.max(ROW, bars.length * ROW),
    labelWidth: LABEL_WIDTH,
    barHeight: BAR,
    bars: bars.map((b, i) => ({ label: b.label, text: b.text, y: i * ROW + (ROW - BAR) / 2, length: max > 0 ? Math.max(b.value > 0 ? 1 : 0, Math.round((b.value / max) * room)) : 0 })),
  };
}
