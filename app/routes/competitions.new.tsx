import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BasicsFormSchema } from "~/domain/competitions/basics-form";
import { hasRoleAt } from "~/domain/permissions";
import { createDraftCompetition } from "~/models/competition.server";
import { getOrg, listOrgsWithin } from "~/models/org.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { requireAdminScopes } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { idParam } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { CompetitionBasicsForm } from "~/components/competition-basics-form";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("competitions.new"), t("nav.competitions")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const scopes = requireAdminScopes(user, "competition:create");
  // Organizers are the orgs a user administers directly, and the ones below them.
  const orgs = await listOrgsWithin(context.db, scopes);
  return {
    organizers: orgs.filter((o) => o.kind !== "grassroots").map(({ id, name, path }) => ({ id, name, path })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const scopes = requireAdminScopes(user, "competition:create");
  const form = await readForm(request, context);
  const parsed = parseForm(form, BasicsFormSchema);
  const orgId = idParam.safeParse(form.get("orgId"));
  const org = orgId.success ? await getOrg(context.db, orgId.data) : undefined;
  if (!org || !hasRoleAt(user.grants, "admin", org.path) || !scopes.length) {
    return formError({
      errors: { orgId: { key: "error.orgOutsideScope" } },
      values: parsed.ok ? {} : parsed.values,
    });
  }
  if (!parsed.ok) return formError(parsed);
  return runAction(context, form, async (trx) => {
    const id = await createDraftCompetition(trx, actorOf(user, context), org, parsed.data);
    return redirect(`/competitions/${id}`);
  });
}

export default function NewCompetition() {
  const t = useT();
  const { organizers } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>{t("competitions.new")}</h1>
      <CompetitionBasicsForm state={state} organizers={organizers} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
