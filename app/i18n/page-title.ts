import { isRouteErrorResponse } from "@remix-run/react";
import { DEFAULT_LOCALE, isLocale, translator, type Locale, type Translate } from "./index";

/** What a route's `meta` receives that the title needs: the root's locale, and an error if the page failed. */
interface MetaArgs {
  matches: readonly ({ id: string; data?: unknown } | undefined)[];
  error?: unknown;
}

function localeOf(matches: MetaArgs["matches"]): Locale {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/** "page · context · site": the parts that are present, most specific first, then the site's short name. */
export function composeTitle(t: Translate, parts: readonly (string | null | undefined)[]): string {
  return [...parts, t("app.shortName")].filter((p): p is string => Boolean(p)).join(" · ");
}

/**
 * A route's `meta`: its own title (WCAG 2.4.2) from its loader data and the reader's language.
 * A failed page says so instead, with its status, so an error never wears the page's title.
 */
export function pageMeta(args: MetaArgs, parts: (t: Translate) => readonly (string | null | undefined)[]) {
  const t = translator(localeOf(args.matches));
  if (args.error != null) {
    const status = isRouteErrorResponse(args.error) ? args.error.status : 500;
    return [{ title: composeTitle(t, [`${t("error.title")} ${status}`]) }];
  }
  return [{ title: composeTitle(t, parts(t)) }];
}
