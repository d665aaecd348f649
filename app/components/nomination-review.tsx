import type { MessageKey } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import type { listConsultations } from "~/models/consultation.server";
import type { FormState } from "~/utils/form-state";
import { AppForm, CountedTextArea, ErrorSummary, SelectField } from "./form-fields";
import { TableRegion } from "./table-region";

export interface StepData {
  action: string;
  to: string;
  reasonRequired: boolean;
}

/** An action's answer about one of the page's forms: which form, and its errors. */
export type IntentState = FormState & { intent?: string };

const MAX_REASON = 500;

/**
 * One small form per lifecycle step the reader may take now. Steps that must say why (refusing,
 * returning) ask for it; withdrawing may say why. The version makes a step taken on a page gone
 * stale fail instead of acting on a nomination that changed meanwhile.
 */
export function NominationStepForms({
  steps,
  version,
  state,
}: {
  steps: StepData[];
  version: number;
  state?: IntentState;
}) {
  const t = useT();
  if (steps.length === 0) return null;
  return (
    <div className="actions">
      {steps.map((s) => {
        const mine = state?.intent === s.action ? state : undefined;
        const asksReason = s.reasonRequired || s.action === "withdraw";
        return (
          <AppForm key={s.action} className={asksReason ? "card stack" : undefined}>
            <input type="hidden" name="intent" value={s.action} />
            <input type="hidden" name="version" value={version} />
            {asksReason && (
              <CountedTextArea
                name="reason"
                id={`f-reason-${s.action}`}
                label={t(
                  s.action === "return"
                    ? "review.returnComment"
                    : s.reasonRequired
                      ? "review.reason"
                      : "review.reasonOptional",
                )}
                max={MAX_REASON}
                rows={3}
                required={s.reasonRequired}
                defaultValue=""
                state={mine}
              />
            )}
            <button
              type="submit"
              className={s.action === "withdraw" || s.action === "markIneligible" ? "secondary" : "primary"}
            >
              {t(`nominations.step.${s.action}` as MessageKey)}
            </button>
          </AppForm>
        );
      })}
    </div>
  );
}

export type ConsultationData = Awaited<ReturnType<typeof listConsultations>>[number];

/** The departments' opinions, and (when open) the form to record one: a negative opinion is a veto. */
export function ConsultationPanel({
  consultations,
  departments,
  open,
  state,
}: {
  consultations: ConsultationData[];
  departments: readonly string[];
  open: boolean;
  state?: IntentState;
}) {
  const t = useT();
  const locale = useLocale();
  const mine = state?.intent === "consult" ? state : undefined;
  return (
    <section aria-labelledby="consultations">
      <h2 id="consultations">{t("review.consultations")}</h2>
      {consultations.length === 0 ? (
        <p className="muted">{t("review.noConsultations")}</p>
      ) : (
        <TableRegion label={t("review.consultations")}>
          <table>
            <thead>
              <tr>
                <th>{t("review.department")}</th>
                <th>{t("review.opinion")}</th>
                <th>{t("review.note")}</th>
                <th>{t("review.recordedBy")}</th>
                <th>{t("review.recordedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {consultations.map((c) => (
                <tr key={c.id}>
                  <td>{c.department}</td>
                  <td>
                    {c.opinion === "negative" ? (
                      <strong>{t("review.opinion.negative")}</strong>
                    ) : (
                      t("review.opinion.positive")
                    )}
                  </td>
                  <td style={{ whiteSpace: "pre-wrap" }}>{c.note || "—"}</td>
                  <td>{c.recorded_by_name ?? "—"}</td>
                  <td>{formatDateTime(locale, c.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {open && (
        <AppForm className="card stack">
          <h3>{t("review.recordOpinion")}</h3>
          <ErrorSummary state={mine} />
          <input type="hidden" name="intent" value="consult" />
          <div className={mine?.errors?.department ? "field field-invalid" : "field"}>
            <label htmlFor="f-department">{t("review.department")}</label>
            <input
              id="f-department"
              name="department"
              required
              maxLength={50}
              list="consulted-departments"
              defaultValue={mine?.values?.department ?? ""}
              aria-invalid={mine?.errors?.department ? true : undefined}
              aria-describedby="f-department-hint"
            />
            <datalist id="consulted-departments">
              {departments.map((d) => (
                <option key={d} value={d} />
              ))}
            </datalist>
            <p className="hint" id="f-department-hint">
              {t("review.departmentHint", { examples: departments.join("、") })}
            </p>
            {mine?.errors?.department && (
              <p className="field-error">{t(mine.errors.department.key, mine.errors.department.params)}</p>
            )}
          </div>
          <SelectField
            name="opinion"
            label={t("review.opinion")}
            required
            options={[
              { value: "", label: t("nominations.choose") },
              { value: "positive", label: t("review.opinion.positive") },
              { value: "negative", label: t("review.opinion.negative") },
            ]}
            state={mine}
            hint={t("review.vetoHint")}
          />
          <CountedTextArea
            name="note"
            label={t("review.note")}
            max={MAX_REASON}
            rows={3}
            defaultValue=""
            state={mine}
          />
          <button type="submit" className="primary">
            {t("review.record")}
          </button>
        </AppForm>
      )}
    </section>
  );
}
