import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { canEditOrg, hasRoleAt } from "~/domain/permissions";
import { getOrg, listAncestors, listChildren } from "~/models/org.server";
import { listRolesOfUsers, listUsersOfOrg } from "~/models/user.server";
import { getUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n";
import { ErrorPage } from "~/components/error-page";
import { OrgBreadcrumbs } from "~/components/org-breadcrumbs";
import { TableRegion } from "~/components/table-region";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [args.data?.org.name, t("orgs.title")]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam.safeParse(params.orgId);
  if (!id.success) throw notFound();
  const org = await getOrg(context.db, id.data);
  if (!org) throw notFound();
  const user = await getUser(request, context);
  const isAdmin = !!user && hasRoleAt(user.grants, "admin", org.path);
  const [ancestors, children] = await Promise.all([
    listAncestors(context.db, org),
    listChildren(context.db, org.id),
  ]);
  // Who works where is for the org's own admins only.
  let users: { id: number; username: string; display_name: string; is_active: number; roles: string[] }[] =
    [];
  if (isAdmin) {
    const rows = await listUsersOfOrg(context.db, org.id);
    const roles = await listRolesOfUsers(
      context.db,
      rows.map((r) => r.id),
    );
    users = rows.map((r) => ({
      ...r,
      roles: roles.filter((g) => g.user_id === r.id).map((g) => `${g.role}@${g.org_name}`),
    }));
  }
  return { org, ancestors, children, users, isAdmin, canEdit: !!user && canEditOrg(user.grants, org.path) };
}

export default function OrgPage() {
  const t = useT();
  const { org, ancestors, children, users, isAdmin, canEdit } = useLoaderData<typeof loader>();
  return (
    <>
      <OrgBreadcrumbs ancestors={ancestors} />
      <h1>{org.name}</h1>
      <dl className="facts card">
        <dt>{t("orgs.kind")}</dt>
        <dd>{t(`orgKind.${org.kind}`)}</dd>
        <dt>{t("orgs.regionCode")}</dt>
        <dd>{org.region_code ?? t("orgs.none")}</dd>
        <dt>{t("orgs.parent")}</dt>
        <dd>
          {ancestors.length ? (
            <Link to={`/orgs/${ancestors[ancestors.length - 1].id}`}>
              {ancestors[ancestors.length - 1].name}
            </Link>
          ) : (
            t("orgs.none")
          )}
        </dd>
      </dl>
      {(isAdmin || canEdit) && (
        <div className="actions">
          {canEdit && <Link to={`/orgs/${org.id}/edit`}>{t("orgs.edit")}</Link>}
          {isAdmin && <Link to={`/orgs/${org.id}/new`}>{t("orgs.addChild")}</Link>}
          {isAdmin && <Link to={`/orgs/${org.id}/users/new`}>{t("orgs.addUser")}</Link>}
        </div>
      )}
      <h2>{t("orgs.children")}</h2>
      {children.length === 0 ? (
        <p className="muted">{t("orgs.noChildren")}</p>
      ) : (
        <ul>
          {children.map((c) => (
            <li key={c.id}>
              <Link to={`/orgs/${c.id}`}>{c.name}</Link>{" "}
              <span className="muted">{t(`orgKind.${c.kind}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {isAdmin && (
        <>
          <h2>{t("orgs.users")}</h2>
          {users.length === 0 ? (
            <p className="muted">{t("orgs.noUsers")}</p>
          ) : (
            <TableRegion label={t("orgs.users")}>
              <table>
                <thead>
                  <tr>
                    <th>{t("users.username")}</th>
                    <th>{t("users.displayName")}</th>
                    <th>{t("users.roles")}</th>
                    <th>{t("users.active")}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((u) => (
                    <tr key={u.id}>
                      <td>
                        <Link to={`/users/${u.id}`}>{u.username}</Link>
                      </td>
                      <td>{u.display_name}</td>
                      <td>
                        {u.roles.length
                          ? u.roles.map((r) => <RoleLabel key={r} value={r} />)
                          : t("users.noRoles")}
                      </td>
                      <td>{u.is_active ? t("users.isActive") : t("users.isInactive")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </>
      )}
    </>
  );
}

function RoleLabel({ value }: { value: string }) {
  const t = useT();
  const [role, org] = value.split("@");
  return (
    <div>
      {t(`role.${role}` as MessageKey)} · {org}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
