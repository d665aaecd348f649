import { Link } from "@remix-run/react";
import type { RollEntry } from "~/models/honor-roll.server";
import { useDataLang, useT } from "~/i18n/use-t";
import { TableRegion } from "~/components/table-region";

export type RollRow = Pick<
  RollEntry,
  "id" | "kind" | "name" | "gender" | "workplace" | "post" | "org_name" | "position"
>;

/** Workplace and post as one cell (工作单位及职务). */
export function workplaceAndPost(r: Pick<RollRow, "workplace" | "post">): string {
  return [r.workplace, r.post].filter(Boolean).join(" ");
}

/** A list of honorees: individuals with gender and workplace, collectives by name. */
export function RollTable({
  rows,
  kind,
  link = true,
}: {
  rows: readonly RollRow[];
  kind: string;
  link?: boolean;
}) {
  const t = useT();
  const lang = useDataLang();
  const individual = kind === "individual";
  return (
    <TableRegion label={t(individual ? "honors.individuals" : "honors.collectives")}>
      <table className="roll">
        <thead>
          <tr>
            <th>{t("honors.col.position")}</th>
            <th>{t("notice.col.name")}</th>
            {individual && <th>{t("notice.col.gender")}</th>}
            {individual && <th>{t("notice.col.workplace")}</th>}
            <th>{t("notice.col.org")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.position}</td>
              <td lang={lang(r.name)}>
                {link ? <Link to={`/honors/people/${r.id}`}>{r.name}</Link> : r.name}
              </td>
              {individual && <td>{r.gender ? t(`gender.${r.gender}`) : ""}</td>}
              {individual && <td lang={lang(workplaceAndPost(r))}>{workplaceAndPost(r)}</td>}
              <td lang={lang(r.org_name)}>{r.org_name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
