import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { publishedPageHeaders } from "~/models/honor-page-cache.server";
import { pageMeta } from "~/i18n/page-title";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import { listRunningNotices } from "~/models/notice.server";

/** The same for every anonymous visitor: served from the page cache (decision 021). */
export const headers: HeadersFunction = () => publishedPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("notice.listTitle")]);

export async function loader({ context }: LoaderFunctionArgs) {
  return { notices: await listRunningNotices(context.db) };
}

export default function Notices() {
  const t = useT();
  const locale = useLocale();
  const { notices } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("notice.listTitle")}</h1>
      {notices.length === 0 ? (
        <p className="muted">{t("notice.none")}</p>
      ) : (
        <ul>
          {notices.map((n) => (
            <li key={n.id}>
              <Link to={`/notices/${n.id}`}>{n.title}</Link>{" "}
              <span className="muted">
                {n.org_name} ·{" "}
                {t("notice.period", {
                  start: formatDate(locale, n.starts_on),
                  end: formatDate(locale, n.ends_on),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
