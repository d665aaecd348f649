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
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import type { FormState } from "~/utils/form-state";
import { CountedTextArea, SelectField, TextField } from "./form-fields";

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
            label={t("nominations.field.name")}
            required
            maxLength={50}
            defaultValue={value("name")}
            state={state}
          />
          <TextField
            name="id_number"
            label={t("nominations.field.idNumber")}
            required={!stored?.idNumber}
            maxLength={22}
            autoComplete="off"
            state={state}
            hint={keepHint(stored?.idNumber) ?? t("nominations.hint.idNumber")}
          />
          <SelectField
            name="gender"
            label={t("nominations.field.gender")}
            options={choices(Gender, t("nominations.fromIdNumber"))}
            defaultValue={value("gender")}
            state={state}
          />
          <TextField
            name="birth_date"
            type="date"
            label={t("nominations.field.birthDate")}
            defaultValue={value("birth_date")}
            state={state}
            hint={t("nominations.hint.fromIdNumber")}
          />
          <TextField
            name="ethnicity"
            label={t("nominations.field.ethnicity")}
            required
            maxLength={20}
            defaultValue={value("ethnicity")}
            state={state}
            hint={t("nominations.hint.ethnicity")}
          />
          <TextField
            name="political_status"
            label={t("nominations.field.politicalStatus")}
            required
            maxLength={30}
            defaultValue={value("political_status")}
            state={state}
            hint={t("nominations.hint.politicalStatus")}
          />
          <TextField
            name="education"
            label={t("nominations.field.education")}
            required
            maxLength={30}
            defaultValue={value("education")}
            state={state}
            hint={t("nominations.hint.education")}
          />
          <TextField
            name="workplace"
            label={t("nominations.field.workplace")}
            required
            maxLength={100}
            defaultValue={value("workplace")}
            state={state}
          />
          <TextField
            name="post"
            label={t("nominations.field.post")}
            maxLength={50}
            defaultValue={value("post")}
            state={state}
          />
          <SelectField
            name="occupation_group"
            label={t("nominations.field.occupationGroup")}
            required
            options={choices(OccupationGroup, t("nominations.choose"))}
            defaultValue={value("occupation_group")}
            state={state}
          />
          <SelectField
            name="migrant"
            label={t("nominations.field.migrant")}
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
            label={t("nominations.field.sector")}
            options={choices(Sector, t("nominations.optional"))}
            defaultValue={value("sector")}
            state={state}
          />
          <TextField
            name="phone"
            type="tel"
            label={t("nominations.field.phone")}
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
            label={t("nominations.field.collectiveName")}
            required
            maxLength={100}
            defaultValue={value("name")}
            state={state}
          />
          <SelectField
            name="collective_kind"
            label={t("nominations.field.collectiveKind")}
            options={choices(CollectiveKind, t("nominations.optional"))}
            defaultValue={value("collective_kind")}
            state={state}
          />
          <TextField
            name="member_count"
            label={t("nominations.field.memberCount")}
            required
            maxLength={9}
            defaultValue={value("member_count")}
            state={state}
          />
          <TextField
            name="leader"
            label={t("nominations.field.leader")}
            required
            maxLength={50}
            defaultValue={value("leader")}
            state={state}
          />
          <SelectField
            name="sector"
            label={t("nominations.field.sector")}
            options={choices(Sector, t("nominations.optional"))}
            defaultValue={value("sector")}
            state={state}
          />
          <TextField
            name="phone"
            type="tel"
            label={t("nominations.field.contactPhone")}
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
          label={t("nominations.field.summary")}
          max={MAX_SUMMARY}
          rows={5}
          defaultValue={value("summary")}
          state={state}
          hint={t("nominations.hint.summary")}
        />
        <CountedTextArea
          name="deeds"
          label={t("nominations.field.deeds")}
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
          <label htmlFor="f-files">{t("nominations.field.files")}</label>
          <input
            id="f-files"
            name="files"
            type="file"
            multiple
            accept={ACCEPT_ATTRIBUTE}
            aria-describedby="f-files-hint"
          />
          <p className="hint" id="f-files-hint">
            {t("nominations.hint.files", {
              mb: MAX_FILE_MEGABYTES,
              count: MAX_FILES_PER_UPLOAD,
              total: MAX_UPLOAD_TOTAL_MEGABYTES,
            })}
          </p>
          {state?.errors?.files && (
            <p className="field-error">{t(state.errors.files.key, state.errors.files.params)}</p>
          )}
        </div>
      </fieldset>
    </>
  );
}
