import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { fenToYuanText } from "~/domain/money";
import { useT } from "~/i18n/use-t";
import { updateProject } from "~/models/project.server";
import { requireAidAdmin, requireProject } from "~/utils/authorize.server";
import { actorOf } from "~/utils/auth.server";
import { readForm } from "~/utils/form.server";
import { parseProjectForm, projectChoices } from "~/utils/project-form.server";
import { ProjectForm } from "~/components/project-form";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("aid.project.edit"), args.data?.initial.title, t("aid.projects")]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, scopes } = await requireAidAdmin(request, context);
  const p = await requireProject(context, user, params.projectId);
  const { helpers, counties } = await projectChoices(context, scopes);
  const initial = {
    helperId: String(p.helper_id),
    countyId: String(p.county_id),
    title: p.title,
    investment: fenToYuanText(p.investment_fen),
    startedOn: p.started_on ?? "",
    endedOn: p.ended_on ?? "",
    status: p.status,
  };
  return { initial, helpers, counties };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scopes } = await requireAidAdmin(request, context);
  const before = await requireProject(context, user, params.projectId);
  const form = await readForm(request, context);
  const parsed = await parseProjectForm(context, scopes, form);
  if (!parsed.ok) return parsed.response;
  await context.db
    .transaction()
    .execute((trx) => updateProject(trx, actorOf(user, context), before, parsed.data, parsed.orgPath));
  return redirect("/aid/projects");
}

export default function EditProject() {
  const t = useT();
  const { initial, helpers, counties } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to="/aid/projects">{t("aid.projects")}</Link>
      </p>
      <h1>{t("aid.project.edit")}</h1>
      <ProjectForm state={state} initial={initial} helpers={helpers} counties={counties} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
