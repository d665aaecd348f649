import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { OrgFieldsSchema } from "~/domain/org-input";
import { createOrg } from "~/models/org.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { authorize } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { requireOrg } from "~/utils/lookups.server";
import { useT } from "~/i18n/use-t";
import { OrgForm } from "~/components/org-form";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("orgs.addChild"), args.data?.parent.name]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const parent = await requireOrg(context, params.orgId);
  authorize(user, "org:manage", parent);
  return { parent };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parent = await requireOrg(context, params.orgId);
  authorize(user, "org:manage", parent);
  const form = await readForm(request, context);
  const parsed = parseForm(form, OrgFieldsSchema);
  if (!parsed.ok) return formError(parsed);
  return runAction(context, form, async (trx) => {
    const org = await createOrg(trx, actorOf(user, context), parent, parsed.data);
    return redirect(`/orgs/${org.id}`);
  });
}

export default function NewOrg() {
  const t = useT();
  const { parent } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>
        {t("orgs.addChild")} · {parent.name}
      </h1>
      <OrgForm state={state} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
