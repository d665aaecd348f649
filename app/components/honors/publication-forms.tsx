import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import type { FormState } from "~/utils/form-state";
import { AppForm, SelectField, TextField } from "~/components/form-fields";

export interface PublishingOrg {
  id: number;
  name: string;
  mayPublish: boolean;
}

export interface PublicationReview {
  doc_number: string;
  published_on: string;
  publishing_org: string;
  org_name: string;
  entries: number;
}

/** The decision's first step: its 文号 (format said on the form), date and publishing union. */
export function PublishForm({
  orgs,
  today,
  state,
}: {
  orgs: PublishingOrg[];
  today: string;
  state?: FormState;
}) {
  const t = useT();
  const locale = useLocale();
  const others = orgs.filter((o) => !o.mayPublish).map((o) => o.name);
  return (
    <AppForm className="stack">
      <input type="hidden" name="intent" value="review" />
      <TextField
        name="doc_number"
        label={t("publication.field.docNumber")}
        hint={t("publication.field.docNumberRule")}
        required
        maxLength={100}
        state={state}
      />
      <TextField
        name="published_on"
        type="date"
        label={t("publication.field.date")}
        defaultValue={today}
        required
        state={state}
      />
      <SelectField
        name="publishing_org"
        label={t("publication.field.org")}
        options={orgs.filter((o) => o.mayPublish).map((o) => ({ value: String(o.id), label: o.name }))}
        state={state}
      />
      {others.length > 0 && (
        <p className="hint">
          {t("publication.field.orgOthers", { orgs: others.join(locale === "en" ? ", " : "、") })}
        </p>
      )}
      <button type="submit" className="primary">
        {t("publication.publish")}
      </button>
    </AppForm>
  );
}

/**
 * The confirm step: what is about to become public, and the one button that publishes it. A
 * plain form with the checked values hidden, so it works without JavaScript.
 */
export function ConfirmPublication({ review, backTo }: { review: PublicationReview; backTo: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card confirm-step" aria-labelledby="confirm-title">
      <h2 id="confirm-title" tabIndex={-1}>
        {t("publication.confirmTitle")}
      </h2>
      <p>{t("publication.confirmIntro")}</p>
      <dl className="facts">
        <dt>{t("publication.field.docNumber")}</dt>
        <dd>{review.doc_number}</dd>
        <dt>{t("publication.field.date")}</dt>
        <dd>{formatDate(locale, review.published_on)}</dd>
        <dt>{t("publication.field.org")}</dt>
        <dd>{review.org_name}</dd>
      </dl>
      <p>{t("publication.confirmEntries", { count: review.entries })}</p>
      <AppForm className="actions">
        <input type="hidden" name="intent" value="publish" />
        <input type="hidden" name="doc_number" value={review.doc_number} />
        <input type="hidden" name="published_on" value={review.published_on} />
        <input type="hidden" name="publishing_org" value={review.publishing_org} />
        <button type="submit" className="primary">
          {t("publication.confirm")}
        </button>
        <Link to={backTo}>{t("publication.back")}</Link>
      </AppForm>
    </section>
  );
}

/** Correcting the published 文号: the new number, why, and when; the roll will say 更正. */
export function CorrectionForm({ today, state }: { today: string; state?: FormState }) {
  const t = useT();
  return (
    <details open={!!state?.errors} className="card">
      <summary>{t("publication.correct")}</summary>
      <p className="hint">{t("publication.correctIntro")}</p>
      <AppForm className="stack">
        <input type="hidden" name="intent" value="correct" />
        <TextField
          name="doc_number"
          id="f-corrected-doc-number"
          label={t("publication.field.correctedDocNumber")}
          hint={t("publication.field.docNumberRule")}
          required
          maxLength={100}
          state={state}
        />
        <TextField
          name="reason"
          id="f-correction-reason"
          label={t("publication.field.correctionReason")}
          required
          maxLength={1000}
          state={state}
        />
        <TextField
          name="corrected_on"
          type="date"
          label={t("publication.field.correctedOn")}
          defaultValue={today}
          required
          state={state}
        />
        <button type="submit" className="secondary">
          {t("publication.correct")}
        </button>
      </AppForm>
    </details>
  );
}

/** The corrections of a decision's 文号, as the roll and the admin page show them. */
export function CorrectionList({
  corrections,
}: {
  corrections: { id: number; previous: string; corrected: string; reason: string; corrected_on: string }[];
}) {
  const t = useT();
  const locale = useLocale();
  if (corrections.length === 0) return null;
  return (
    <ul className="corrections" aria-label={t("publication.corrections")}>
      {corrections.map((c) => (
        <li key={c.id}>
          {t("publication.correctionLine", {
            date: formatDate(locale, c.corrected_on),
            previous: c.previous,
            corrected: c.corrected,
            reason: c.reason,
          })}
        </li>
      ))}
    </ul>
  );
}
