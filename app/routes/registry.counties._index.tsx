import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { POVERTY_LEVELS } from "../../db/schema-registry";
import { coverageOf } from "~/models/registry-coverage.server";
import { requireRegistryAdmin } from "~/models/registry-access.server";
import { badRequest } from "~/utils/http.server";
import { searchText } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { AppForm } from "~/components/form-fields";
import { CoverageState, RegistryNav } from "~/components/registry-nav";
import { ErrorPage } from "~/components/error-page";
import registryStyles from "~/styles/registry.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryStyles }];

const blank = (v: unknown) => (v === "" ? undefined : v);
const FilterSchema = z.object({
  city: z.preprocess(blank, searchText(50).optional()),
  level: z.preprocess(blank, z.enum(POVERTY_LEVELS).optional()),
  q: z.preprocess(blank, searchText(50).optional()),
  state: z.preprocess(blank, z.enum(["covered", "short"]).optional()),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope } = await requireRegistryAdmin(request, context);
  const parsed = FilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw badRequest();
  const f = parsed.data;
  const [all, shown] = await Promise.all([coverageOf(context.db, scope), coverageOf(context.db, scope, f)]);
  const counties = shown.counties.filter((c) => !f.state || (f.state === "covered") === c.covered);
  return { counties, cities: all.cities.map((c) => c.city), filter: f, mayMatch: scope.all };
}

export default function Counties() {
  const t = useT();
  const { counties, cities, filter, mayMatch } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("registry.nav.counties")}</h1>
      <RegistryNav mayMatch={mayMatch} />
      <AppForm method="get" className="inline-form card">
        <div className="field">
          <label htmlFor="f-city">{t("registry.city")}</label>
          <select id="f-city" name="city" defaultValue={filter.city ?? ""}>
            <option value="">{t("registry.allCities")}</option>
            {cities.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-level">{t("registry.county.level")}</label>
          <select id="f-level" name="level" defaultValue={filter.level ?? ""}>
            <option value="">{t("registry.county.allLevels")}</option>
            {POVERTY_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`registry.level.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-state">{t("registry.county.state")}</label>
          <select id="f-state" name="state" defaultValue={filter.state ?? ""}>
            <option value="">—</option>
            <option value="covered">{t("registry.dashboard.covered")}</option>
            <option value="short">{t("registry.dashboard.uncovered")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">{t("registry.search")}</label>
          <input id="f-q" name="q" defaultValue={filter.q ?? ""} maxLength={50} />
        </div>
        <button type="submit" className="primary">
          {t("registry.filter")}
        </button>
      </AppForm>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("registry.county.code")}</th>
              <th scope="col">{t("registry.county.name")}</th>
              <th scope="col">{t("registry.city")}</th>
              <th scope="col">{t("registry.county.level")}</th>
              <th scope="col">{t("registry.county.units")}</th>
              <th scope="col">{t("registry.county.workers")}</th>
              <th scope="col">{t("registry.county.state")}</th>
            </tr>
          </thead>
          <tbody>
            {counties.map((c) => (
              <tr key={c.county_code}>
                <td>{c.county_code}</td>
                <td>
                  <Link to={`/registry/counties/${c.id}`}>{c.name}</Link>
                </td>
                <td>{c.city}</td>
                <td>{t(`registry.level.${c.poverty_level}`)}</td>
                <td>{c.units}</td>
                <td>{c.workers}</td>
                <td>
                  <CoverageState covered={c.covered} short={c.short} closerKind={c.closer_kind} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
