import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasRole } from "~/domain/permissions";
import { listAllCompetitions } from "~/models/competition.server";
import { requireUser } from "~/utils/auth.server";
import { allows } from "~/utils/authorize.server";
import { useT } from "~/i18n/use-t";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("competitions.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const all = await listAllCompetitions(context.db);
  return {
    competitions: all.filter((c) => allows(user, "competition:read", { orgPath: c.org_path })),
    isAdmin: hasRole(user.grants, "admin"),
  };
}

export default function Competitions() {
  const t = useT();
  const { competitions, isAdmin } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("competitions.title")}</h1>
      {isAdmin && (
        <div className="actions">
          <Link className="button" to="/competitions/new">
            {t("competitions.new")}
          </Link>
          <Link to="/competitions/import">{t("competitions.import")}</Link>
        </div>
      )}
      {competitions.length === 0 ? (
        <p className="muted">{t("competitions.empty")}</p>
      ) : (
        <TableRegion label={t("competitions.title")}>
          <table>
            <thead>
              <tr>
                <th>{t("competitions.year")}</th>
                <th>{t("competitions.titleField")}</th>
                <th>{t("competitions.organizer")}</th>
                <th>{t("competitions.stage")}</th>
              </tr>
            </thead>
            <tbody>
              {competitions.map((c) => (
                <tr key={c.id}>
                  <td>{c.year}</td>
                  <td>
                    <Link to={`/competitions/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{c.org_name}</td>
                  <td>{t(`stage.${c.stage}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
