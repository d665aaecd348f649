import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { TableRegion } from "~/components/table-region";
import { workplaceAndPost } from "./roll-table";

export interface NoticeTableEntry {
  id: number;
  kind: "individual" | "collective";
  name: string;
  gender: string | null;
  workplace: string | null;
  post: string | null;
  org_name: string;
  summary: string;
}

/**
 * One category of the public notice. A collective has no gender and no workplace, so a table of
 * collectives leaves those columns out rather than show them empty (on a phone they only push
 * the deeds off screen); names stay on one line.
 */
export function NoticeTable({ label, entries }: { label: string; entries: readonly NoticeTableEntry[] }) {
  const t = useT();
  const people = entries.some((e) => e.kind === "individual");
  return (
    <TableRegion label={label}>
      <table className="notice-table">
        <thead>
          <tr>
            <th>{t("notice.col.name")}</th>
            {people && <th>{t("notice.col.gender")}</th>}
            {people && <th>{t("notice.col.workplace")}</th>}
            <th>{t("notice.col.org")}</th>
            <th>{t("notice.col.summary")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="notice-entry-name">{e.name}</td>
              {people && <td>{e.gender ? t(`gender.${e.gender}` as MessageKey) : ""}</td>}
              {people && <td>{e.kind === "individual" ? workplaceAndPost(e) : ""}</td>}
              <td>{e.org_name}</td>
              <td className="notice-entry-summary">{e.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
