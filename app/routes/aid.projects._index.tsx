import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { listProjectsInScope } from "~/models/project.server";
import { requireAidAdmin } from "~/utils/authorize.server";
import { ProjectList } from "~/components/project-list";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("aid.projects")]);

/** The projects of the helpers the admin manages. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scopes } = await requireAidAdmin(request, context);
  return { projects: await listProjectsInScope(context.db, scopes) };
}

export default function Projects() {
  const t = useT();
  const { projects } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to="/aid">{t("aid.title")}</Link>
      </p>
      <h1>{t("aid.projects")}</h1>
      <p className="actions">
        <Link to="/aid/projects/new">{t("aid.project.new")}</Link>
      </p>
      <ProjectList projects={projects} show="county" editHref={(id) => `/aid/projects/${id}`} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
