import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { HELPER_KINDS } from "~/domain/registry/vocabulary";
import { listHelpers } from "~/models/helper.server";
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
  pageMeta(args, (t) => [t("registry.nav.helpers"), t("registry.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryStyles }];

const blank = (v: unknown) => (v === "" ? undefined : v);
const FilterSchema = z.object({
  kind: z.preprocess(blank, z.enum(HELPER_KINDS).optional()),
  city: z.preprocess(blank, searchText(50).optional()),
  q: z.preprocess(blank, searchText(50).optional()),
  page: pageParam,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope } = await requireRegistryAdmin(request, context);
  const parsed = FilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw badRequest();
  const { rows, hasMore } = await listHelpers(context.db, scope, parsed.data);
  return { rows, hasMore, filter: parsed.data, mayMatch: scope.all };
}

export default function Helpers() {
  const t = useT();
  const { rows, hasMore, filter, mayMatch } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("registry.nav.helpers")}</h1>
      <RegistryNav mayMatch={mayMatch} />
      <FilterForm>
        <FilterSelect
          name="kind"
          label={t("registry.helper.kind")}
          value={filter.kind}
          allLabel={t("registry.kind.all")}
          options={HELPER_KINDS.map((k) => [k, t(`registry.kind.${k}`)] as const)}
        />
        <FilterText name="city" label={t("registry.helper.city")} value={filter.city} />
        <FilterText name="q" label={t("registry.search")} value={filter.q} />
      </FilterForm>
      <ListTable
        label={t("registry.nav.helpers")}
        empty={rows.length === 0 && t("registry.helper.empty")}
        head={[
          t("registry.helper.ref"),
          t("registry.helper.name"),
          t("registry.helper.kind"),
          t("registry.helper.city"),
          t("registry.helper.skills"),
          t("registry.helper.paired"),
          t("registry.helper.contact"),
        ]}
      >
        {rows.map((h) => (
          <tr key={h.id}>
            <td>{h.ref}</td>
            <DataCell text={h.name}>
              <Link to={`/registry/helpers/${h.id}`}>{h.name}</Link>
              {h.revoked_at && (
                <span className="status status-revoked">
                  {t("registry.helper.revoked", { date: h.revoked_at.slice(0, 10) })}
                </span>
              )}
            </DataCell>
            <td>{t(`registry.kind.${h.kind}`)}</td>
            <DataCell text={h.city || "—"} />
            <DataCell text={h.skills.split(";").join("、")} />
            <td>
              {h.paired}/{h.capacity}
            </td>
            <td>{h.contact_masked ?? "—"}</td>
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
