import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, type Locale, type Translate, translator } from "./index";
import { dataLang } from "./data-lang";

interface RootData {
  locale: Locale;
}

export function useLocale(): Locale {
  return useRouteLoaderData<RootData>("root")?.locale ?? DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}

/** `lang` for a piece of data on this page: see dataLang. */
export function useDataLang(): (text: string | null | undefined) => "zh-CN" | "en" | undefined {
  const locale = useLocale();
  return (text) => dataLang(locale, text);
}
