import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ROLES } from "~/domain/org-vocabulary";
import { NewUserSchema } from "~/domain/user-input";
import { createUser } from "~/models/user.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { authorize } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { requireOrg } from "~/utils/lookups.server";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary, TextField } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("orgs.addUser"), args.data?.org.name]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const org = await requireOrg(context, params.orgId);
  authorize(user, "org:manage", org);
  return { org };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const org = await requireOrg(context, params.orgId);
  authorize(user, "org:manage", org);
  const form = await readForm(request, context);
  const parsed = parseForm(form, NewUserSchema);
  if (!parsed.ok) return formError(parsed);
  return runAction(context, form, async (trx) => {
    const id = await createUser(trx, actorOf(user, context), { ...parsed.data, org });
    return redirect(`/users/${id}`);
  });
}

export default function NewUser() {
  const t = useT();
  const { org } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const checked = (role: string) => (state?.values ? undefined : role === "nominator");
  return (
    <>
      <h1>
        {t("orgs.addUser")} · {org.name}
      </h1>
      <ErrorSummary
        state={state}
        labels={{
          username: t("users.username"),
          displayName: t("users.displayName"),
          password: t("users.password"),
          roles: t("users.roles"),
        }}
      />
      <AppForm className="stack card">
        <TextField
          name="username"
          label={t("users.username")}
          required
          maxLength={32}
          autoComplete="off"
          state={state}
          hint={t("form.usernameFormat")}
        />
        <TextField name="displayName" label={t("users.displayName")} required maxLength={50} state={state} />
        <TextField
          name="password"
          label={t("users.password")}
          type="password"
          required
          autoComplete="new-password"
          state={state}
          hint={t("form.passwordLength")}
        />
        <fieldset className="field">
          <legend>{t("users.roles")}</legend>
          {ROLES.map((r) => (
            <label key={r}>
              <input type="checkbox" name="roles" value={r} defaultChecked={checked(r)} /> {t(`role.${r}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          {t("users.create")}
        </button>
      </AppForm>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
