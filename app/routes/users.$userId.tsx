import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type AppLoadContext,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLES } from "~/domain/org-vocabulary";
import { scopesOf } from "~/domain/permissions";
import { isWithin } from "~/domain/org-tree";
import { RoleSchema } from "~/domain/user-input";
import { getOrg, listOrgsWithin } from "~/models/org.server";
import {
  getGrant,
  getUser as getUserRow,
  grantRole,
  listGrants,
  revokeRole,
  setActive,
} from "~/models/user.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { authorize } from "~/utils/authorize.server";
import { notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { orgOptions } from "~/domain/org-tree";
import { AppForm, ErrorSummary, SelectField } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { MailAddressForm } from "~/components/mail-address-form";
import { MailIntentSchema } from "~/domain/notifications/mail-address";
import { getMailSettings, setMailSettings } from "~/models/notification-preferences.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    args.data && t("users.title", { name: args.data.target.displayName }),
    t("orgs.title"),
  ]);

/** An admin manages a user whose home org and every role lie in the admin's subtrees. */
async function guard(request: Request, context: AppLoadContext, rawId: string | undefined) {
  const admin = await requireUser(request, context);
  const id = idParam.safeParse(rawId);
  const target = id.success ? await getUserRow(context.db, id.data) : undefined;
  if (!target) throw notFound();
  const grants = await listGrants(context.db, target.id);
  authorize(admin, "user:manage", { orgPath: target.org_path, rolePaths: grants.map((g) => g.orgPath) });
  return { admin, target, grants, scopes: scopesOf(admin.grants, "admin") };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { admin, target, grants, scopes } = await guard(request, context, params.userId);
  const [orgs, mail] = await Promise.all([
    listOrgsWithin(context.db, scopes),
    getMailSettings(context.db, target.id),
  ]);
  return {
    mail,
    target: {
      id: target.id,
      username: target.username,
      displayName: target.display_name,
      orgId: target.org_id,
      orgName: target.org_name,
      active: !!target.is_active,
    },
    grants: grants.map((g) => ({
      ...g,
      revocable: scopes.some((s) => isWithin(g.orgPath, s)) && target.id !== admin.id,
    })),
    orgs: orgs.map(({ id, name, path }) => ({ id, name, path })),
    isSelf: target.id === admin.id,
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("grant"), role: RoleSchema, orgId: idParam }),
  z.object({ intent: z.literal("revoke"), grantId: idParam }),
  z.object({ intent: z.literal("activate") }),
  z.object({ intent: z.literal("deactivate") }),
  MailIntentSchema,
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { admin, target, scopes } = await guard(request, context, params.userId);
  const form = await readForm(request, context);
  const parsed = parseForm(form, ActionSchema);
  if (!parsed.ok) return formError(parsed);
  const actor = actorOf(admin, context);
  const input = parsed.data;
  const inScope = (path: string) => scopes.some((s) => isWithin(path, s));
  return runAction(context, form, async (trx) => {
    if (input.intent === "grant") {
      const org = await getOrg(trx, input.orgId);
      if (!org || !inScope(org.path))
        return formError({ errors: { orgId: { key: "error.orgOutsideScope" } }, values: {} });
      await grantRole(trx, actor, target.id, org, input.role);
    } else if (input.intent === "revoke") {
      const grant = await getGrant(trx, target.id, input.grantId);
      if (!grant) throw notFound();
      authorize(admin, "role:revoke", { orgPath: grant.org_path });
      if (target.id === admin.id)
        return formError({ errors: { _form: { key: "error.selfRevoke" } }, values: {} });
      await revokeRole(trx, actor, target.id, grant.id);
    } else if (input.intent === "mail") {
      await setMailSettings(
        trx,
        actor,
        { id: target.id, orgPath: target.org_path },
        { email: input.email, mailLanguage: input.mailLanguage },
      );
    } else {
      authorize(admin, "user:activate", { self: target.id === admin.id });
      await setActive(trx, actor, target.id, input.intent === "activate", target.org_path);
    }
    return redirect(`/users/${target.id}`);
  });
}

export default function UserPage() {
  const t = useT();
  const { target, grants, orgs, isSelf, mail } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>{t("users.title", { name: target.displayName })}</h1>
      <ErrorSummary
        state={state}
        labels={{ email: t("inbox.address.email"), mailLanguage: t("inbox.address.language") }}
      />
      <dl className="facts card">
        <dt>{t("users.username")}</dt>
        <dd>{target.username}</dd>
        <dt>{t("users.org")}</dt>
        <dd>{target.orgId ? <Link to={`/orgs/${target.orgId}`}>{target.orgName}</Link> : "—"}</dd>
        <dt>{t("users.active")}</dt>
        <dd>{target.active ? t("users.isActive") : t("users.isInactive")}</dd>
      </dl>
      {!isSelf && (
        <AppForm>
          <input type="hidden" name="intent" value={target.active ? "deactivate" : "activate"} />
          <button type="submit" className="secondary">
            {target.active ? t("users.deactivate") : t("users.activate")}
          </button>
        </AppForm>
      )}
      <h2>{t("inbox.address.title")}</h2>
      <MailAddressForm mail={mail} state={state} own={isSelf} className="inline-form card" />
      <h2>{t("users.roles")}</h2>
      {grants.length === 0 ? (
        <p className="muted">{t("users.noRoles")}</p>
      ) : (
        <ul>
          {grants.map((g) => (
            <li key={g.id}>
              {t(`role.${g.role}`)} · {g.orgName}{" "}
              {g.revocable && (
                <AppForm style={{ display: "inline" }}>
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="grantId" value={g.id} />
                  <button type="submit" className="link-button">
                    {t("users.revoke")}
                  </button>
                </AppForm>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("users.grant")}</h2>
      <AppForm className="inline-form card">
        <input type="hidden" name="intent" value="grant" />
        <SelectField
          name="role"
          label={t("users.roles")}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          state={state}
        />
        <SelectField
          name="orgId"
          label={t("users.grantAt")}
          defaultValue={String(target.orgId ?? "")}
          options={orgOptions(orgs)}
          state={state}
        />
        <button type="submit" className="primary">
          {t("users.grant")}
        </button>
      </AppForm>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
