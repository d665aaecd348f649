import type { ReactNode } from "react";
import { CollectiveKind, Gender, OccupationGroup, Sector } from "~/domain/nominations/fields";
import { statusLabelKey } from "~/domain/nominations/lifecycle";
import type { NominationStatus } from "~/domain/nominations/vocabulary";
import { formatDateTime } from "~/i18n/format";
import { useDataLang, useLocale, useT } from "~/i18n/use-t";
import type { NominationDossier } from "~/models/nomination-query.server";
import { FactList, useFactText } from "./fact-list";

export type NominationFactsData = Pick<
  NominationDossier,
  | "ref"
  | "kind"
  | "status"
  | "name"
  | "org_name"
  | "category_name"
  | "gender"
  | "ethnicity"
  | "birth_date"
  | "political_status"
  | "education"
  | "workplace"
  | "post"
  | "occupation_group"
  | "migrant"
  | "sector"
  | "id_number_masked"
  | "phone_masked"
  | "collective_kind"
  | "member_count"
  | "leader"
  | "summary"
  | "deeds"
  | "submitted_at"
>;

export function NominationStatusBadge({ status }: { status: NominationStatus }) {
  const t = useT();
  return <strong className={`status status-${status}`}>{t(statusLabelKey(status))}</strong>;
}

/** The dossier's fields; the ID number and phone masked unless an admin revealed them (`revealed`). */
export function NominationFacts({
  n,
  revealed,
  personalControl,
}: {
  n: NominationFactsData;
  revealed?: { idNumber: string | null; phone: string | null } | null;
  personalControl?: ReactNode;
}) {
  const t = useT();
  const lang = useDataLang();
  const locale = useLocale();
  const { label, text } = useFactText();
  const rows: [string, ReactNode][] = [
    [t("nominations.field.ref"), n.ref],
    [t("nominations.field.status"), <NominationStatusBadge key="s" status={n.status} />],
    [t("nominations.field.category"), n.category_name],
    [t("nominations.field.org"), n.org_name],
    [t("nominations.field.submittedAt"), n.submitted_at ? formatDateTime(locale, n.submitted_at) : "—"],
  ];
  if (n.kind === "individual") {
    rows.push(
      [t("nominations.field.name"), n.name],
      [t("nominations.field.gender"), label(Gender, n.gender)],
      [t("nominations.field.ethnicity"), text(n.ethnicity)],
      [t("nominations.field.birthDate"), text(n.birth_date)],
      [t("nominations.field.politicalStatus"), text(n.political_status)],
      [t("nominations.field.education"), text(n.education)],
      [t("nominations.field.workplace"), text(n.workplace)],
      [t("nominations.field.post"), text(n.post)],
      [t("nominations.field.occupationGroup"), label(OccupationGroup, n.occupation_group)],
      [
        t("nominations.field.migrant"),
        n.migrant === null ? "—" : n.migrant ? t("common.yes") : t("common.no"),
      ],
      [t("nominations.field.sector"), label(Sector, n.sector)],
      [
        t("nominations.field.idNumber"),
        <span key="id" className="personal">
          {revealed ? text(revealed.idNumber) : text(n.id_number_masked)}
        </span>,
      ],
      [
        t("nominations.field.phone"),
        <span key="ph" className="personal">
          {revealed ? text(revealed.phone) : text(n.phone_masked)}
        </span>,
      ],
    );
  } else {
    rows.push(
      [t("nominations.field.collectiveName"), n.name],
      [t("nominations.field.collectiveKind"), label(CollectiveKind, n.collective_kind)],
      [t("nominations.field.memberCount"), text(n.member_count)],
      [t("nominations.field.leader"), text(n.leader)],
      [t("nominations.field.sector"), label(Sector, n.sector)],
      [
        t("nominations.field.contactPhone"),
        <span key="ph" className="personal">
          {revealed ? text(revealed.phone) : text(n.phone_masked)}
        </span>,
      ],
    );
  }
  return (
    <>
      <FactList rows={rows} />
      {personalControl}
      <h2>{t("nominations.field.summary")}</h2>
      <p className="card" style={{ whiteSpace: "pre-wrap" }} lang={lang(n.summary)}>
        {n.summary || "—"}
      </p>
      <h2>{t("nominations.field.deeds")}</h2>
      <div className="card" style={{ whiteSpace: "pre-wrap" }} lang={lang(n.deeds)}>
        {n.deeds}
      </div>
    </>
  );
}
