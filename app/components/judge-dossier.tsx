import type { ReactNode } from "react";
import { CollectiveKind, Gender, OccupationGroup, Sector } from "~/domain/nominations/fields";
import { useDataLang, useT } from "~/i18n/use-t";
import type { JudgeTarget } from "~/models/judge-desk.server";
import { FactList, useFactText } from "./fact-list";

/** In blind mode the names, and what points to them, arrive as null; the birth date as its year. */
export type JudgeDossierData = JudgeTarget["dossier"];

/**
 * The dossier as a judge sees it: no phone, the ID number masked, only the birth year; in blind
 * mode the server has already removed name, org, workplace, leader and the masked ID number.
 */
export function JudgeDossier({
  n,
  files,
  blind,
}: {
  n: JudgeDossierData;
  files: Pick<JudgeTarget["files"][number], "id" | "filename">[];
  blind: boolean;
}) {
  const t = useT();
  const lang = useDataLang();
  const { label, text } = useFactText();
  const hidden = t("judging.blindHidden");
  const rows: [string, ReactNode][] = [
    [t("nominations.field.ref"), n.ref],
    [t("nominations.field.org"), blind ? hidden : text(n.org_name)],
  ];
  if (n.kind === "individual") {
    rows.push(
      [t("nominations.field.name"), blind ? hidden : text(n.name)],
      [t("nominations.field.gender"), label(Gender, n.gender)],
      [t("nominations.field.ethnicity"), text(n.ethnicity)],
      [t("nominations.field.birthDate"), text(n.birth_date)],
      [t("nominations.field.politicalStatus"), text(n.political_status)],
      [t("nominations.field.education"), text(n.education)],
      [t("nominations.field.workplace"), blind ? hidden : text(n.workplace)],
      [t("nominations.field.post"), text(n.post)],
      [t("nominations.field.occupationGroup"), label(OccupationGroup, n.occupation_group)],
      [t("nominations.field.sector"), label(Sector, n.sector)],
      [t("nominations.field.idNumber"), blind ? hidden : text(n.id_number_masked)],
    );
  } else {
    rows.push(
      [t("nominations.field.collectiveName"), blind ? hidden : text(n.name)],
      [t("nominations.field.collectiveKind"), label(CollectiveKind, n.collective_kind)],
      [t("nominations.field.memberCount"), text(n.member_count)],
      [t("nominations.field.leader"), blind ? hidden : text(n.leader)],
    );
  }
  return (
    <section aria-label={t("judging.dossier")}>
      <FactList rows={rows} />
      <h2>{t("nominations.field.deeds")}</h2>
      <div className="card deeds" lang={lang(n.deeds || n.summary)}>
        {n.deeds || n.summary}
      </div>
      <h2>{t("judging.files")}</h2>
      {files.length === 0 ? (
        <p className="muted">{t("nominations.files.none")}</p>
      ) : (
        <ul>
          {files.map((f) => (
            <li key={f.id}>
              <a href={`/judging/${n.id}/files/${f.id}`}>
                {blind ? t("judging.fileN", { n: f.id }) : f.filename}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
