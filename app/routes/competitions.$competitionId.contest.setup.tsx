import type { MetaFunction } from "@remix-run/node";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageMeta } from "~/i18n/page-title";
import { readSetupForm, setupFormValues } from "~/domain/contest/setup-form";
import { hasVerifiedReport, removeContest, saveScheme, schemeSnapshot } from "~/models/contest.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm, textValues } from "~/utils/form.server";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { ContestSetupForm } from "~/components/contest-setup-form";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestSetup.setup"), args.data?.competition.title]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  const scheme = await schemeSnapshot(context.db, c.id);
  // A locked scheme says why instead of offering a form every save of which would be refused.
  const locked = !["draft", "running"].includes(c.stage) || (await hasVerifiedReport(context.db, c.id));
  return { competition: c, hasContest: scheme !== null, locked, values: setupFormValues(scheme) };
}

const IntentSchema = z.object({ intent: z.enum(["save", "remove"]).default("save") });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  const form = await readForm(request, context);
  const intent = parseForm(form, IntentSchema);
  if (!intent.ok) return formError(intent);
  const actor = actorOf(user, context);
  if (intent.data.intent === "remove")
    return runAction(context, form, async (trx) => {
      await removeContest(trx, c.id, actor);
      return redirect(`/competitions/${c.id}`);
    });
  const values = textValues(form);
  const read = readSetupForm(values);
  if (!read.ok) return data({ ok: false as const, errors: read.errors, values }, { status: 400 });
  return runAction(context, form, async (trx) => {
    await saveScheme(trx, c.id, read.scheme, actor, read.topN);
    return redirect(`/competitions/${c.id}/contest?saved=1`);
  });
}

export default function ContestSetup() {
  const t = useT();
  const { competition: c, hasContest, locked, values } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}/contest`}>{t("contestSetup.back")}</Link>
      </p>
      <h1>
        {t("contestSetup.setup")} · {c.title}
      </h1>
      <ErrorSummary
        state={state}
        labels={{
          groups: t("contestSetup.groups"),
          periods: t("contestSetup.periods"),
          indicators: t("contestSetup.indicators"),
        }}
      />
      {locked ? (
        <p className="alert alert-warning">
          {t(
            c.stage === "draft" || c.stage === "running"
              ? "contestSetup.lockedNote"
              : "contestSetup.notEditable",
          )}
        </p>
      ) : (
        <ContestSetupForm state={state} initial={values} />
      )}
      {hasContest && c.stage === "draft" && (
        <AppForm>
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className="secondary">
            {t("contestSetup.removeContest")}
          </button>
        </AppForm>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
