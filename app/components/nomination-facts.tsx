import type { ReactNode } from "react";
import { CollectiveKind, Gender, OccupationGroup, Sector } from "~/domain/nominations/fields";
import { statusLabelKey, type NominationStatus } from "~/domain/nominations/lifecycle";
import { formatDateTime } from "~/i18n/format";
import { useDataLang, useLocale, useT } from "~/i18n/use-t";
import { FactList, useFactText } from "./fact-list";

export interface NominationFactsData {
  ref: string;
  kind: string;
  status: string;
  name: string;
  org_name: string;
  category_name: string;
  gender: string | null;
  ethnicity: string | null;
  birth_date: string | null;
  political_status: string | null;
  education: string | null;
  workplace: string | null;
  post: string | null;
  occupation_group: string | null;
  migrant: number | null;
  sector: string | null;
  id_number_masked: string | null;
  phone_masked: string | null;
  collective_kind: string | null;
  member_count: number | null;
  leader: string | null;
  summary: string;
  deeds: string;
  submitted_at: string | null;
}

export function NominationStatusBadge({ status }: { status: string }) {
  const t = useT();
  return (
    <strong className={`status status-${status}`}>{t(statusLabelKey(status as NominationStatus))}</strong>
  );
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
