import type { ProjectRecord } from "~/models/project.server";
import { Amount } from "~/components/amount";
import { useLocale, useT } from "~/i18n/use-t";
import { TableRegion } from "./table-region";

export type ProjectItem = Pick<
  ProjectRecord,
  "id" | "title" | "investment_fen" | "started_on" | "ended_on" | "status" | "helper_name" | "county_name"
>;

/** A county's or a helper's aid projects; `show` picks the other side's column. */
export function ProjectList({
  projects,
  show,
  editHref,
}: {
  projects: ProjectItem[];
  show: "helper" | "county";
  editHref?: (id: number) => string;
}) {
  const t = useT();
  const locale = useLocale();
  if (projects.length === 0) return <p className="muted">{t("projects.none")}</p>;
  return (
    <TableRegion label={t("projects.heading")}>
      <table>
        <thead>
          <tr>
            <th>{t("aid.project.title")}</th>
            <th>{t(show === "helper" ? "aid.project.helper" : "aid.project.county")}</th>
            <th className="num">{t("aid.project.investment")}</th>
            <th>{t("aid.project.startedOn")}</th>
            <th>{t("aid.project.endedOn")}</th>
            <th>{t("aid.project.status")}</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.id}>
              <td>{editHref ? <a href={editHref(p.id)}>{p.title}</a> : p.title}</td>
              <td>{show === "helper" ? p.helper_name : p.county_name}</td>
              <td className="num">
                <Amount fen={p.investment_fen} locale={locale} />
              </td>
              <td>{p.started_on ?? "—"}</td>
              <td>{p.ended_on ?? "—"}</td>
              <td>{t(`projectStatus.${p.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
