import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { coverageOf } from "~/models/registry-coverage.server";
import { requireRegistryAdmin } from "~/utils/authorize.server";
import { registryTotals } from "~/models/registry-stats.server";
import { useT } from "~/i18n/use-t";
import { CoverageChart } from "~/components/registry-chart";
import { RegistryNav } from "~/components/registry-nav";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";
import registryStyles from "~/styles/registry.css";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("registry.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope } = await requireRegistryAdmin(request, context);
  const [coverage, totals] = await Promise.all([
    coverageOf(context.db, scope),
    registryTotals(context.db, scope),
  ]);
  const poor = coverage.counties.filter((c) => c.poverty_level !== "none");
  return {
    cities: coverage.cities,
    counties: poor.length,
    covered: poor.filter((c) => c.covered).length,
    totals,
    mayMatch: scope.all,
  };
}

export default function RegistryDashboard() {
  const t = useT();
  const { cities, counties, covered, totals, mayMatch } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("registry.title")}</h1>
      <RegistryNav mayMatch={mayMatch} />
      <p className="lead">{t("registry.dashboard.intro")}</p>
      <ul className="stats">
        <li>
          <span className="figure">{counties}</span> {t("registry.dashboard.counties")}
        </li>
        <li>
          <span className="figure">{covered}</span> {t("registry.dashboard.covered")}
        </li>
        <li>
          <span className="figure">{counties - covered}</span> {t("registry.dashboard.uncovered")}
        </li>
        <li>
          <span className="figure">{totals.helpers}</span> {t("registry.dashboard.helpers")}
        </li>
        <li>
          <span className="figure">{totals.pairings}</span> {t("registry.dashboard.pairings")}
        </li>
      </ul>
      {cities.length === 0 ? (
        <p className="muted">{t("registry.dashboard.empty")}</p>
      ) : (
        <>
          <h2>{t("registry.dashboard.byCity")}</h2>
          <CoverageChart cities={cities} />
          <TableRegion label={t("registry.dashboard.byCity")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("registry.city")}</th>
                  <th scope="col">{t("registry.dashboard.counties")}</th>
                  <th scope="col">{t("registry.dashboard.covered")}</th>
                  <th scope="col">{t("registry.dashboard.uncovered")}</th>
                  <th scope="col">{t("registry.dashboard.missing")}</th>
                </tr>
              </thead>
              <tbody>
                {cities.map((c) => (
                  <tr key={c.city}>
                    <th scope="row">
                      <Link to={`/registry/counties?city=${encodeURIComponent(c.city)}`}>{c.city}</Link>
                    </th>
                    <td>{c.counties}</td>
                    <td>{c.covered}</td>
                    <td>{c.uncovered}</td>
                    <td>{c.missing_places}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
