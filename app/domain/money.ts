/**
 * Money is integer fen (分). It is read from decimal yuan text digit by digit, never through a
 * float, so "0.1" is 10 fen and "19999999.99" is 1999999999 fen exactly; and it is shown the way
 * Chinese reports write amounts: 元 below 1万, then 万元, then 亿元.
 */
export type MoneyMessageKey =
  | "form.required"
  | "money.format"
  | "money.negative"
  | "money.tooManyDecimals"
  | "money.tooLarge";

export type FenResult = { ok: true; fen: number } | { ok: false; messageKey: MoneyMessageKey };

const fail = (messageKey: MoneyMessageKey): FenResult => ({ ok: false, messageKey });

/**
 * Decimal yuan as written in forms and sheets: "1234.56", "1,234.56", "￥1,234.5", "1234.5元",
 * full-width digits. At most 2 decimals; no sign, no exponent; commas only as thousands groups.
 */
export function parseYuanToFen(text: string): FenResult {
  const s = text
    .normalize("NFKC")
    .trim()
    .replace(/^¥\s*/, "")
    .replace(/\s*元$/, "");
  if (s === "") return fail("form.required");
  if (/^[-−]/.test(s)) return fail("money.negative");
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return fail("money.format");
  const [, intText, decimals = ""] = m;
  if (decimals.length > 2) return fail("money.tooManyDecimals");
  const digits = intText.replace(/,/g, "").replace(/^0+(?=\d)/, "");
  // Past 14 digits of yuan the fen no longer fit a double exactly (2^53 ≈ 9.007e15).
  if (digits.length > 14) return fail("money.tooLarge");
  const fen = Number(digits) * 100 + Number(decimals.padEnd(2, "0"));
  return Number.isSafeInteger(fen) ? { ok: true, fen } : fail("money.tooLarge");
}

/**
 * A yuan amount an XLSX cell holds as a number. Spreadsheets keep 15 significant digits, so the
 * number is read at that precision: 0.1+0.2 stored as 0.30000000000000004 is 30 fen, while
 * 1.005 still has too many decimals.
 */
export function yuanNumberToFen(n: number): FenResult {
  if (!Number.isFinite(n)) return fail("money.format");
  const text = n.toPrecision(15);
  // Exponent form means beyond 1e15 or below 1e-6: too large, or far more than 2 decimals.
  if (text.includes("e")) return fail(Math.abs(n) >= 1 ? "money.tooLarge" : "money.tooManyDecimals");
  return parseYuanToFen(text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text);
}

/** Exact decimal yuan for exports and form values: "1234.56", "1234.50", "1234". */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100;
  return `${sign}${yuan}${cents ? `.${String(cents).padStart(2, "0")}` : ""}`;
}

/** Yuan as a JSON number (`stats --format json`); exact to the fen as a decimal literal. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** a / b rounded half up, for non-negative safe integers, without leaving integer arithmetic. */
function divRound(a: number, b: number): number {
  const r = a % b;
  return (a - r) / b + (r * 2 >= b ? 1 : 0);
}

function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

/** Hundredths shown with up to 2 decimals, trailing zeros trimmed: 152 → "1.52", 150 → "1.5", 100 → "1". */
function scaled(hundredths: number): string {
  const frac = hundredths % 100;
  const whole = group((hundredths - frac) / 100);
  return frac === 0 ? whole : `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

/** An exact amount: cents always two digits when there are any ("1,234.50"). */
function exact(fen: number): string {
  const cents = fen % 100;
  const whole = group((fen - cents) / 100);
  return cents === 0 ? whole : `${whole}.${String(cents).padStart(2, "0")}`;
}

interface Scale {
  /** Fen in one unit of the scale. */
  unit: number;
  suffix: string;
}

const ZH_SCALES: Scale[] = [
  { unit: 1e10, suffix: "亿元" },
  { unit: 1e6, suffix: "万元" },
];
const EN_SCALES: Scale[] = [
  { unit: 1e11, suffix: " billion yuan" },
  { unit: 1e8, suffix: " million yuan" },
];

/**
 * An amount for people to read. Chinese: 元 below 1万, 万元 from 1万, 亿元 from 1亿, scaled
 * amounts rounded (half up) to 2 decimals with trailing zeros trimmed — 1520000000000 fen is
 * "1.52亿元". English uses its own scale words: below a million exact yuan, then million, then
 * billion ("152 million yuan"), since "1.52 hundred million" reads badly to English readers.
 * Rounding that reaches the next unit moves up to it (99,999,999.99 yuan is "1亿元", not "10000万元").
 */
export function formatFen(fen: number, locale: "zh-CN" | "en"): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const [big, small] = locale === "zh-CN" ? ZH_SCALES : EN_SCALES;
  const plain = locale === "zh-CN" ? "元" : " yuan";
  // The next unit up is 10,000 (万 → 亿) or 1,000 (million → billion) of the smaller one.
  const step = big.unit / small.unit;
  if (abs >= big.unit || divRound(abs, small.unit / 100) >= step * 100)
    return `${sign}${scaled(divRound(abs, big.unit / 100))}${big.suffix}`;
  if (abs >= small.unit) return `${sign}${scaled(divRound(abs, small.unit / 100))}${small.suffix}`;
  return `${sign}${exact(abs)}${plain}`;
}
