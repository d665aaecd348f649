import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { groupDigest } from "~/domain/honors/digest-format";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import { getPublishedList, listRollCategories, listWholeRoll } from "~/models/honor-roll.server";
import { publishedPageHeaders } from "~/models/honor-page-cache.server";
import { notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { RollTable } from "~/components/honors/roll-table";
import { ErrorPage } from "~/components/error-page";
import honorsHref from "~/styles/honors.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("title.print"), args.data?.list.title, t("honors.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: honorsHref }];
export const headers: HeadersFunction = () => publishedPageHeaders();

/** The whole list on A4 (the print stylesheet hides the site's header and footer). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = idParam.safeParse(params.competitionId);
  const list = id.success ? await getPublishedList(context.db, id.data) : undefined;
  if (!list) throw notFound();
  const [categories, rows] = await Promise.all([
    listRollCategories(context.db, list.id),
    listWholeRoll(context.db, list.id),
  ]);
  return { list, categories, rows: rows.map(({ summary: _summary, ...r }) => r) };
}

export default function PrintRoll() {
  const t = useT();
  const locale = useLocale();
  const { list, categories, rows } = useLoaderData<typeof loader>();
  return (
    <div className="print-view">
      <h1>{list.title}</h1>
      <p className="decision">
        {t("honors.decision", {
          org: list.publishing_org,
          doc: list.doc_number,
          date: formatDate(locale, list.published_on),
        })}
      </p>
      {categories.map((c) => (
        <section key={c.id}>
          <h2>{c.name}</h2>
          <RollTable rows={rows.filter((r) => r.category_id === c.id)} kind={c.kind} link={false} />
        </section>
      ))}
      <p>
        {t("publication.digest")}: <span className="digest">{groupDigest(list.digest)}</span>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
