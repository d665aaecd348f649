import type { AppLoadContext } from "@remix-run/node";
import { ProjectSchema, type ProjectFields } from "~/domain/activities/project-input";
import { teamInScope } from "~/domain/activities/team-scope";
import { getProject, listCountyChoices, listHelperChoices, type ProjectRecord } from "~/models/project.server";
import { formError, parseForm } from "./form.server";
import { forbidden, notFound } from "./http.server";
import { idParam } from "./zod";

/** The project of a URL parameter, managed by the admins of its helper's org (decision 008). */
export async function requireProjectInScope(context: AppLoadContext, scopes: string[], raw: string | undefined): Promise<ProjectRecord> {
  const id = idParam.safeParse(raw);
  if (!id.success) throw notFound();
  const project = await getProject(context.db, id.data);
  if (!project) throw notFound();
  if (!teamInScope(scopes, project.org_path)) throw forbidden();
  return project;
}

export async function projectChoices(context: AppLoadContext, scopes: string[]) {
  const [helpers, counties] = await Promise.all([listHelperChoices(context.db, scopes), listCountyChoices(context.db)]);
  return { helpers: helpers.map(({ id, name, ref }) => ({ id, name, ref })), counties, helperPaths: new Map(helpers.map((h) => [h.id, h.org_path])) };
}

/** The posted project, with its helper inside the admin's scope and its county known; or the 400 answer. */
export async function parseProjectForm(context: AppLoadContext, scopes: string[], form: FormData): Promise<{ ok: true; data: ProjectFields; orgPath: string | null } | { ok: false; response: ReturnType<typeof formError> }> {
  const parsed = parseForm(form, ProjectSchema);
  if (!parsed.ok) return { ok: false, response: formError(parsed) };
  const { helperPaths, counties } = await projectChoices(context, scopes);
  const values = Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === "string" && k !== "_csrf")) as Record<string, string>;
  if (!helperPaths.has(parsed.data.helperId)) return { ok: false, response: formError({ errors: { helperId: { key: "form.invalidChoice" } }, values }) };
  if (!counties.some((c) => c.id === parsed.data.countyId)) return { ok: false, response: formError({ errors: { countyId: { key: "form.invalidChoice" } }, values }) };
  return { ok: true, data: parsed.data, orgPath: helperPaths.get(parsed.data.helperId) ?? null };
}
