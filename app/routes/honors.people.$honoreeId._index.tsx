import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import { publishedPageHeaders } from "~/models/honor-page-cache.server";
import { requirePublicHonoree } from "~/utils/authorize.server";
import { workplaceAndPost } from "~/components/honors/roll-table";
import { ErrorPage } from "~/components/error-page";
import honorsHref from "~/styles/honors.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [args.data?.h.name, t("honors.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: honorsHref }];
export const headers: HeadersFunction = () => publishedPageHeaders();

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { h: await requirePublicHonoree(context.db, params.honoreeId) };
}

export default function Honoree() {
  const t = useT();
  const locale = useLocale();
  const { h } = useLoaderData<typeof loader>();
  return (
    <article className="honoree-card">
      <p className="muted">
        <Link to={`/honors/${h.competition_id}?category=${h.category_id}`}>
          {h.year} · {h.competition_title}
        </Link>
      </p>
      <h1>{h.name}</h1>
      <p className="lead">
        {t("honors.honoree.awarded", {
          competition: h.competition_title,
          category: h.honor_title ?? h.category_name,
        })}
      </p>
      <dl className="facts">
        {h.kind === "individual" && h.gender && (
          <>
            <dt>{t("notice.col.gender")}</dt>
            <dd>{t(`gender.${h.gender}`)}</dd>
          </>
        )}
        {h.kind === "individual" && (
          <>
            <dt>{t("notice.col.workplace")}</dt>
            <dd>{workplaceAndPost(h)}</dd>
          </>
        )}
        <dt>{t("notice.col.org")}</dt>
        <dd>{h.org_name}</dd>
        <dt>{t("honors.honoree.decision")}</dt>
        <dd>
          {t("honors.decision", {
            org: h.publishing_org,
            doc: h.doc_number,
            date: formatDate(locale, h.published_on),
          })}
        </dd>
      </dl>
      {h.summary && (
        <>
          <h2>{t("notice.col.summary")}</h2>
          <p>{h.summary}</p>
        </>
      )}
      <p>
        <Link to={`/honors/people/${h.id}/certificate`}>{t("honors.certificate")}</Link>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
