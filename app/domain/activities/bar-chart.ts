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
/** The gap before the text at a bar's end (the component's 6) and a margin after it. */
export const TEXT_GAP = 12;
const MIN_TEXT_ROOM = 60;
const MAX_TEXT_ROOM = 220;
/** `.bar-chart text` in stats.css. */
const FONT_PX = 15;
const ROW = 28;
const BAR = 20;

/** A generous estimate of a text's drawn width: a full em for CJK characters, 0.6 em for others. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! >= 0x2e80 ? FONT_PX : FONT_PX * 0.6;
  return width;
}

/** The longest bar leaves room for the longest text ("1.48 million yuan" is wider than "148万元"). */
export function layOutBars(bars: Bar[]): BarLayout {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const longestText = Math.max(0, ...bars.map((b) => textWidth(b.text)));
  const textRoom = Math.min(MAX_TEXT_ROOM, Math.max(MIN_TEXT_ROOM, Math.ceil(longestText + TEXT_GAP)));
  const room = CHART_WIDTH - LABEL_WIDTH - textRoom;
  return {
    width: CHART_WIDTH,
    height: Math.max(ROW, bars.length * ROW),
    labelWidth: LABEL_WIDTH,
    barHeight: BAR,
    bars: bars.map((b, i) => ({
      label: b.label,
      text: b.text,
      y: i * ROW + (ROW - BAR) / 2,
      length: max > 0 ? Math.max(b.value > 0 ? 1 : 0, Math.round((b.value / max) * room)) : 0,
    })),
  };
}
