import { formatFen } from "~/domain/money";

/**
 * An amount of money as people read it ("806.07万元", "8.06 million yuan"), kept on one line: a
 * narrow column must not break it between its figure and its unit.
 */
export function Amount({ fen, locale }: { fen: number; locale: "zh-CN" | "en" }) {
  return <span className="amount">{formatFen(fen, locale)}</span>;
}
