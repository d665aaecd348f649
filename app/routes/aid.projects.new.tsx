import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { createProject } from "~/models/project.server";
import { requireAidAdmin } from "~/utils/authorize.server";
import { actorOf } from "~/utils/auth.server";
import { readForm } from "~/utils/form.server";
import { parseProjectForm, projectChoices } from "~/utils/project-form.server";
import { ProjectForm } from "~/components/project-form";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("aid.project.new"), t("aid.projects")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scopes } = await requireAidAdmin(request, context);
  const { helpers, counties } = await projectChoices(context, scopes);
  return { helpers, counties };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, scopes } = await requireAidAdmin(request, context);
  const form = await readForm(request, context);
  const parsed = await parseProjectForm(context, scopes, form);
  if (!parsed.ok) return parsed.response;
  await context.db
    .transaction()
    .execute((trx) => createProject(trx, actorOf(user, context), parsed.data, parsed.orgPath));
  return redirect("/aid/projects");
}

export default function NewProject() {
  const t = useT();
  const { helpers, counties } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to="/aid/projects">{t("aid.projects")}</Link>
      </p>
      <h1>{t("aid.project.new")}</h1>
      {helpers.length === 0 ? (
        <p>{t("aid.project.noHelpers")}</p>
      ) : (
        <ProjectForm state={state} helpers={helpers} counties={counties} />
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
