import { PROJECT_STATUSES } from "~/domain/activities/vocabulary";
import { useT } from "~/i18n/use-t";
import type { listCountyChoices, listHelperChoices } from "~/models/project.server";
import { AppForm, ErrorSummary, SelectField, TextField, type FormState } from "./form-fields";

export interface ProjectFormInitial {
  helperId: string;
  countyId: string;
  title: string;
  investment: string;
  startedOn: string;
  endedOn: string;
  status: string;
}

interface Props {
  state?: FormState;
  initial?: ProjectFormInitial;
  helpers: Pick<Awaited<ReturnType<typeof listHelperChoices>>[number], "id" | "name" | "ref">[];
  counties: Awaited<ReturnType<typeof listCountyChoices>>;
}

/** An aid project's fields; investment in yuan, read exactly to the fen on the server. */
export function ProjectForm({ state, initial, helpers, counties }: Props) {
  const t = useT();
  return (
    <>
      <ErrorSummary
        state={state}
        labels={{
          title: t("aid.project.title"),
          investment: t("aid.project.investment"),
          startedOn: t("aid.project.startedOn"),
          endedOn: t("aid.project.endedOn"),
          helperId: t("aid.project.helper"),
          countyId: t("aid.project.county"),
          status: t("aid.project.status"),
        }}
      />
      <AppForm className="card stack">
        <TextField
          name="title"
          label={t("aid.project.title")}
          state={state}
          required
          maxLength={200}
          defaultValue={initial?.title}
        />
        <SelectField
          name="helperId"
          label={t("aid.project.helper")}
          state={state}
          required
          defaultValue={initial?.helperId}
          options={[
            { value: "", label: "—" },
            ...helpers.map((h) => ({ value: String(h.id), label: `${h.name} (${h.ref})` })),
          ]}
        />
        <SelectField
          name="countyId"
          label={t("aid.project.county")}
          state={state}
          required
          defaultValue={initial?.countyId}
          options={[
            { value: "", label: "—" },
            ...counties.map((c) => ({ value: String(c.id), label: `${c.city} · ${c.name}` })),
          ]}
        />
        <TextField
          name="investment"
          label={t("aid.project.investment")}
          state={state}
          required
          defaultValue={initial?.investment}
          hint={t("aid.activity.fundsHint")}
        />
        <TextField
          name="startedOn"
          type="date"
          label={t("aid.project.startedOn")}
          state={state}
          defaultValue={initial?.startedOn}
        />
        <TextField
          name="endedOn"
          type="date"
          label={t("aid.project.endedOn")}
          state={state}
          defaultValue={initial?.endedOn}
        />
        <SelectField
          name="status"
          label={t("aid.project.status")}
          state={state}
          required
          defaultValue={initial?.status ?? "planned"}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projectStatus.${s}`) }))}
        />
        <button type="submit" className="primary">
          {t("aid.project.save")}
        </button>
      </AppForm>
    </>
  );
}
