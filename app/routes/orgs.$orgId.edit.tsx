import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { AppLoadContext } from "@remix-run/node";
import { OrgFieldsSchema } from "~/domain/org-input";
import { scopesOf } from "~/domain/permissions";
import { isWithin } from "~/domain/org-tree";
import { getOrg, listOrgsWithin, updateOrg } from "~/models/org.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { authorize } from "~/utils/authorize.server";
import { requireOrg } from "~/utils/lookups.server";
import { idParam } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { OrgForm } from "~/components/org-form";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("orgs.edit"), args.data?.org.name]);

const EditOrgSchema = OrgFieldsSchema.extend({ parentId: idParam });

async function guard(request: Request, context: AppLoadContext, rawId: string | undefined) {
  const user = await requireUser(request, context);
  const org = await requireOrg(context, rawId);
  authorize(user, "org:edit", org);
  return { user, org, scopes: scopesOf(user.grants, "admin") };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { org, scopes } = await guard(request, context, params.orgId);
  // Possible parents: inside the admin's subtrees, never the org itself or anything below it.
  const parents = (await listOrgsWithin(context.db, scopes)).filter((o) => !isWithin(o.path, org.path));
  return { org, parents: parents.map(({ id, name, path }) => ({ id, name, path })) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, org, scopes } = await guard(request, context, params.orgId);
  const form = await readForm(request, context);
  const parsed = parseForm(form, EditOrgSchema);
  if (!parsed.ok) return formError(parsed);
  const parent = await getOrg(context.db, parsed.data.parentId);
  if (!parent || !scopes.some((s) => isWithin(parent.path, s))) {
    return formError({ errors: { parentId: { key: "error.orgOutsideScope" } }, values: {} });
  }
  return runAction(context, form, async (trx) => {
    await updateOrg(trx, actorOf(user, context), org, { ...parsed.data, parent });
    return redirect(`/orgs/${org.id}`);
  });
}

export default function EditOrg() {
  const t = useT();
  const { org, parents } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>
        {t("orgs.edit")} · {org.name}
      </h1>
      <OrgForm state={state} initial={org} parents={parents} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
