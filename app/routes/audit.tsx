import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { distinctAuditActions, listAudit } from "~/models/audit.server";
import { requireUser } from "~/utils/auth.server";
import { requireAdminScopes } from "~/utils/authorize.server";
import { badRequest } from "~/utils/http.server";
import { isoDate, pageParam, searchText } from "~/utils/zod";
import { pageLink } from "~/utils/page-link";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDateTime } from "~/i18n/format";
import { AppForm } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("audit.title")]);

const PAGE_SIZE = 50;
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const FilterSchema = z.object({
  action: z.preprocess(blankToUndefined, searchText(64).optional()),
  actor: z.preprocess(blankToUndefined, searchText(64).optional()),
  from: z.preprocess(blankToUndefined, isoDate.optional()),
  to: z.preprocess(blankToUndefined, isoDate.optional()),
  page: pageParam,
});

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const scopes = requireAdminScopes(user, "audit:read");
  const filter = FilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) throw badRequest();
  const f = filter.data;
  const [{ rows, hasMore }, actions] = await Promise.all([
    listAudit(context.db, {
      scopes,
      action: f.action,
      actor: f.actor,
      from: f.from,
      to: f.to ? nextDay(f.to) : undefined,
      page: f.page,
      pageSize: PAGE_SIZE,
    }),
    distinctAuditActions(context.db, scopes),
  ]);
  return { rows, hasMore, actions, filter: f };
}

export default function AuditLog() {
  const t = useT();
  const locale = useLocale();
  const { rows, hasMore, actions, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <AppForm method="get" className="inline-form card">
        <div className="field">
          <label htmlFor="f-action">{t("audit.action")}</label>
          <select id="f-action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">{t("audit.any")}</option>
            {actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-actor">{t("audit.actor")}</label>
          <input id="f-actor" name="actor" defaultValue={filter.actor ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-from">{t("audit.from")}</label>
          <input id="f-from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t("audit.to")}</label>
          <input id="f-to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <button type="submit" className="primary">
          {t("audit.filter")}
        </button>
      </AppForm>
      {rows.length === 0 ? (
        <p className="muted">{t("audit.empty")}</p>
      ) : (
        <TableRegion label={t("audit.title")}>
          <table>
            <thead>
              <tr>
                <th>{t("audit.at")}</th>
                <th>{t("audit.actor")}</th>
                <th>{t("audit.action")}</th>
                <th>{t("audit.entity")}</th>
                <th>{t("audit.ip")}</th>
                <th>{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(locale, r.at)}</td>
                  <td>{r.actor_label}</td>
                  <td>{r.action}</td>
                  <td>
                    {r.entity} {r.entity_id ?? ""}
                  </td>
                  <td>{r.ip ?? ""}</td>
                  <td>
                    {r.before_json && (
                      <pre className="json">
                        <span className="visually-hidden">{t("audit.before")}: </span>− {r.before_json}
                      </pre>
                    )}
                    {r.after_json && (
                      <pre className="json">
                        <span className="visually-hidden">{t("audit.after")}: </span>+ {r.after_json}
                      </pre>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <nav className="pager" aria-label={t("audit.page", { page: filter.page })}>
        {filter.page > 1 && <Link to={pageLink(filter, filter.page - 1)}>{t("audit.prev")}</Link>}
        <span>{t("audit.page", { page: filter.page })}</span>
        {hasMore && <Link to={pageLink(filter, filter.page + 1)}>{t("audit.next")}</Link>}
      </nav>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
