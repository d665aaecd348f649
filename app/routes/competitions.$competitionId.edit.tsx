import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BasicsFormSchema } from "~/domain/competitions/basics-form";
import { listStages, updateCompetitionBasics } from "~/models/competition.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { useT } from "~/i18n/use-t";
import { CompetitionBasicsForm } from "~/components/competition-basics-form";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("competitions.edit"), args.data?.competition.title]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  return { competition: c, stages: await listStages(context.db, c.id) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  const parsed = parseForm(await readForm(request, context), BasicsFormSchema);
  if (!parsed.ok) return formError(parsed);
  await context.db
    .transaction()
    .execute((trx) => updateCompetitionBasics(trx, actorOf(user, context), c, parsed.data));
  return redirect(`/competitions/${c.id}`);
}

export default function EditCompetition() {
  const t = useT();
  const { competition: c, stages } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>
        {t("competitions.edit")} · {c.title}
      </h1>
      <CompetitionBasicsForm state={state} initial={{ ...c, stages }} locked={c.stage !== "draft"} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
