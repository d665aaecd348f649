import { describe, expect, it } from "vitest";
import { fenToYuan, fenToYuanText, formatFen, parseYuanToFen, yuanNumberToFen } from "~/domain/money";

const fen = (text: string) => {
  const r = parseYuanToFen(text);
  return r.ok ? r.fen : r.messageKey;
};

describe("parseYuanToFen", () => {
  it("reads decimal yuan exactly, where floats would not", () => {
    expect(fen("0.1")).toBe(10);
    expect(fen("0.2")).toBe(20);
    expect(fen("0.3")).toBe(30);
    expect((fen("0.1") as number) + (fen("0.2") as number)).toBe(fen("0.3")); // 0.1 + 0.2 !== 0.3 in floats
    expect(fen("1.15")).toBe(115); // 1.15 * 100 = 114.99999999999999
    expect(fen("19999999.99")).toBe(1999999999);
    expect(fen("4.35")).toBe(435); // 4.35 * 100 = 434.99999999999994
    expect(fen("0")).toBe(0);
    expect(fen("0.05")).toBe(5);
    expect(fen("12.5")).toBe(1250);
    expect(fen("007")).toBe(700);
  });
  it("accepts thousands separators, ¥, 元 and full-width digits", () => {
    expect(fen("1,234.56")).toBe(123456);
    expect(fen("12,345,678")).toBe(1234567800);
    expect(fen(" ￥1,234.5 ")).toBe(123450);
    expect(fen("1234.5元")).toBe(123450);
    expect(fen("１２３４．５６")).toBe(123456);
  });
  it("goes up to the largest exact amount", () => {
    expect(fen("90071992547409.91")).toBe(9007199254740991);
    expect(fen("90071992547409.92")).toBe("money.tooLarge");
    expect(fen("123456789012345")).toBe("money.tooLarge");
  });
  it.each([
    ["", "form.required"],
    ["   ", "form.required"],
    ["-1", "money.negative"],
    ["-0.5", "money.negative"],
    ["1.234", "money.tooManyDecimals"],
    ["0.001", "money.tooManyDecimals"],
    ["1.500", "money.tooManyDecimals"],
    ["1e5", "money.format"],
    ["1E5", "money.format"],
    ["+5", "money.format"],
    [".5", "money.format"],
    ["5.", "money.format"],
    ["12,34", "money.format"],
    ["1,2345", "money.format"],
    [",123", "money.format"],
    ["1 234", "money.format"],
    ["abc", "money.format"],
    ["1.2.3", "money.format"],
    ["NaN", "money.format"],
    ["Infinity", "money.format"],
  ])("refuses %j with %s", (text, key) => {
    expect(fen(text)).toBe(key);
  });
});

describe("yuanNumberToFen", () => {
  it("reads spreadsheet numbers at their 15-digit precision", () => {
    expect(yuanNumberToFen(0.1 + 0.2)).toEqual({ ok: true, fen: 30 });
    expect(yuanNumberToFen(19999999.99)).toEqual({ ok: true, fen: 1999999999 });
    expect(yuanNumberToFen(1234)).toEqual({ ok: true, fen: 123400 });
    expect(yuanNumberToFen(1.005)).toEqual({ ok: false, messageKey: "money.tooManyDecimals" });
    expect(yuanNumberToFen(-3)).toEqual({ ok: false, messageKey: "money.negative" });
    expect(yuanNumberToFen(1e20)).toEqual({ ok: false, messageKey: "money.tooLarge" });
    expect(yuanNumberToFen(1e-9)).toEqual({ ok: false, messageKey: "money.tooManyDecimals" });
    expect(yuanNumberToFen(Number.NaN)).toEqual({ ok: false, messageKey: "money.format" });
  });
});

describe("formatFen in Chinese", () => {
  it.each([
    [0, "0元"],
    [5, "0.05元"],
    [123450, "1,234.50元"],
    [100, "1元"],
    [999999, "9,999.99元"],
    [1000000, "1万元"], // 1万 exactly
    [1005000, "1.01万元"], // 10,050 yuan: half up
    [1004999, "1万元"],
    [1500000, "1.5万元"],
    [1999999999, "2,000万元"], // 19,999,999.99 yuan
    [9999999999, "1亿元"], // 99,999,999.99 yuan rounds up to the next unit
    [9999499999, "9,999.5万元"],
    [10000000000, "1亿元"],
    [15200000000, "1.52亿元"], // 152,000,000 yuan
    [15249999999, "1.52亿元"],
    [15250000000, "1.53亿元"],
    [-1500000, "-1.5万元"],
  ])("%i fen → %s", (amount, text) => {
    expect(formatFen(amount, "zh-CN")).toBe(text);
  });
});

describe("formatFen in English", () => {
  it.each([
    [0, "0 yuan"],
    [123450, "1,234.50 yuan"],
    [1000000, "10,000 yuan"],
    [99999999, "999,999.99 yuan"],
    [100000000, "1 million yuan"],
    [15200000000, "152 million yuan"],
    [15250000000, "152.5 million yuan"],
    [99999999999, "1 billion yuan"],
    [152000000000, "1.52 billion yuan"],
  ])("%i fen → %s", (amount, text) => {
    expect(formatFen(amount, "en")).toBe(text);
  });
});

describe("exports", () => {
  it("writes exact decimal yuan", () => {
    expect(fenToYuanText(123456)).toBe("1234.56");
    expect(fenToYuanText(123450)).toBe("1234.50");
    expect(fenToYuanText(123400)).toBe("1234");
    expect(fenToYuanText(5)).toBe("0.05");
    expect(fenToYuan(1999999999)).toBe(19999999.99);
    expect(parseYuanToFen(fenToYuanText(1999999999))).toEqual({ ok: true, fen: 1999999999 });
  });
});
