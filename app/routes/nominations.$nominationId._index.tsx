import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DomainError } from "~/domain/errors";
import type { LifecycleRole } from "~/domain/nominations/lifecycle";
import { OPINIONS, type NominationStatus } from "~/domain/nominations/vocabulary";
import { CONSULTED_DEPARTMENTS, listConsultations, recordConsultation } from "~/models/consultation.server";
import { transitionNomination } from "~/models/nomination.server";
import { formValues, listNominationFiles } from "~/models/nomination-files.server";
import {
  getNominationDossier,
  listNominationEvents,
  nominationAccess,
  revealPersonalData,
} from "~/models/nomination-query.server";
import { canConsult, canEditFields, openSteps } from "~/domain/nominations/stage-windows";
import { actorOf, requireUser } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { parseForm, readForm } from "~/utils/form.server";
import { authorize } from "~/utils/authorize.server";
import { actionCacheControl, notFound } from "~/utils/http.server";
import { idParam, optionalText, text } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary, StatusMessage } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { NominationFacts } from "~/components/nomination-facts";
import { NominationFileList } from "~/components/nomination-files";
import { NominationHistory, ReturnNotice } from "~/components/nomination-history";
import { ConsultationPanel, NominationStepForms } from "~/components/nomination-review";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    args.data?.nomination.name,
    t("title.nomination"),
    args.data?.nomination.competition_title,
  ]);

/** The nominating org's nominators and the organizer's admins; nobody else, not even a judge. */
async function guard(request: Request, context: AppLoadContext, rawId: string | undefined) {
  const user = await requireUser(request, context);
  const id = idParam.safeParse(rawId);
  const n = id.success ? await getNominationDossier(context.db, id.data) : undefined;
  if (!n) throw notFound();
  authorize(user, "nomination:read", { organizerPath: n.organizer_path, orgPath: n.org_path });
  const access = nominationAccess(user, { org_path: n.organizer_path }, n.org_path);
  return { user, n, access, status: n.status as NominationStatus };
}

const stepInfo = (e: { action: string; to: string; reasonRequired: boolean }) => ({
  action: e.action,
  to: e.to,
  reasonRequired: e.reasonRequired,
});

/** A reveal answers no-store; the page and the data response carry it too (issue #14). */
export const headers = actionCacheControl;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { n, access, status } = await guard(request, context, params.nominationId);
  const [events, files, consultations] = await Promise.all([
    listNominationEvents(context.db, n.id),
    listNominationFiles(context.db, n.id),
    access.admin ? listConsultations(context.db, n.id) : Promise.resolve([]),
  ]);
  const stage = n.competition_stage;
  return {
    nomination: n,
    events,
    files,
    consultations,
    access,
    canEdit: access.nominator && canEditFields(stage, status),
    nominatorSteps: access.nominator ? openSteps(stage, status, "nominator").map(stepInfo) : [],
    reviewSteps: access.admin ? openSteps(stage, status, "admin").map(stepInfo) : [],
    consultationOpen: access.admin && canConsult(stage, status),
    departments: CONSULTED_DEPARTMENTS,
    hasPersonal: !!(n.id_number_masked || n.phone_masked),
  };
}

const NOMINATOR_STEPS = ["submit", "resubmit", "withdraw"] as const;
const ADMIN_STEPS = ["return", "markEligible", "markIneligible", "reinstate"] as const;

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.enum([...NOMINATOR_STEPS, ...ADMIN_STEPS]),
    version: z.coerce.number().int().min(1),
    reason: optionalText(500),
  }),
  z.object({
    intent: z.literal("consult"),
    department: text(50),
    opinion: z.enum(OPINIONS),
    note: optionalText(500),
  }),
  z.object({ intent: z.literal("reveal") }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, n, status } = await guard(request, context, params.nominationId);
  const form = await readForm(request, context);
  const intent = String(form.get("intent") ?? "");
  const parsed = parseForm(form, ActionSchema);
  if (!parsed.ok)
    return data(
      { ok: false as const, intent, errors: parsed.errors, values: parsed.values, revealed: null },
      { status: 400 },
    );
  const input = parsed.data;
  const actor = actorOf(user, context);
  return runAction(
    context,
    form,
    async (trx) => {
      if (input.intent === "reveal") {
        authorize(user, "competition:manage", { orgPath: n.organizer_path });
        const revealed = await revealPersonalData(trx, actor, context.secrets.dataKey, n);
        return data(
          { ok: true as const, intent, errors: undefined, values: undefined, revealed },
          { headers: { "Cache-Control": "no-store" } },
        );
      }
      if (input.intent === "consult") {
        authorize(user, "competition:manage", { orgPath: n.organizer_path });
        if (!canConsult(n.competition_stage, status)) throw new DomainError("nominations.stepClosed");
        await recordConsultation(trx, actor, n, {
          department: input.department,
          opinion: input.opinion,
          note: input.note ?? "",
        });
        return redirect(`/nominations/${n.id}`);
      }
      const role: LifecycleRole = (NOMINATOR_STEPS as readonly string[]).includes(input.intent)
        ? "nominator"
        : "admin";
      if (role === "nominator")
        authorize(user, "nomination:edit", { organizerPath: n.organizer_path, orgPath: n.org_path });
      else authorize(user, "competition:manage", { orgPath: n.organizer_path });
      const step = openSteps(n.competition_stage, status, role).find((s) => s.action === input.intent);
      if (!step) throw new DomainError("nominations.stepClosed");
      if (input.version !== n.version) throw new DomainError("nomination.stale");
      await transitionNomination(trx, actor, n, step.to, role, input.reason);
      const submitted = step.to === "submitted" || step.to === "resubmitted";
      return redirect(`/nominations/${n.id}${submitted ? "?done=submitted" : ""}`);
    },
    {
      body: ({ errors }) => ({
        ok: false as const,
        intent,
        errors,
        values: formValues(form),
        revealed: null,
      }),
    },
  );
}

/** The confirmation after the nominator saved or submitted (`?done=`), only while it is still true. */
function NominationConfirmation({ status }: { status: string }) {
  const t = useT();
  const done = useSearchParams()[0].get("done");
  if (done === "submitted" && (status === "submitted" || status === "resubmitted"))
    return <StatusMessage>{t("confirm.nominationSubmitted")}</StatusMessage>;
  if (done === "saved")
    return (
      <StatusMessage>
        {t(status === "draft" ? "confirm.nominationSaved" : "confirm.changesSaved")}
      </StatusMessage>
    );
  return null;
}

export default function NominationDossier() {
  const t = useT();
  const {
    nomination: n,
    events,
    files,
    consultations,
    access,
    canEdit,
    nominatorSteps,
    reviewSteps,
    consultationOpen,
    departments,
    hasPersonal,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const state = result && !result.ok ? result : undefined;
  const revealed = result?.ok ? result.revealed : null;
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${n.competition_id}/nominations`}>{n.competition_title}</Link> ·{" "}
        {t(`stage.${n.competition_stage}`)}
      </p>
      <h1>{n.name}</h1>
      <ErrorSummary state={state} />
      <ReturnNotice status={n.status} events={events} />
      {!result && <NominationConfirmation status={n.status} />}
      {(canEdit || nominatorSteps.length > 0) && (
        <section aria-label={t("nominations.dossier.nominatorActions")}>
          {canEdit && (
            <p className="actions">
              <Link className="button" to={`/nominations/${n.id}/edit`}>
                {t("nominations.edit")}
              </Link>
            </p>
          )}
          <NominationStepForms steps={nominatorSteps} version={n.version} state={state} />
        </section>
      )}
      <NominationFacts
        n={n}
        revealed={revealed}
        personalControl={
          access.admin && hasPersonal && !revealed ? (
            <AppForm className="actions">
              <input type="hidden" name="intent" value="reveal" />
              <button type="submit" className="secondary">
                {t("review.reveal")}
              </button>
              <span className="hint">{t("review.revealHint")}</span>
            </AppForm>
          ) : null
        }
      />
      <h2>{t("nominations.section.files")}</h2>
      <NominationFileList nominationId={n.id} files={files} />
      {access.admin && (
        <section aria-labelledby="review">
          <h2 id="review">{t("review.title")}</h2>
          {reviewSteps.length > 0 ? (
            <NominationStepForms steps={reviewSteps} version={n.version} state={state} />
          ) : (
            <p className="muted">{t("review.noSteps")}</p>
          )}
          <ConsultationPanel
            consultations={consultations}
            departments={departments}
            open={consultationOpen}
            state={state}
          />
        </section>
      )}
      <h2>{t("nominations.history.title")}</h2>
      <NominationHistory events={events} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
