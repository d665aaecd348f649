import {
  CollectiveKind,
  Gender,
  OccupationGroup,
  Sector,
  type Enumeration,
} from "~/domain/nominations/fields";
import {
  ACCEPT_ATTRIBUTE,
  MAX_FILE_MEGABYTES,
  MAX_FILES_PER_UPLOAD,
  MAX_UPLOAD_TOTAL_MEGABYTES,
} from "~/domain/nominations/file-type";
import { MAX_DEEDS, MAX_SUMMARY } from "~/domain/nominations/nomination-schema";
import type { MessageKey, Translate } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { FormState } from "~/utils/form-state";
import { CountedTextArea, FieldErrorText, invalidProps, SelectField, TextField } from "./form-fields";

const LABEL_KEYS = {
  individual: {
    name: "nominations.field.name",
    id_number: "nominations.field.idNumber",
    gender: "nominations.field.gender",
    birth_date: "nominations.field.birthDate",
    ethnicity: "nominations.field.ethnicity",
    political_status: "nominations.field.politicalStatus",
    education: "nominations.field.education",
    workplace: "nominations.field.workplace",
    post: "nominations.field.post",
    occupation_group: "nominations.field.occupationGroup",
    migrant: "nominations.field.migrant",
    sector: "nominations.field.sector",
    phone: "nominations.field.phone",
  },
  collective: {
    name: "nominations.field.collectiveName",
    collective_kind: "nominations.field.collectiveKind",
    member_count: "nominations.field.memberCount",
    leader: "nominations.field.leader",
    sector: "nominations.field.sector",
    phone: "nominations.field.contactPhone",
  },
  shared: {
    summary: "nominations.field.summary",
    deeds: "nominations.field.deeds",
    files: "nominations.field.files",
  },
} as const satisfies Record<string, Record<string, MessageKey>>;

/** Each field's label for a nomination of `kind`: the form's labels and its error summary's names. */
export function nominationLabels(t: Translate, kind: "individual" | "collective"): Record<string, string> {
  const keys = { ...LABEL_KEYS[kind], ...LABEL_KEYS.shared };
  return Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, t(key)]));
}

interface FieldsProps {
  kind: "individual" | "collective";
  /** The nomination's values as form text (empty for a new one). */
  defaults: Record<string, string>;
  state?: FormState;
  /** On edit, the stored ID number and phone, masked: left blank, the field keeps them. */
  stored?: { idNumber: string | null; phone: string | null };
}

/** Every field of a nomination of the category's kind (docs/domain.md#nominations), the deeds and the attachments. */
export function NominationFields({ kind, defaults, state, stored }: FieldsProps) {
  const t = useT();
  const labels = nominationLabels(t, kind);
  const value = (name: string) => defaults[name] ?? "";
  const choices = <T extends string>(e: Enumeration<T, MessageKey>, emptyLabel: string) => [
    { value: "", label: emptyLabel },
    ...e.values.map((v) => ({ value: v, label: t(e.labelKey(v)) })),
  ];
  const keepHint = (masked: string | null | undefined) =>
    masked ? t("nominations.keepStored", { masked }) : undefined;
  return (
    <>
      {kind === "individual" ? (
        <fieldset className="card">
          <legend>{t("nominations.section.person")}</legend>
          <TextField
            name="name"
            label={labels.name}
            required
            maxLength={50}
            defaultValue={value("name")}
            state={state}
          />
          <TextField
            name="id_number"
            label={labels.id_number}
            required={!stored?.idNumber}
            maxLength={22}
            autoComplete="off"
            state={state}
            hint={keepHint(stored?.idNumber) ?? t("nominations.hint.idNumber")}
          />
          <SelectField
            name="gender"
            label={labels.gender}
            options={choices(Gender, t("nominations.fromIdNumber"))}
            defaultValue={value("gender")}
            state={state}
          />
          <TextField
            name="birth_date"
            type="date"
            label={labels.birth_date}
            defaultValue={value("birth_date")}
            state={state}
            hint={t("nominations.hint.fromIdNumber")}
          />
          <TextField
            name="ethnicity"
            label={labels.ethnicity}
            required
            maxLength={20}
            defaultValue={value("ethnicity")}
            state={state}
            hint={t("nominations.hint.ethnicity")}
          />
          <TextField
            name="political_status"
            label={labels.political_status}
            required
            maxLength={30}
            defaultValue={value("political_status")}
            state={state}
            hint={t("nominations.hint.politicalStatus")}
          />
          <TextField
            name="education"
            label={labels.education}
            required
            maxLength={30}
            defaultValue={value("education")}
            state={state}
            hint={t("nominations.hint.education")}
          />
          <TextField
            name="workplace"
            label={labels.workplace}
            required
            maxLength={100}
            defaultValue={value("workplace")}
            state={state}
          />
          <TextField
            name="post"
            label={labels.post}
            maxLength={50}
            defaultValue={value("post")}
            state={state}
          />
          <SelectField
            name="occupation_group"
            label={labels.occupation_group}
            required
            options={choices(OccupationGroup, t("nominations.choose"))}
            defaultValue={value("occupation_group")}
            state={state}
          />
          <SelectField
            name="migrant"
            label={labels.migrant}
            required
            options={[
              { value: "", label: t("nominations.choose") },
              { value: "yes", label: t("common.yes") },
              { value: "no", label: t("common.no") },
            ]}
            defaultValue={value("migrant")}
            state={state}
          />
          <SelectField
            name="sector"
            label={labels.sector}
            options={choices(Sector, t("nominations.optional"))}
            defaultValue={value("sector")}
            state={state}
          />
          <TextField
            name="phone"
            type="tel"
            label={labels.phone}
            required={!stored?.phone}
            maxLength={30}
            autoComplete="off"
            state={state}
            hint={keepHint(stored?.phone) ?? t("nominations.hint.phone")}
          />
        </fieldset>
      ) : (
        <fieldset className="card">
          <legend>{t("nominations.section.collective")}</legend>
          <TextField
            name="name"
            label={labels.name}
            required
            maxLength={100}
            defaultValue={value("name")}
            state={state}
          />
          <SelectField
            name="collective_kind"
            label={labels.collective_kind}
            options={choices(CollectiveKind, t("nominations.optional"))}
            defaultValue={value("collective_kind")}
            state={state}
          />
          <TextField
            name="member_count"
            label={labels.member_count}
            required
            maxLength={9}
            defaultValue={value("member_count")}
            state={state}
          />
          <TextField
            name="leader"
            label={labels.leader}
            required
            maxLength={50}
            defaultValue={value("leader")}
            state={state}
          />
          <SelectField
            name="sector"
            label={labels.sector}
            options={choices(Sector, t("nominations.optional"))}
            defaultValue={value("sector")}
            state={state}
          />
          <TextField
            name="phone"
            type="tel"
            label={labels.phone}
            maxLength={30}
            autoComplete="off"
            state={state}
            hint={keepHint(stored?.phone) ?? t("nominations.hint.phone")}
          />
        </fieldset>
      )}
      <fieldset className="card">
        <legend>{t("nominations.section.deeds")}</legend>
        <CountedTextArea
          name="summary"
          label={labels.summary}
          max={MAX_SUMMARY}
          rows={5}
          defaultValue={value("summary")}
          state={state}
          hint={t("nominations.hint.summary")}
        />
        <CountedTextArea
          name="deeds"
          label={labels.deeds}
          max={MAX_DEEDS}
          rows={16}
          required
          defaultValue={value("deeds")}
          state={state}
        />
      </fieldset>
      <fieldset className="card">
        <legend>{t("nominations.section.files")}</legend>
        <div className={state?.errors?.files ? "field field-invalid" : "field"}>
          <label htmlFor="f-files">{labels.files}</label>
          <input
            id="f-files"
            name="files"
            type="file"
            multiple
            accept={ACCEPT_ATTRIBUTE}
            {...invalidProps("files", state, "f-files-hint")}
          />
          <p className="hint" id="f-files-hint">
            {t("nominations.hint.files", {
              mb: MAX_FILE_MEGABYTES,
              count: MAX_FILES_PER_UPLOAD,
              total: MAX_UPLOAD_TOTAL_MEGABYTES,
            })}
          </p>
          <FieldErrorText name="files" state={state} />
        </div>
      </fieldset>
    </>
  );
}
