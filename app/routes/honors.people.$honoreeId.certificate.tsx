import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import { publishedPageHeaders } from "~/models/honor-page-cache.server";
import { requirePublicHonoree } from "~/utils/authorize.server";
import { ErrorPage } from "~/components/error-page";
import honorsHref from "~/styles/honors.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("honors.certificate.title"), args.data?.h.name]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: honorsHref }];
export const headers: HeadersFunction = () => publishedPageHeaders();

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { h: await requirePublicHonoree(context.db, params.honoreeId) };
}

/** 荣誉证书: one A4 page per honoree, printed from the browser. */
export default function Certificate() {
  const t = useT();
  const locale = useLocale();
  const { h } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="hint no-print">{t("honors.certificate.printHint")}</p>
      <div className="certificate">
        <h1>{t("honors.certificate.title")}</h1>
        <p className="body">
          {t("honors.certificate.body", {
            name: h.name,
            competition: h.competition_title,
            title: h.honor_title ?? h.category_name,
          })}
        </p>
        <p className="issuer">
          {h.publishing_org}
          <br />
          {h.doc_number}
          <br />
          {formatDate(locale, h.published_on)}
        </p>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
