import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { parseRollQuery } from "~/domain/honors/query";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import { listPublishedLists, listRegions, listRollYears, searchHonorees } from "~/models/honor-roll.server";
import { publishedPageHeaders } from "~/models/honor-page-cache.server";
import { anyOpenBoard } from "~/models/contest-board.server";
import { badRequest } from "~/utils/http.server";
import { workplaceAndPost } from "~/components/honors/roll-table";
import { RegionSelect } from "~/components/honors/region-select";
import { TableRegion } from "~/components/table-region";
import honorsHref from "~/styles/honors.css";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("honors.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: honorsHref }];
export const headers: HeadersFunction = () => publishedPageHeaders();

/** The honor rolls: published lists by year, and the search by name or workplace, region and year. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = parseRollQuery(request.url);
  if (!query) throw badRequest();
  const [lists, years, regions, results, boards] = await Promise.all([
    listPublishedLists(context.db, { year: query.year }),
    listRollYears(context.db),
    listRegions(context.db),
    query.q
      ? searchHonorees(context.db, { q: query.q, region: query.region, year: query.year })
      : Promise.resolve(null),
    // The page is cached under the roll version and the boards' stamp, so this costs one query per render.
    anyOpenBoard(context.db),
  ]);
  return { query, lists, years, regions, results, boards };
}

export default function Honors() {
  const t = useT();
  const locale = useLocale();
  const { query, lists, years, regions, results, boards } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("honors.title")}</h1>
      <p className="lead">{t("honors.intro")}</p>
      {boards && (
        <p>
          <Link to="/contests">{t("contestBoard.public.link")}</Link>
        </p>
      )}
      <Form method="get" className="search-form" role="search">
        <div className="field">
          <label htmlFor="f-q">{t("honors.searchLabel")}</label>
          <input id="f-q" name="q" type="search" maxLength={50} defaultValue={query.q ?? ""} />
        </div>
        <RegionSelect regions={regions} value={query.region} />
        <div className="field">
          <label htmlFor="f-year">{t("honors.year")}</label>
          <select id="f-year" name="year" defaultValue={query.year ? String(query.year) : ""}>
            <option value="">{t("honors.allYears")}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          {t("honors.search")}
        </button>
      </Form>
      {results && (
        <section aria-labelledby="results">
          <h2 id="results">{t("honors.results")}</h2>
          {results.length === 0 ? (
            <p className="muted">{t("honors.noResults")}</p>
          ) : (
            <TableRegion label={t("honors.results")}>
              <table>
                <thead>
                  <tr>
                    <th>{t("notice.col.name")}</th>
                    <th>{t("notice.col.workplace")}</th>
                    <th>{t("honors.col.category")}</th>
                    <th>{t("honors.col.competition")}</th>
                  </tr>
                </thead>
                <tbody>
                  {results.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/honors/people/${r.id}`}>{r.name}</Link>
                      </td>
                      <td>{r.kind === "individual" ? workplaceAndPost(r) : t(`nominationKind.${r.kind}`)}</td>
                      <td>{r.category_name}</td>
                      <td>
                        {r.year} · {r.competition_title}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </section>
      )}
      <h2>{query.year ? query.year : t("honors.byYear")}</h2>
      {lists.length === 0 ? (
        <p className="muted">{t("honors.noLists")}</p>
      ) : (
        <ul>
          {lists.map((l) => (
            <li key={l.id}>
              <Link to={`/honors/${l.id}`}>{l.title}</Link>{" "}
              <span className="decision">
                {t("honors.decision", {
                  org: l.publishing_org,
                  doc: l.doc_number,
                  date: formatDate(locale, l.published_on),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/honors/data.json">{t("honors.openData")}</a>
      </p>
    </>
  );
}
