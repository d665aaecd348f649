import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { negotiateLocale, translate, type Locale } from "~/i18n";
import { getUser } from "~/utils/auth.server";
import { hasRole } from "~/domain/permissions";
import { countUnread } from "~/models/inbox.server";
import { useNonce } from "~/components/nonce";
import { SiteHeader } from "~/components/site-header";
import { ErrorPage } from "~/components/error-page";
import stylesHref from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = negotiateLocale(request.headers.get("cookie"), request.headers.get("accept-language"));
  const user = await getUser(request, context);
  // Only a signed-in visitor has a count; the page cache stores no page of one (honors-cache.ts).
  const unread = user ? await countUnread(context.db, user.id) : 0;
  return {
    locale,
    csrfToken: context.csrfToken,
    user: user && {
      displayName: user.displayName,
      username: user.username,
      isAdmin: hasRole(user.grants, "admin"),
      isJudge: hasRole(user.grants, "judge"),
      unread,
    },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: translate(data?.locale ?? "zh-CN", "app.name") },
];

/**
 * After a client-side navigation, focus goes where a screen reader should start reading: the
 * page's arrival element (an error summary, a confirmation) if it has one, else its h1 — made
 * focusable here, not on every page. Not on the first load (the browser starts at the top, and
 * autofocus covers arrival elements), not when only the hash changes (a skip or summary link
 * has its own target), and not for a new query on the same page (a filter or a page of results:
 * the reader stays at the control they used) unless that answer brought an arrival element.
 */
function useFocusOnNavigation() {
  const location = useLocation();
  const previous = useRef<typeof location | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = location;
    if (!before || before.key === location.key) return;
    const samePage = before.pathname === location.pathname && before.search === location.search;
    if (samePage && before.hash !== location.hash) return;
    const arrival = document.querySelector<HTMLElement>("main [data-arrival]");
    if (arrival) return arrival.focus();
    if (before.pathname === location.pathname) return;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }, [location]);
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const locale: Locale = data?.locale ?? "zh-CN";
  const location = useLocation();
  const nonce = useNonce();
  useFocusOnNavigation();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {translate(locale, "nav.skip")}
        </a>
        <SiteHeader
          locale={locale}
          user={data?.user}
          csrfToken={data?.csrfToken ?? ""}
          returnTo={location.pathname + location.search}
        />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{translate(locale, "footer.text")}</p>
        </footer>
        <ScrollRestoration nonce={nonce || undefined} />
        <Scripts nonce={nonce || undefined} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
