import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { HELPER_KINDS } from "../../db/schema-registry";
import { listHelpers } from "~/models/helper.server";
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

function pageLink(filter: Record<string, unknown>, page: number) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && k !== "page") params.set(k, String(v));
  params.set("page", String(page));
  return `?${params}`;
}

export default function Helpers() {
  const t = useT();
  const { rows, hasMore, filter, mayMatch } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("registry.nav.helpers")}</h1>
      <RegistryNav mayMatch={mayMatch} />
      <AppForm method="get" className="inline-form card">
        <div className="field">
          <label htmlFor="f-kind">{t("registry.helper.kind")}</label>
          <select id="f-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">{t("registry.kind.all")}</option>
            {HELPER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`registry.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-city">{t("registry.helper.city")}</label>
          <input id="f-city" name="city" defaultValue={filter.city ?? ""} maxLength={50} />
        </div>
        <div className="field">
          <label htmlFor="f-q">{t("registry.search")}</label>
          <input id="f-q" name="q" defaultValue={filter.q ?? ""} maxLength={50} />
        </div>
        <button type="submit" className="primary">
          {t("registry.filter")}
        </button>
      </AppForm>
      {rows.length === 0 ? (
        <p className="muted">{t("registry.helper.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("registry.helper.ref")}</th>
                <th scope="col">{t("registry.helper.name")}</th>
                <th scope="col">{t("registry.helper.kind")}</th>
                <th scope="col">{t("registry.helper.city")}</th>
                <th scope="col">{t("registry.helper.skills")}</th>
                <th scope="col">{t("registry.helper.paired")}</th>
                <th scope="col">{t("registry.helper.contact")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((h) => (
                <tr key={h.id}>
                  <td>{h.ref}</td>
                  <td>
                    <Link to={`/registry/helpers/${h.id}`}>{h.name}</Link>
                    {h.revoked_at && <span className="status status-revoked">{t("registry.helper.revoked", { date: h.revoked_at.slice(0, 10) })}</span>}
                  </td>
                  <td>{t(`registry.kind.${h.kind}`)}</td>
                  <td>{h.city || "—"}</td>
                  <td>{h.skills.split(";").join("、")}</td>
                  <td>
                    {h.paired}/{h.capacity}
                  </td>
                  <td>{h.contact_masked ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager">
        {filter.page > 1 && <Link to={pageLink(filter, filter.page - 1)}>{t("registry.prev")}</Link>}
        {hasMore && <Link to={pageLink(filter, filter.page + 1)}>{t("registry.next")}</Link>}
      </nav>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
