import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { publishedPageHeaders } from "~/models/honor-page-cache.server";
import { pageMeta } from "~/i18n/page-title";
import { Link, useLoaderData } from "@remix-run/react";
import { countUsers } from "~/models/user.server";
import { honorStats, listPublishedLists } from "~/models/honor-roll.server";
import { listRunningNotices } from "~/models/notice.server";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate, formatNumber } from "~/i18n/format";
import honorsHref from "~/styles/honors.css";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("home.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: honorsHref }];

/** The front page: latest honor rolls, notices running now, and the headline figures. */
/** The same for every anonymous visitor: served from the page cache (decision 021). */
export const headers: HeadersFunction = () => publishedPageHeaders();

export async function loader({ context }: LoaderFunctionArgs) {
  const [stats, users, rolls, notices] = await Promise.all([
    honorStats(context.db),
    countUsers(context.db),
    listPublishedLists(context.db, { limit: 5 }),
    listRunningNotices(context.db),
  ]);
  return { stats: { ...stats, users }, rolls, notices };
}

export default function Home() {
  const t = useT();
  const locale = useLocale();
  const { stats, rolls, notices } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("app.name")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <ul className="stats">
        <li>
          <span className="figure">{formatNumber(locale, stats.honorees)}</span>
          {t("home.stats.honorees")}
        </li>
        <li>
          <span className="figure">{formatNumber(locale, stats.competitions)}</span>
          {t("home.stats.competitions")}
        </li>
        <li>
          <span className="figure">{formatNumber(locale, stats.orgs)}</span>
          {t("home.stats.orgs")}
        </li>
        <li>
          <span className="figure">{formatNumber(locale, stats.users)}</span>
          {t("home.stats.users")}
        </li>
      </ul>
      <h2>{t("home.runningNotices")}</h2>
      {notices.length === 0 ? (
        <p className="muted">{t("home.noNotices")}</p>
      ) : (
        <ul>
          {notices.map((n) => (
            <li key={n.id}>
              <Link to={`/notices/${n.id}`}>{n.title}</Link>{" "}
              <span className="muted">
                {t("notice.period", {
                  start: formatDate(locale, n.starts_on),
                  end: formatDate(locale, n.ends_on),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("home.latestRolls")}</h2>
      {rolls.length === 0 ? (
        <p className="muted">{t("home.noRolls")}</p>
      ) : (
        <ul>
          {rolls.map((r) => (
            <li key={r.id}>
              <Link to={`/honors/${r.id}`}>{r.title}</Link>{" "}
              <span className="decision">
                {t("honors.decision", {
                  org: r.publishing_org,
                  doc: r.doc_number,
                  date: formatDate(locale, r.published_on),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>{t("home.forStaff")}</p>
      <p>
        <Link to="/honors">{t("nav.honors")}</Link> · <Link to="/orgs">{t("home.browseOrgs")}</Link>
      </p>
    </>
  );
}
