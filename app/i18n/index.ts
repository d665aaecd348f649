import { en } from "./en";
import { type MessageKey, zhCN } from "./zh-CN";

export type { MessageKey };
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "laurel_lang";

const catalogs: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = catalogs[locale][key] ?? zhCN[key] ?? key;
  if (!params) return text;
  const counted = text.includes(", plural,") ? pluralize(locale, text, params) : text;
  return counted.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
}

/**
 * A count before a noun agrees with it: "{count, plural, one {# organization} other {#
 * organizations}}" (the ICU message form, "#" standing for the number) reads "1 organization",
 * "2 organizations". Chinese needs none: its messages keep "{count}".
 */
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;
const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {};

function pluralize(locale: Locale, text: string, params: Params): string {
  const rules = (pluralRules[locale] ??= new Intl.PluralRules(locale));
  return text.replace(PLURAL, (m, name: string, one: string, other: string) => {
    const value = params[name];
    if (value === undefined || Number.isNaN(Number(value))) return m;
    return (rules.select(Number(value)) === "one" ? one : other).replace(/#/g, String(value));
  });
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The locale from the language cookie, else the first supported Accept-Language, else Chinese. */
export function negotiateLocale(cookieHeader: string | null, acceptLanguage: string | null): Locale {
  const fromCookie = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`))?.[1];
  if (isLocale(fromCookie)) return fromCookie;
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = rest.find((r) => r.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return DEFAULT_LOCALE;
}
