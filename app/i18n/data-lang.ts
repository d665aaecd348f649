import type { Locale } from "./index";

/** Han characters (CJK unified ideographs, extension A, compatibility). */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN = /[A-Za-z]/;

/**
 * The `lang` a piece of data needs on a page in `locale` (WCAG 3.1.2), or undefined when it is in
 * the page's language. Data has no language of its own in the database, so it is read from the
 * text: any Han character makes it Chinese; Latin letters and no Han make it English. Digits,
 * dates and codes are in neither and need nothing.
 */
export function dataLang(locale: Locale, text: string | null | undefined): "zh-CN" | "en" | undefined {
  if (!text) return undefined;
  if (HAN.test(text)) return locale === "zh-CN" ? undefined : "zh-CN";
  return LATIN.test(text) && locale !== "en" ? "en" : undefined;
}
