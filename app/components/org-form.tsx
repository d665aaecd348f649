import type { Org } from "../../db/schema";
import { ORG_KINDS } from "~/domain/org-vocabulary";
import { orgOptions } from "~/domain/org-tree";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary, SelectField, TextField, type FormState } from "./form-fields";

interface Props {
  state?: FormState;
  initial?: Pick<Org, "name" | "kind" | "region_code" | "parent_id">;
  parents?: Pick<Org, "id" | "name" | "path">[];
}

export function OrgForm({ state, initial, parents }: Props) {
  const t = useT();
  return (
    <>
      <ErrorSummary
        state={state}
        labels={{
          name: t("orgs.name"),
          regionCode: t("orgs.regionCode"),
          kind: t("orgs.kind"),
          parentId: t("orgs.parent"),
        }}
      />
      <AppForm className="stack card">
        <TextField
          name="name"
          label={t("orgs.name")}
          required
          maxLength={100}
          state={state}
          defaultValue={initial?.name}
        />
        <SelectField
          name="kind"
          label={t("orgs.kind")}
          required
          state={state}
          defaultValue={initial?.kind ?? "grassroots"}
          options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
        />
        <TextField
          name="regionCode"
          label={t("orgs.regionCode")}
          maxLength={6}
          state={state}
          defaultValue={initial?.region_code}
          hint={t("form.regionCode")}
        />
        {parents && (
          <SelectField
            name="parentId"
            label={t("orgs.parent")}
            required
            state={state}
            defaultValue={String(initial?.parent_id ?? "")}
            options={orgOptions(parents)}
          />
        )}
        <button type="submit" className="primary">
          {t("orgs.save")}
        </button>
      </AppForm>
    </>
  );
}
