import type { AppLoadContext } from "@remix-run/node";
import { ProjectSchema, type ProjectFields } from "~/domain/activities/project-input";
import { listCountyChoices, listHelperChoices } from "~/models/project.server";
import { formError, parseForm } from "./form.server";

/** The helpers (inside the admin's scope) and counties a project form offers. */
export async function projectChoices(context: AppLoadContext, scopes: string[]) {
  const [helpers, counties] = await Promise.all([
    listHelperChoices(context.db, scopes),
    listCountyChoices(context.db),
  ]);
  return {
    helpers: helpers.map(({ id, name, ref }) => ({ id, name, ref })),
    counties,
    helperPaths: new Map(helpers.map((h) => [h.id, h.org_path])),
  };
}

/** The posted project, with its helper inside the admin's scope and its county known; or the 400 answer. */
export async function parseProjectForm(
  context: AppLoadContext,
  scopes: string[],
  form: FormData,
): Promise<
  | { ok: true; data: ProjectFields; orgPath: string | null }
  | { ok: false; response: ReturnType<typeof formError> }
> {
  const parsed = parseForm(form, ProjectSchema);
  if (!parsed.ok) return { ok: false, response: formError(parsed) };
  const { helperPaths, counties } = await projectChoices(context, scopes);
  const values = Object.fromEntries(
    [...form.entries()].filter(([k, v]) => typeof v === "string" && k !== "_csrf"),
  ) as Record<string, string>;
  if (!helperPaths.has(parsed.data.helperId))
    return {
      ok: false,
      response: formError({ errors: { helperId: { key: "form.invalidChoice" } }, values }),
    };
  if (!counties.some((c) => c.id === parsed.data.countyId))
    return {
      ok: false,
      response: formError({ errors: { countyId: { key: "form.invalidChoice" } }, values }),
    };
  return { ok: true, data: parsed.data, orgPath: helperPaths.get(parsed.data.helperId) ?? null };
}
