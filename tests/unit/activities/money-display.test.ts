import { describe, expect, it } from "vitest";
import { formatFen, parseYuanToFen } from "~/domain/money";

/** The amounts the statistics page shows, from what sheets hold. */
describe("aid money, read and shown", () => {
  const fen = (s: string) => {
    const r = parseYuanToFen(s);
    if (!r.ok) throw new Error(r.messageKey);
    return r.fen;
  };
  it("adds sheet amounts exactly and shows the provincial total as 亿元", () => {
    // 152,000,000 yuan in 3 cents-bearing parts: floats would drift, fen do not.
    const total = fen("50,666,666.67") + fen("50666666.66") + fen("50666666.67");
    expect(total).toBe(15200000000);
    expect(formatFen(total, "zh-CN")).toBe("1.52亿元");
    expect(formatFen(total, "en")).toBe("152 million yuan");
  });
  it("shows 万元 and 元 below", () => {
    expect(formatFen(fen("15000.50"), "zh-CN")).toBe("1.5万元");
    expect(formatFen(fen("9999.99"), "zh-CN")).toBe("9,999.99元");
    expect(formatFen(fen("0.1") + fen("0.2"), "zh-CN")).toBe("0.30元");
  });
});
