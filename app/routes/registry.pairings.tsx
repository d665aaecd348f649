import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PAIRING_TIERS } from "~/domain/registry/vocabulary";
import { listPairings } from "~/models/pairing.server";
import { requireRegistryAdmin } from "~/utils/authorize.server";
import { badRequest } from "~/utils/http.server";
import { pageParam, searchText } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { FilterForm, FilterSelect, FilterText, ListTable, Pager } from "~/components/registry-list";
import { RegistryNav } from "~/components/registry-nav";
import { ErrorPage } from "~/components/error-page";
import registryStyles from "~/styles/registry.css";
import { DataCell } from "~/components/data-text";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("registry.nav.pairings"), t("registry.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryStyles }];

const blank = (v: unknown) => (v === "" ? undefined : v);
const FilterSchema = z.object({
  tier: z.preprocess(blank, z.enum(PAIRING_TIERS).optional()),
  city: z.preprocess(blank, searchText(50).optional()),
  page: pageParam,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope } = await requireRegistryAdmin(request, context);
  const parsed = FilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw badRequest();
  const { rows, hasMore } = await listPairings(context.db, scope, parsed.data);
  return { rows, hasMore, filter: parsed.data, mayMatch: scope.all };
}

export default function Pairings() {
  const t = useT();
  const { rows, hasMore, filter, mayMatch } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("registry.nav.pairings")}</h1>
      <RegistryNav mayMatch={mayMatch} />
      <FilterForm>
        <FilterSelect
          name="tier"
          label={t("registry.tier")}
          value={filter.tier}
          allLabel={t("registry.tier.all")}
          options={PAIRING_TIERS.map((v) => [v, t(`registry.tier.${v}`)] as const)}
        />
        <FilterText name="city" label={t("registry.city")} value={filter.city} />
      </FilterForm>
      <ListTable
        label={t("registry.nav.pairings")}
        empty={rows.length === 0 && t("registry.pairing.empty")}
        head={[
          t("registry.nav.counties"),
          t("registry.city"),
          t("registry.nav.helpers"),
          t("registry.helper.kind"),
          t("registry.tier"),
          t("registry.startedOn"),
        ]}
      >
        {rows.map((p) => (
          <tr key={p.id}>
            <DataCell text={p.county_name}>
              <Link to={`/registry/counties/${p.county_id}`}>{p.county_name}</Link>{" "}
              <span className="muted">{p.county_code}</span>
            </DataCell>
            <DataCell text={p.county_city} />
            <DataCell text={p.helper_name}>
              {p.helper_name} <span className="muted">{p.helper_ref}</span>
            </DataCell>
            <td>{t(`registry.kind.${p.helper_kind}`)}</td>
            <td>{t(`registry.tier.${p.tier}`)}</td>
            <td>{p.started_on ?? "—"}</td>
          </tr>
        ))}
      </ListTable>
      <Pager filter={filter} hasMore={hasMore} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
