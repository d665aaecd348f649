import { describe, expect, it } from "vitest";
import { negotiateLocale, translate } from "~/i18n";
import { en } from "~/i18n/en";
import { zhCN } from "~/i18n/zh-CN";

describe("negotiateLocale", () => {
  it("defaults to Chinese", () => {
    expect(negotiateLocale(null, null)).toBe("zh-CN");
    expect(negotiateLocale("", "fr-FR,de;q=0.8")).toBe("zh-CN");
  });
  it("follows Accept-Language by quality", () => {
    expect(negotiateLocale(null, "en-US,en;q=0.9")).toBe("en");
    expect(negotiateLocale(null, "zh-TW;q=0.5,en;q=0.9")).toBe("en");
    expect(negotiateLocale(null, "en;q=0.2,zh-CN;q=0.8")).toBe("zh-CN");
  });
  it("lets the cookie win over the header", () => {
    expect(negotiateLocale("a=1; laurel_lang=en", "zh-CN")).toBe("en");
    expect(negotiateLocale("laurel_lang=zh-CN", "en")).toBe("zh-CN");
  });
  it("ignores a cookie value it does not know", () => {
    expect(negotiateLocale("laurel_lang=xx", "en")).toBe("en");
  });
});

describe("translate", () => {
  it("fills parameters", () => {
    expect(translate("zh-CN", "login.locked", { minutes: 15 })).toBe(
      "登录失败次数过多，请在 15 分钟后再试。",
    );
    expect(translate("en", "login.locked", { minutes: 3 })).toBe(
      "Too many failed sign-ins. Try again in 3 minutes.",
    );
  });
  it("has every key in both catalogs with the same parameters", () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(en[key], key).toBeTruthy();
      expect(params(en[key]), key).toEqual(params(zhCN[key]));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
  it("agrees an English noun with the count before it, and leaves Chinese alone", () => {
    expect(translate("en", "orgs.count", { count: 1 })).toBe("1 organization");
    expect(translate("en", "orgs.count", { count: 2 })).toBe("2 organizations");
    expect(translate("en", "orgs.count", { count: 0 })).toBe("0 organizations");
    expect(translate("en", "import.upload.donePartly", { imported: 1, refused: 1 })).toBe(
      "1 nomination imported; 1 row was refused and not imported (see the row report below).",
    );
    expect(translate("zh-CN", "orgs.count", { count: 1 })).toBe("共 1 个组织");
  });
});
