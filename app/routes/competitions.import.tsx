import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { CompetitionTemplateSchema } from "~/domain/competitions/template";
import { hasRoleAt } from "~/domain/permissions";
import { isMessageKey, negotiateLocale, type Params, translator } from "~/i18n";
import { createCompetition } from "~/models/competition.server";
import { getOrgByName } from "~/models/org.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { authorize } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError, readForm } from "~/utils/form.server";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("competitions.import"), t("nav.competitions")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(await requireUser(request, context), "competition:create", null);
  return null;
}

const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

async function templateText(form: FormData): Promise<string> {
  const file = form.get("file");
  if (file && typeof file !== "string" && file.size > 0)
    return file.size > MAX_TEMPLATE_BYTES ? "" : await file.text();
  const text = form.get("template");
  return typeof text === "string" ? text : "";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  authorize(user, "competition:create", null);
  const form = await readForm(request, context);
  const fail = (
    key: "competitions.templateJson" | "competitions.templateInvalid" | "error.orgOutsideScope",
    detail = "",
  ) => formError({ errors: { template: { key, params: { detail } } }, values: {} });
  let json: unknown;
  try {
    json = JSON.parse(await templateText(form));
  } catch {
    return fail("competitions.templateJson");
  }
  const parsed = CompetitionTemplateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Our messages name what is wrong (an unknown rule value and the accepted ones): say them in the reader's language.
    const t = translator(
      negotiateLocale(request.headers.get("cookie"), request.headers.get("accept-language")),
    );
    const params = "params" in issue ? (issue.params as Params | undefined) : undefined;
    return fail(
      "competitions.templateInvalid",
      `${issue.path.join(".")}: ${isMessageKey(issue.message) ? t(issue.message, params) : issue.code}`,
    );
  }
  const organizer = await getOrgByName(context.db, parsed.data.organizer);
  if (!organizer || !hasRoleAt(user.grants, "admin", organizer.path)) return fail("error.orgOutsideScope");
  return runAction(context, form, async (trx) => {
    const id = await createCompetition(trx, actorOf(user, context), organizer, parsed.data);
    return redirect(`/competitions/${id}`);
  });
}

export default function ImportCompetition() {
  const t = useT();
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>{t("competitions.import")}</h1>
      <p>{t("competitions.importHint")}</p>
      <ErrorSummary state={state} />
      <AppForm className="stack card" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="f-file">{t("competitions.templateFile")}</label>
          <input id="f-file" name="file" type="file" accept="application/json,.json" />
        </div>
        <div className="field">
          <label htmlFor="f-template">{t("competitions.templateText")}</label>
          <textarea id="f-template" name="template" rows={12} spellCheck={false} />
        </div>
        <button type="submit" className="primary">
          {t("competitions.import")}
        </button>
      </AppForm>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
