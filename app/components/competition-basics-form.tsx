import type { Org } from "../../db/schema";
import { NOTICE_UNITS } from "~/domain/competitions/vocabulary";
import { PLANNED_STAGES } from "~/domain/competitions/basics-form";
import { orgOptions } from "~/domain/org-tree";
import { useT } from "~/i18n/use-t";
import type { CompetitionRow, listStages } from "~/models/competition.server";
import { AppForm, ErrorSummary, SelectField, TextField, type FormState } from "./form-fields";

interface Props {
  state?: FormState;
  initial?: Pick<CompetitionRow, "title" | "year" | "description" | "notice_days" | "notice_unit"> & {
    stages: Pick<Awaited<ReturnType<typeof listStages>>[number], "stage" | "starts_on" | "ends_on">[];
  };
  organizers?: Pick<Org, "id" | "name" | "path">[];
  locked?: boolean;
}

/** The competition's basics; once it has started, only the description and the plan stay editable. */
export function CompetitionBasicsForm({ state, initial, organizers, locked }: Props) {
  const t = useT();
  const plan = new Map(initial?.stages.map((s) => [s.stage, s]));
  return (
    <>
      <ErrorSummary
        state={state}
        labels={{
          title: t("competitions.titleField"),
          year: t("competitions.year"),
          noticeDays: t("competitions.noticeDays"),
          noticeUnit: t("competitions.noticeUnit"),
          organizer: t("competitions.organizer"),
          description: t("competitions.description"),
        }}
      />
      {locked && <p className="muted">{t("competitions.lockedAfterDraft")}</p>}
      <AppForm className="stack card">
        {organizers && (
          <SelectField
            name="orgId"
            label={t("competitions.organizer")}
            state={state}
            options={orgOptions(organizers)}
          />
        )}
        <fieldset disabled={locked} className="field">
          <TextField
            name="title"
            label={t("competitions.titleField")}
            required
            maxLength={100}
            state={state}
            defaultValue={initial?.title}
          />
          <TextField
            name="year"
            label={t("competitions.year")}
            type="number"
            required
            state={state}
            defaultValue={String(initial?.year ?? new Date().getFullYear())}
          />
          <TextField
            name="noticeDays"
            label={t("competitions.noticeDays")}
            type="number"
            required
            state={state}
            defaultValue={String(initial?.notice_days ?? 5)}
          />
          <SelectField
            name="noticeUnit"
            label={t("competitions.noticeUnit")}
            state={state}
            defaultValue={initial?.notice_unit ?? "working"}
            options={NOTICE_UNITS.map((u) => ({
              value: u,
              label: t(`competitions.noticeUnit.${u}`),
            }))}
          />
        </fieldset>
        {locked && initial && (
          <>
            <input type="hidden" name="title" value={initial.title} />
            <input type="hidden" name="year" value={initial.year} />
            <input type="hidden" name="noticeDays" value={initial.notice_days} />
            <input type="hidden" name="noticeUnit" value={initial.notice_unit} />
          </>
        )}
        <div className="field">
          <label htmlFor="f-description">{t("competitions.description")}</label>
          <textarea
            id="f-description"
            name="description"
            rows={4}
            maxLength={5000}
            defaultValue={state?.values?.description ?? initial?.description ?? ""}
          />
        </div>
        <fieldset className="field">
          <legend>{t("competitions.timeline")}</legend>
          <table className="rows timeline">
            <thead>
              <tr>
                <th>{t("competitions.stage")}</th>
                <th>{t("competitions.stageStart")}</th>
                <th>{t("competitions.stageEnd")}</th>
              </tr>
            </thead>
            <tbody>
              {/* `running` is planned only by a competition with a contest, which has its row. */}
              {PLANNED_STAGES.filter((s) => s !== "running" || plan.has(s)).map((s) => (
                <tr key={s}>
                  <th scope="row">{t(`stage.${s}`)}</th>
                  {(["start", "end"] as const).map((edge) => {
                    const name = `${s}_${edge}`;
                    const stored = edge === "start" ? plan.get(s)?.starts_on : plan.get(s)?.ends_on;
                    return (
                      <td key={edge}>
                        <input
                          type="date"
                          name={name}
                          aria-label={`${t(`stage.${s}`)} ${t(edge === "start" ? "competitions.stageStart" : "competitions.stageEnd")}`}
                          defaultValue={state?.values?.[name] ?? stored ?? ""}
                        />
                        {state?.errors?.[name] && (
                          <span className="field-error">
                            {t(state.errors[name].key, state.errors[name].params)}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <button type="submit" className="primary">
          {t("competitions.save")}
        </button>
      </AppForm>
    </>
  );
}
