import {
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { checkReason, isEditable, MAX_NOTE_CHARS, valueField } from "~/domain/contest/report-rules";
import { DomainError } from "~/domain/errors";
import { ACCEPT_ATTRIBUTE } from "~/domain/nominations/file-type";
import type { MessageKey } from "~/i18n";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { pageMeta } from "~/i18n/page-title";
import { useLocale, useT } from "~/i18n/use-t";
import {
  consentLate,
  correctReport,
  getReport,
  listIndicators,
  listReportEvents,
  listReportValues,
  readValues,
  returnReport,
  saveReport,
  stateOf,
  verifyReports,
  type ReportRecord,
} from "~/models/contest-report.server";
import { computedReportValues } from "~/models/contest-data.server";
import { addReportFiles, deleteReportFile, listReportFiles } from "~/models/contest-report-files.server";
import { formValues, readNominationForm, vetUploads } from "~/models/nomination-files.server";
import type { SessionUser } from "~/models/user.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { allows, authorize, findCompetition } from "~/utils/authorize.server";
import { formError } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { AppForm, ErrorSummary, StatusMessage } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";

/** The file input's name: the upload parsing of nomination forms (FILES_FIELD) keeps files of this field only. */
const FILES_FIELD = "files";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    args.data &&
      t("contestReports.report.title", {
        org: args.data.report.org_name,
        period: args.data.report.period_label,
      }),
    args.data?.report.competition_title,
  ]);

/** What the viewer may do with the report: fill it (its unit's nominators), verify it (the parent union's admins or above), consent and correct (the organizer's). */
function rolesOf(user: SessionUser, r: ReportRecord) {
  return {
    reporter: allows(user, "contest:report", { organizerPath: r.organizer_path, orgPath: r.org_path }),
    verifier: allows(user, "contest:verify", { organizerPath: r.organizer_path, parentPath: r.parent_path }),
    organizer: allows(user, "competition:manage", { orgPath: r.organizer_path }),
  };
}

async function guard(request: Request, context: AppLoadContext, params: Record<string, string | undefined>) {
  const user = await requireUser(request, context);
  const c = await findCompetition(context, params.competitionId);
  const id = idParam.safeParse(params.reportId);
  const r = id.success ? await getReport(context.db, c.id, id.data) : undefined;
  if (!r) throw notFound();
  const roles = rolesOf(user, r);
  // Nobody else sees it: the reporter's question names the refusal.
  if (!roles.reporter && !roles.verifier && !roles.organizer)
    authorize(user, "contest:report", { organizerPath: r.organizer_path, orgPath: r.org_path });
  return { user, r, roles };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { r, roles } = await guard(request, context, params);
  const state = stateOf(r);
  const running = r.competition_stage === "running";
  const values = await listReportValues(context.db, r.id);
  return {
    report: r,
    indicators: await listIndicators(context.db, r.competition_id),
    values: Object.fromEntries(values),
    computed: await computedReportValues(context.db, r.competition_id, r.org_id, r.period_id),
    events: await listReportEvents(context.db, r.id),
    files: await listReportFiles(context.db, r.id),
    can: {
      edit: roles.reporter && running && isEditable(state),
      verify: roles.verifier && running && state.status === "submitted",
      consent: roles.organizer && running && state.status === "submitted" && state.late && !state.consented,
      correct: roles.organizer && state.status === "verified",
    },
  };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["save", "submit", "verify", "consent"]) }),
  z.object({ intent: z.literal("return"), reason: z.string().optional() }),
  z.object({ intent: z.literal("correct"), reason: z.string().optional() }),
  z.object({ intent: z.literal("deleteFile"), fileId: idParam }),
]);

const DONE: Record<string, string> = {
  save: "saved",
  submit: "submitted",
  verify: "verified",
  return: "returned",
  consent: "consented",
  correct: "corrected",
  deleteFile: "saved",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, r } = await guard(request, context, params);
  const { form, uploads } = await readNominationForm(request, context);
  const values = formValues(form);
  const intent = Intent.safeParse(values);
  if (!intent.success) return formError({ errors: { _form: { key: "form.invalid" } }, values });
  const input = intent.data;
  const back = (done: string) =>
    redirect(`/competitions/${r.competition_id}/contest/reports/${r.id}?done=${done}`);
  const paths = { organizerPath: r.organizer_path, orgPath: r.org_path };
  if (input.intent === "save" || input.intent === "submit" || input.intent === "deleteFile")
    authorize(user, "contest:report", paths);
  else if (input.intent === "verify" || input.intent === "return")
    authorize(user, "contest:verify", { organizerPath: r.organizer_path, parentPath: r.parent_path });
  else authorize(user, "competition:manage", { orgPath: r.organizer_path });
  const actor = actorOf(user, context);
  const indicators = await listIndicators(context.db, r.competition_id);

  if (input.intent === "return" || input.intent === "correct") {
    const reason = checkReason(input.reason);
    if (!reason.ok) return formError({ errors: { reason: { key: reason.messageKey } }, values });
    if (input.intent === "return")
      return runAction(
        context,
        form,
        async (trx) => (await returnReport(trx, actor, r, reason.reason), back("returned")),
      );
    const read = readValues(indicators, (f) => values[f]);
    if (!read.ok) return formError({ errors: read.errors, values });
    return runAction(context, form, async (trx) => {
      await correctReport(trx, actor, r, read.values, reason.reason);
      return back("corrected");
    });
  }
  return runAction(context, form, async (trx) => {
    if (input.intent === "verify") {
      const out = await verifyReports(trx, actor, r.competition_id, [r.id], () => true);
      if (out.refused.length) throw new DomainError(out.refused[0].messageKey);
    } else if (input.intent === "consent") await consentLate(trx, actor, r);
    else if (input.intent === "deleteFile") {
      if (!isEditable(stateOf(r))) throw new DomainError("contestReports.notEditable");
      await deleteReportFile(trx, actor, r, input.fileId);
    } else {
      const read = readValues(indicators, (f) => values[f]);
      if (!read.ok) return formError({ errors: read.errors, values });
      const files = vetUploads(uploads);
      if (!files.ok) return formError({ errors: { [FILES_FIELD]: files.error }, values }, files.status);
      await saveReport(
        trx,
        actor,
        r,
        { values: read.values, note: (values.note ?? "").trim() },
        input.intent === "submit",
      );
      await addReportFiles(trx, actor, r, files.files);
    }
    return back(DONE[input.intent]);
  });
}

function ValueInputs({
  indicators,
  values,
  computed,
  failed,
}: {
  indicators: ReturnType<typeof useLoaderData<typeof loader>>["indicators"];
  computed: Record<number, number>;
  values: Record<string, number>;
  failed?: {
    values?: Record<string, string>;
    errors?: Record<string, { key: MessageKey; params?: Record<string, string | number> }>;
  };
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {indicators.map((i) => {
        const name = valueField(i.code);
        const error = failed?.errors?.[name];
        if (i.measure !== null)
          return (
            <p key={i.id}>
              {i.title}（{i.unit}）：{formatNumber(locale, computed[i.id] ?? 0)}{" "}
              <span className="muted">{t("contestReports.computed")}</span>
            </p>
          );
        return (
          <div key={i.id} className={error ? "field field-invalid" : "field"}>
            <label htmlFor={`f-${name}`}>
              {i.title}（{i.unit}） <span className="muted">{i.code}</span>
            </label>
            <input
              id={`f-${name}`}
              name={name}
              inputMode="decimal"
              defaultValue={
                failed?.values?.[name] ?? (values[i.id] === undefined ? "" : String(values[i.id]))
              }
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `f-${name}-error` : undefined}
            />
            {error && (
              <p className="field-error" id={`f-${name}-error`}>
                {t(error.key, error.params)}
              </p>
            )}
          </div>
        );
      })}
    </>
  );
}

export default function ContestReport() {
  const t = useT();
  const locale = useLocale();
  const { report: r, indicators, values, computed, events, files, can } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [search] = useSearchParams();
  const done = search.get("done");
  const base = `/competitions/${r.competition_id}/contest/reports/${r.id}`;
  const show = (v: number | null) => (v === null ? t("contestReports.notReported") : formatNumber(locale, v));
  const labels = Object.fromEntries(indicators.map((i) => [valueField(i.code), i.title]));
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${r.competition_id}/contest`}>{r.competition_title}</Link> ·{" "}
        <Link to={`/competitions/${r.competition_id}/contest/reports`}>{t("contestReports.title")}</Link>
      </p>
      <h1>{t("contestReports.report.title", { org: r.org_name, period: r.period_label })}</h1>
      {done && !failed && <StatusMessage>{t(`contestReports.${done}` as MessageKey)}</StatusMessage>}
      <ErrorSummary
        state={failed}
        labels={{ ...labels, reason: t("contestReports.reason"), note: t("contestReports.note") }}
      />
      <p>
        {t(`contestReports.status.${r.status}` as MessageKey)}
        {r.late === 1 &&
          ` · ${t(r.late_consented_at ? "contestReports.lateConsented" : "contestReports.lateAwaiting")}`}
        {" · "}
        {t("contestReports.window", { opens: r.opens_on, closes: r.closes_on })}
      </p>
      {r.status === "returned" && r.return_reason && (
        <p className="alert alert-error">
          {t("contestReports.returnedBecause", { reason: r.return_reason })}
        </p>
      )}

      {can.edit ? (
        <AppForm encType="multipart/form-data" className="stack">
          <ValueInputs indicators={indicators} values={values} computed={computed} failed={failed} />
          <div className={failed?.errors?.note ? "field field-invalid" : "field"}>
            <label htmlFor="f-note">{t("contestReports.note")}</label>
            <textarea
              id="f-note"
              name="note"
              rows={3}
              maxLength={MAX_NOTE_CHARS}
              defaultValue={failed?.values?.note ?? r.note}
            />
          </div>
          <div className={failed?.errors?.[FILES_FIELD] ? "field field-invalid" : "field"}>
            <label htmlFor={`f-${FILES_FIELD}`}>{t("contestReports.files.add")}</label>
            <input
              id={`f-${FILES_FIELD}`}
              name={FILES_FIELD}
              type="file"
              multiple
              accept={ACCEPT_ATTRIBUTE}
            />
          </div>
          <p className="actions">
            <button type="submit" name="intent" value="submit" className="primary">
              {t("contestReports.submit")}
            </button>
            <button type="submit" name="intent" value="save" className="secondary">
              {t("contestReports.saveDraft")}
            </button>
          </p>
        </AppForm>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("contestReports.indicator")}</th>
                <th scope="col">{t("contestReports.value")}</th>
              </tr>
            </thead>
            <tbody>
              {indicators.map((i) => (
                <tr key={i.id}>
                  <td>
                    {i.title}（{i.unit}）
                  </td>
                  <td>
                    {i.measure !== null
                      ? t("contestReports.computedValue", {
                          value: formatNumber(locale, computed[i.id] ?? 0),
                        })
                      : show(values[i.id] ?? null)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.note && (
            <p>
              {t("contestReports.note")}：{r.note}
            </p>
          )}
        </div>
      )}

      <h2>{t("contestReports.files")}</h2>
      {files.length === 0 ? (
        <p className="muted">{t("contestReports.files.none")}</p>
      ) : (
        <ul>
          {files.map((f) => (
            <li key={f.id}>
              <a href={`${base}/files/${f.id}`} download={f.filename}>
                {f.filename}
              </a>{" "}
              {can.edit && (
                <AppForm style={{ display: "inline" }}>
                  <input type="hidden" name="intent" value="deleteFile" />
                  <input type="hidden" name="fileId" value={f.id} />
                  <button
                    type="submit"
                    className="link-button"
                    aria-label={`${t("contestReports.files.delete")} ${f.filename}`}
                  >
                    {t("contestReports.files.delete")}
                  </button>
                </AppForm>
              )}
            </li>
          ))}
        </ul>
      )}

      {can.consent && (
        <AppForm>
          <input type="hidden" name="intent" value="consent" />
          <button type="submit" className="secondary">
            {t("contestReports.consent")}
          </button>
        </AppForm>
      )}
      {can.verify && (
        <section className="stack">
          <AppForm>
            <input type="hidden" name="intent" value="verify" />
            <button type="submit" className="primary">
              {t("contestReports.verify")}
            </button>
          </AppForm>
          <AppForm className="stack">
            <input type="hidden" name="intent" value="return" />
            <div className={failed?.errors?.reason ? "field field-invalid" : "field"}>
              <label htmlFor="f-reason">{t("contestReports.reason")}</label>
              <textarea id="f-reason" name="reason" rows={2} maxLength={500} required />
            </div>
            <button type="submit" className="secondary">
              {t("contestReports.return")}
            </button>
          </AppForm>
        </section>
      )}
      {can.correct && (
        <section>
          <h2>{t("contestReports.correct")}</h2>
          <p>{t("contestReports.correct.intro")}</p>
          <AppForm className="stack">
            <input type="hidden" name="intent" value="correct" />
            <ValueInputs indicators={indicators} values={values} computed={computed} failed={failed} />
            <div className={failed?.errors?.reason ? "field field-invalid" : "field"}>
              <label htmlFor="f-reason">{t("contestReports.reason")}</label>
              <textarea id="f-reason" name="reason" rows={2} maxLength={500} required />
            </div>
            <button type="submit" className="primary">
              {t("contestReports.correct")}
            </button>
          </AppForm>
        </section>
      )}

      <h2>{t("contestReports.history")}</h2>
      {events.length === 0 ? (
        <p className="muted">{t("contestReports.history.none")}</p>
      ) : (
        <ol>
          {events.map((e) => (
            <li key={e.id}>
              {formatDateTime(locale, e.at)} · {e.actor_label} ·{" "}
              {t(`contestReports.event.${e.action}` as MessageKey, {
                reason: e.reason ?? "",
                indicator: e.indicator_title ?? "",
                previous: show(e.previous_value),
                next: show(e.new_value),
              })}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
