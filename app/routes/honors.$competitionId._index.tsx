import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { groupDigest } from "~/domain/honors/digest-format";
import { parseRollQuery } from "~/domain/honors/query";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import {
  getPublishedList,
  listRegions,
  listRollCategories,
  listRollEntries,
} from "~/models/honor-roll.server";
import { publishedPageHeaders } from "~/models/honor-page-cache.server";
import { listDocNumberCorrections } from "~/models/doc-number-correction.server";
import { badRequest, notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { RollTable } from "~/components/honors/roll-table";
import { RegionSelect } from "~/components/honors/region-select";
import { CorrectionList } from "~/components/honors/publication-forms";
import { ErrorPage } from "~/components/error-page";
import honorsHref from "~/styles/honors.css";
import { DataText } from "~/components/data-text";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [args.data?.category?.name, args.data?.list.title, t("honors.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: honorsHref }];
export const headers: HeadersFunction = () => publishedPageHeaders();

/** One published list: its categories (collectives and individuals apart), 50 entries a page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam.safeParse(params.competitionId);
  const list = id.success ? await getPublishedList(context.db, id.data) : undefined;
  if (!list) throw notFound();
  const query = parseRollQuery(request.url);
  if (!query) throw badRequest();
  const categories = await listRollCategories(context.db, list.id);
  const category = query.category ? categories.find((c) => c.id === query.category) : categories[0];
  if (!category) throw notFound();
  const [entries, regions, corrections] = await Promise.all([
    listRollEntries(context.db, { categoryId: category.id, region: query.region, page: query.page }),
    listRegions(context.db),
    listDocNumberCorrections(context.db, list.id),
  ]);
  return { list, categories, category, entries, regions, region: query.region ?? null, corrections };
}

function pageHref(base: string, page: number) {
  return `${base}${base.includes("?") ? "&" : "?"}page=${page}`;
}

export default function HonorRoll() {
  const t = useT();
  const locale = useLocale();
  const { list, categories, category, entries, regions, region, corrections } =
    useLoaderData<typeof loader>();
  const base = `/honors/${list.id}?category=${category.id}${region ? `&region=${region}` : ""}`;
  const kinds = (["collective", "individual"] as const).filter((k) => categories.some((c) => c.kind === k));
  return (
    <>
      <p className="muted">{list.year}</p>
      <h1>
        <DataText text={list.title} />
      </h1>
      <p className="decision">
        {t("honors.decision", {
          org: list.publishing_org,
          doc: list.doc_number,
          date: formatDate(locale, list.published_on),
        })}
      </p>
      <CorrectionList corrections={corrections} />
      {kinds.map((kind) => (
        <nav key={kind} aria-label={t(kind === "collective" ? "honors.collectives" : "honors.individuals")}>
          <strong>{t(kind === "collective" ? "honors.collectives" : "honors.individuals")}</strong>
          <ul className="roll-nav">
            {categories
              .filter((c) => c.kind === kind)
              .map((c) => (
                <li key={c.id}>
                  <Link
                    to={`/honors/${list.id}?category=${c.id}`}
                    aria-current={c.id === category.id ? "page" : undefined}
                  >
                    <DataText text={c.name} />
                  </Link>{" "}
                  <span className="muted">{t("honors.count", { count: c.count })}</span>
                </li>
              ))}
          </ul>
        </nav>
      ))}
      <h2>
        <DataText text={category.name} />
      </h2>
      <Form method="get" className="search-form no-print">
        <input type="hidden" name="category" value={category.id} />
        <RegionSelect regions={regions} value={region ?? undefined} />
        <button type="submit" className="secondary">
          {t("honors.filter")}
        </button>
      </Form>
      <RollTable rows={entries.rows} kind={category.kind} />
      <div className="pager no-print">
        {entries.page > 1 && <Link to={pageHref(base, entries.page - 1)}>{t("honors.prev")}</Link>}
        <span>{t("honors.page", { page: entries.page })}</span>
        {entries.hasMore && <Link to={pageHref(base, entries.page + 1)}>{t("honors.next")}</Link>}
      </div>
      <div className="actions no-print">
        <Link to={`/honors/${list.id}/print`}>{t("honors.print")}</Link>
        <a href={`/honors/${list.id}/export?format=csv`}>{t("honors.exportCsv")}</a>
        <a href={`/honors/${list.id}/export?format=xlsx`}>{t("honors.exportXlsx")}</a>
        <a href={`/honors/${list.id}/export?format=json`}>{t("honors.openData")}</a>
      </div>
      <p>
        {t("publication.digest")}: <span className="digest">{groupDigest(list.digest)}</span>
      </p>
      <p className="hint">{t("publication.digestHint")}</p>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
