import type { Gender } from "~/domain/nominations/vocabulary";
import { formatDate } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import { TableRegion } from "~/components/table-region";
import { DataCell } from "~/components/data-text";
import { workplaceAndPost } from "./roll-table";

export interface NoticeTableEntry {
  id: number;
  kind: "individual" | "collective";
  name: string;
  gender: Gender | null;
  workplace: string | null;
  post: string | null;
  org_name: string;
  summary: string;
  /** 递补: the day the entry was promoted into the list, and the end of its own notice period. */
  promoted_on: string | null;
  notice_ends_on: string | null;
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
              <DataCell text={e.name} className="notice-entry-name">
                {e.name}
                {e.promoted_on && <PromotedMark on={e.promoted_on} until={e.notice_ends_on} />}
              </DataCell>
              {people && <td>{e.gender ? t(`gender.${e.gender}`) : ""}</td>}
              {people && <DataCell text={e.kind === "individual" ? workplaceAndPost(e) : ""} />}
              <DataCell text={e.org_name} />
              <DataCell text={e.summary} className="notice-entry-summary" />
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** 递补 on the notice: a replacement is marked, with its date, never swapped in silently (issue #16). */
function PromotedMark({ on, until }: { on: string; until: string | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {" "}
      <span className="badge promoted">{t("notice.promoted.badge")}</span>{" "}
      <span className="muted">
        {t("notice.promoted.on", { date: formatDate(locale, on) })}
        {until && `，${t("notice.promoted.until", { end: formatDate(locale, until) })}`}
      </span>
    </>
  );
}
