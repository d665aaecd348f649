import type { MetaFunction } from "@remix-run/node";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageMeta } from "~/i18n/page-title";
import { useT } from "~/i18n/use-t";
import { applicationClimb, isFinalStop } from "~/domain/contest/application-path";
import { APPLICATION_DECISIONS } from "~/domain/contest/vocabulary";
import { scopesOf } from "~/domain/permissions";
import { decideApplication, listApplicationSteps, listAwaiting } from "~/models/contest-application.server";
import { getOrg } from "~/models/org.server";
import { runAction, statusFor } from "~/utils/action.server";
import { actorOf } from "~/utils/auth.server";
import { authorize } from "~/utils/authorize.server";
import { requireContest } from "~/utils/contest-access.server";
import { contestPaths } from "~/utils/contest-paths";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { idParam } from "~/utils/zod";
import { AppForm, ErrorSummary, StatusMessage } from "~/components/form-fields";
import { ApplicationHistory } from "~/components/contest-application-history";
import { ContestTrail } from "~/components/contest-nav";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestApplications.title"), args.data?.competition.title]);

/** What waits for the signed-in admin's unions: approve (it climbs on), return with a reason, or, at the organizer, admit. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, competition: c } = await requireContest(
    request,
    context,
    params.competitionId,
    "competition:read",
  );
  authorize(user, "admin:somewhere", null);
  const waiting = await listAwaiting(context.db, c.id, scopesOf(user.grants, "admin"));
  const steps = await listApplicationSteps(
    context.db,
    waiting.map((p) => p.id),
  );
  const done = new URL(request.url).searchParams.get("done");
  return {
    competition: { id: c.id, title: c.title, stage: c.stage },
    waiting: waiting.map((p) => ({
      ...p,
      final: isFinalStop(applicationClimb(p.orgPath, c.org_path), p.awaitingOrgId ?? 0),
    })),
    steps,
    done: APPLICATION_DECISIONS.find((d) => d === done) ?? null,
  };
}

const DecideSchema = z.object({
  intent: z.enum(["approve", "return", "admit"]),
  participant: idParam,
  awaiting: idParam,
  reason: z.string().trim().max(500).default(""),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, competition: c } = await requireContest(
    request,
    context,
    params.competitionId,
    "competition:read",
  );
  authorize(user, "admin:somewhere", null);
  const form = await readForm(request, context);
  const parsed = parseForm(form, DecideSchema);
  if (!parsed.ok) return formError({ errors: { _form: Object.values(parsed.errors)[0] }, values: {} });
  // Asked of the union the decider saw: if the application has moved on since, the model says so (409).
  const seen = await getOrg(context.db, parsed.data.awaiting);
  authorize(user, "contest:decide", { organizerPath: c.org_path, awaitingPath: seen?.path ?? "" });
  const done = await runAction(
    context,
    form,
    (trx) =>
      decideApplication(trx, actorOf(user, context), c, parsed.data.participant, {
        intent: parsed.data.intent,
        awaitingOrgId: parsed.data.awaiting,
        reason: parsed.data.reason,
      }),
    { statusOf: statusFor({ "contestParticipants.decidedMeanwhile": 409 }) },
  );
  if (typeof done !== "string") return done;
  return redirect(`${contestPaths(c.id).applications}?done=${done}`);
}

export default function ContestApplications() {
  const t = useT();
  const { competition: c, waiting, steps, done } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ContestTrail competition={c} />
      <h1>{t("contestApplications.title")}</h1>
      {done && !state && <StatusMessage>{t(`contestApplications.done.${done}`)}</StatusMessage>}
      <ErrorSummary state={state} />
      <p>{t("contestApplications.intro")}</p>
      {waiting.length === 0 && <p className="hint">{t("contestApplications.none")}</p>}
      {waiting.map((p) => (
        <section key={p.id} className="card">
          <h2>
            {p.orgName} · {p.groupName}
          </h2>
          <p>{t("contestParticipants.awaiting", { org: p.awaitingName ?? "" })}</p>
          <ApplicationHistory steps={steps.filter((s) => s.participantId === p.id)} />
          <AppForm className="stack">
            <input type="hidden" name="participant" value={p.id} />
            <input type="hidden" name="awaiting" value={p.awaitingOrgId ?? ""} />
            <label htmlFor={`f-reason-${p.id}`}>{t("contestApplications.reasonLabel")}</label>
            <input id={`f-reason-${p.id}`} name="reason" maxLength={500} />
            <div>
              <button type="submit" name="intent" value={p.final ? "admit" : "approve"} className="primary">
                {t(p.final ? "contestApplications.admit" : "contestApplications.approve")}
              </button>{" "}
              <button type="submit" name="intent" value="return">
                {t("contestApplications.return")}
              </button>
            </div>
          </AppForm>
        </section>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
