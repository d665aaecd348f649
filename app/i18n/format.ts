import type { Locale } from "./index";

/** Formats an ISO timestamp or date in the reader's language, in China Standard Time. */
export function formatDateTime(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  }).format(d);
}

export function formatDate(locale: Locale, isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(d);
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(locale).format(n);
}

/**
 * Money held as integer fen, shown the way Chinese reports do: 元 below 万, then 万元, then 亿元.
 * English readers get the same units spelled out (yuan, 10k yuan, 100M yuan).
 */
export function formatMoneyFen(locale: Locale, fen: number): string {
  const yuan = fen / 100;
  const abs = Math.abs(yuan);
  const zh = locale === "zh-CN";
  const fmt = (v: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
  if (abs >= 1e8) return `${fmt(yuan / 1e8, 2)}${zh ? "亿元" : " × 100M yuan"}`;
  if (abs >= 1e4) return `${fmt(yuan / 1e4, 2)}${zh ? "万元" : " × 10k yuan"}`;
  return `${fmt(yuan, 2)}${zh ? "元" : " yuan"}`;
}
