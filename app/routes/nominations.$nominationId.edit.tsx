import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DomainError } from "~/domain/errors";
import type { NominationStatus } from "~/domain/nominations/vocabulary";
import { parseNomination } from "~/domain/nominations/nomination-schema";
import { transitionNomination, updateNomination } from "~/models/nomination.server";
import {
  addNominationFiles,
  deleteNominationFile,
  formValues,
  issuesToErrors,
  listNominationFiles,
  readNominationForm,
  vetUploads,
} from "~/models/nomination-files.server";
import {
  getNominationDossier,
  storedPersonalData,
  type NominationDossier,
} from "~/models/nomination-query.server";
import { canEditFields, openSteps } from "~/domain/nominations/stage-windows";
import { actorOf, requireUser } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { formError } from "~/utils/form.server";
import { errorResponse, notFound } from "~/utils/http.server";
import { authorize } from "~/utils/authorize.server";
import { idParam } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { NominationFields, nominationLabels } from "~/components/nomination-form";
import { NominationFileList } from "~/components/nomination-files";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    args.data && t("nominations.edit.title", { name: args.data.nomination.name }),
    args.data?.nomination.competition_title,
  ]);

/** The nominating org's nominators edit a draft, or a nomination returned for correction, while its stage allows. */
async function guard(request: Request, context: AppLoadContext, rawId: string | undefined) {
  const user = await requireUser(request, context);
  const id = idParam.safeParse(rawId);
  const n = id.success ? await getNominationDossier(context.db, id.data) : undefined;
  if (!n) throw notFound();
  authorize(user, "nomination:edit", { organizerPath: n.organizer_path, orgPath: n.org_path });
  if (!canEditFields(n.competition_stage, n.status as NominationStatus))
    throw errorResponse(403, "nominations.notEditable");
  return { user, n };
}

/** The stored fields as form text; the ID number and phone stay out (blank keeps them). */
function formDefaults(n: NominationDossier): Record<string, string> {
  const s = (v: string | number | null) => (v === null ? "" : String(v));
  return {
    name: n.name,
    gender: s(n.gender),
    ethnicity: s(n.ethnicity),
    birth_date: s(n.birth_date),
    political_status: s(n.political_status),
    education: s(n.education),
    workplace: s(n.workplace),
    post: s(n.post),
    occupation_group: s(n.occupation_group),
    migrant: n.migrant === null ? "" : n.migrant ? "yes" : "no",
    sector: s(n.sector),
    collective_kind: s(n.collective_kind),
    member_count: s(n.member_count),
    leader: s(n.leader),
    summary: n.summary,
    deeds: n.deeds,
  };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { n } = await guard(request, context, params.nominationId);
  const steps = openSteps(n.competition_stage, n.status as NominationStatus, "nominator").filter(
    (s) => s.action === "submit" || s.action === "resubmit",
  );
  return {
    nomination: {
      id: n.id,
      ref: n.ref,
      name: n.name,
      kind: n.kind,
      status: n.status,
      version: n.version,
      category_name: n.category_name,
      org_name: n.org_name,
      competition_title: n.competition_title,
    },
    defaults: formDefaults(n),
    stored: { idNumber: n.id_number_masked, phone: n.phone_masked },
    files: await listNominationFiles(context.db, n.id),
    submitStep: steps[0]?.action ?? null,
  };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["save", "submit", "resubmit"]), version: z.coerce.number().int().min(1) }),
  z.object({ intent: z.literal("deleteFile"), fileId: idParam }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, n } = await guard(request, context, params.nominationId);
  const { form, uploads } = await readNominationForm(request, context);
  const values = formValues(form);
  const intent = Intent.safeParse(values);
  if (!intent.success) {
    const field = String(intent.error.issues[0].path[0] ?? "intent");
    return formError({
      errors: { [field]: { key: values[field] ? "form.invalid" : "form.required" } },
      values,
    });
  }
  const actor = actorOf(user, context);
  const input = intent.data;
  return runAction(context, form, async (trx) => {
    if (input.intent === "deleteFile") {
      await deleteNominationFile(trx, actor, n, input.fileId);
      return redirect(`/nominations/${n.id}/edit`);
    }
    if (
      input.intent !== "save" &&
      !openSteps(n.competition_stage, n.status as NominationStatus, "nominator").some(
        (s) => s.action === input.intent,
      )
    ) {
      throw new DomainError("nominations.stepClosed");
    }
    if (input.version !== n.version) throw new DomainError("nomination.stale", undefined, "_form");
    const stored = await storedPersonalData(trx, context.secrets.dataKey, n.id);
    const parsed = parseNomination({
      ...values,
      kind: n.kind,
      id_number: values.id_number?.trim() ? values.id_number : (stored.idNumber ?? ""),
      phone: values.phone?.trim() ? values.phone : (stored.phone ?? ""),
    });
    if (!parsed.ok) return formError({ errors: issuesToErrors(parsed.issues), values });
    const files = vetUploads(uploads);
    if (!files.ok) return formError({ errors: { files: files.error }, values }, files.status);
    await updateNomination(trx, actor, context.secrets.dataKey, n, parsed.value, input.version);
    await addNominationFiles(trx, actor, n, files.files);
    if (input.intent === "submit") await transitionNomination(trx, actor, n, "submitted", "nominator");
    if (input.intent === "resubmit") await transitionNomination(trx, actor, n, "resubmitted", "nominator");
    return redirect(`/nominations/${n.id}?done=${input.intent === "save" ? "saved" : "submitted"}`);
  });
}

export default function EditNomination() {
  const t = useT();
  const { nomination: n, defaults, stored, files, submitStep } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to={`/nominations/${n.id}`}>
          {n.ref} · {n.name}
        </Link>{" "}
        · {n.category_name} · {n.org_name}
      </p>
      <h1>{t("nominations.edit.title", { name: n.name })}</h1>
      <ErrorSummary
        state={state}
        labels={nominationLabels(t, n.kind === "collective" ? "collective" : "individual")}
      />
      <AppForm encType="multipart/form-data">
        <input type="hidden" name="version" value={n.version} />
        <NominationFields
          kind={n.kind === "collective" ? "collective" : "individual"}
          defaults={defaults}
          state={state}
          stored={stored}
        />
        <div className="actions">
          {submitStep && (
            <button type="submit" name="intent" value={submitStep} className="primary">
              {t(submitStep === "resubmit" ? "nominations.step.resubmit" : "nominations.step.submit")}
            </button>
          )}
          <button type="submit" name="intent" value="save" className={submitStep ? "secondary" : "primary"}>
            {t("common.save")}
          </button>
        </div>
      </AppForm>
      <h2>{t("nominations.section.files")}</h2>
      <NominationFileList nominationId={n.id} files={files} deleteAction={`/nominations/${n.id}/edit`} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
