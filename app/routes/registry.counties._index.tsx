import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { POVERTY_LEVELS } from "~/domain/registry/vocabulary";
import { coverageOf } from "~/models/registry-coverage.server";
import { requireRegistryAdmin } from "~/utils/authorize.server";
import { badRequest } from "~/utils/http.server";
import { searchText } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { FilterForm, FilterSelect, FilterText, ListTable } from "~/components/registry-list";
import { CoverageState, RegistryNav } from "~/components/registry-nav";
import { ErrorPage } from "~/components/error-page";
import registryStyles from "~/styles/registry.css";
import { DataCell } from "~/components/data-text";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("registry.nav.counties"), t("registry.title")]);

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
      <FilterForm>
        <FilterSelect
          name="city"
          label={t("registry.city")}
          value={filter.city}
          allLabel={t("registry.allCities")}
          options={cities.map((c) => [c, c] as const)}
        />
        <FilterSelect
          name="level"
          label={t("registry.county.level")}
          value={filter.level}
          allLabel={t("registry.county.allLevels")}
          options={POVERTY_LEVELS.map((l) => [l, t(`registry.level.${l}`)] as const)}
        />
        <FilterSelect
          name="state"
          label={t("registry.county.state")}
          value={filter.state}
          allLabel="—"
          options={[
            ["covered", t("registry.dashboard.covered")],
            ["short", t("registry.dashboard.uncovered")],
          ]}
        />
        <FilterText name="q" label={t("registry.search")} value={filter.q} />
      </FilterForm>
      <ListTable
        label={t("registry.nav.counties")}
        head={[
          t("registry.county.code"),
          t("registry.county.name"),
          t("registry.city"),
          t("registry.county.level"),
          t("registry.county.units"),
          t("registry.county.workers"),
          t("registry.county.state"),
        ]}
      >
        {counties.map((c) => (
          <tr key={c.county_code}>
            <td>{c.county_code}</td>
            <DataCell text={c.name}>
              <Link to={`/registry/counties/${c.id}`}>{c.name}</Link>
            </DataCell>
            <DataCell text={c.city} />
            <td>{t(`registry.level.${c.poverty_level}`)}</td>
            <td>{c.units}</td>
            <td>{c.workers}</td>
            <td>
              <CoverageState covered={c.covered} short={c.short} closerKind={c.closer_kind} />
            </td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
