import { describe, expect, it } from "vitest";
import { dataLang } from "~/i18n/data-lang";

describe("dataLang: the lang a piece of data needs on a page", () => {
  it.each([
    ["en", "王丽", "zh-CN"],
    ["en", "西安市总工会 Xi'an", "zh-CN"],
    ["en", "Shaanxi Federation", undefined],
    ["en", "2018-00291", undefined],
    ["zh-CN", "王丽", undefined],
    ["zh-CN", "Zhang Wei", "en"],
    ["zh-CN", "2018-00291", undefined],
    ["zh-CN", "", undefined],
    ["en", null, undefined],
  ] as const)("on a %s page, %j → %s", (locale, text, lang) => {
    expect(dataLang(locale, text)).toBe(lang);
  });
});
