import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, type Locale, type Translate, translator } from "./index";

interface RootData {
  locale: Locale;
}

export function useLocale(): Locale {
  return useRouteLoaderData<RootData>("root")?.locale ?? DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}
