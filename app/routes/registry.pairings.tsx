import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PAIRING_TIERS } from "../../db/schema-registry";
import { listPairings } from "~/models/pairing.server";
import { requireRegistryAdmin } from "~/models/registry-access.server";
import { badRequest } from "~/utils/http.server";
import { pageParam, searchText } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { AppForm } from "~/components/form-fields";
import { RegistryNav } from "~/components/registry-nav";
import { ErrorPage } from "~/components/error-page";
import registryStyles from "~/styles/registry.css";

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
  const page = (n: number) => `?${new URLSearchParams({ ...(filter.tier ? { tier: filter.tier } : {}), ...(filter.city ? { city: filter.city } : {}), page: String(n) })}`;
  return (
    <>
      <h1>{t("registry.nav.pairings")}</h1>
      <RegistryNav mayMatch={mayMatch} />
      <AppForm method="get" className="inline-form card">
        <div className="field">
          <label htmlFor="f-tier">{t("registry.tier")}</label>
          <select id="f-tier" name="tier" defaultValue={filter.tier ?? ""}>
            <option value="">{t("registry.tier.all")}</option>
            {PAIRING_TIERS.map((v) => (
              <option key={v} value={v}>
                {t(`registry.tier.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-city">{t("registry.city")}</label>
          <input id="f-city" name="city" defaultValue={filter.city ?? ""} maxLength={50} />
        </div>
        <button type="submit" className="primary">
          {t("registry.filter")}
        </button>
      </AppForm>
      {rows.length === 0 ? (
        <p className="muted">{t("registry.pairing.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("registry.nav.counties")}</th>
                <th scope="col">{t("registry.city")}</th>
                <th scope="col">{t("registry.nav.helpers")}</th>
                <th scope="col">{t("registry.helper.kind")}</th>
                <th scope="col">{t("registry.tier")}</th>
                <th scope="col">{t("registry.startedOn")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/registry/counties/${p.county_id}`}>{p.county_name}</Link> <span className="muted">{p.county_code}</span>
                  </td>
                  <td>{p.county_city}</td>
                  <td>
                    {p.helper_name} <span className="muted">{p.helper_ref}</span>
                  </td>
                  <td>{t(`registry.kind.${p.helper_kind}`)}</td>
                  <td>{t(`registry.tier.${p.tier}`)}</td>
                  <td>{p.started_on ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager">
        {filter.page > 1 && <Link to={page(filter.page - 1)}>{t("registry.prev")}</Link>}
        {hasMore && <Link to={page(filter.page + 1)}>{t("registry.next")}</Link>}
      </nav>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
