import type { PublicEntry } from "~/models/contest-board.server";
import type { Movement } from "~/domain/contest/movement";
import { useT } from "~/i18n/use-t";
import type { Translate } from "~/i18n";
import { TableRegion } from "~/components/table-region";
import { formatPoints } from "./points-text";

function movementText(t: Translate, m: Movement | null): string {
  if (m === null) return "";
  if (m.kind === "up" || m.kind === "down") return t(`contestBoard.movement.${m.kind}`, { by: m.by });
  return t(`contestBoard.movement.${m.kind}`);
}

function rankCell(t: Translate, e: PublicEntry) {
  if (e.disqualified) return <span className="mark-out">{t("contestBoard.disqualified")}</span>;
  if (e.vetoed)
    return (
      <span className="mark-out">
        {e.vetoedBy.length
          ? t("contestBoard.vetoedBy", { titles: e.vetoedBy.join("、") })
          : t("contestBoard.vetoed")}
      </span>
    );
  return (
    <>
      {e.rank}
      {e.tied && <span className="muted"> {t("contestBoard.tied")}</span>}
    </>
  );
}

/** One group's standing for the public: public indicators only, the unranked marked, after the ranked. */
export function PublicStanding({
  caption,
  indicators,
  entries,
}: {
  caption: string;
  indicators: { code: string; title: string }[];
  entries: PublicEntry[];
}) {
  const t = useT();
  return (
    <TableRegion label={caption}>
      <table className="standing">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("contestBoard.col.rank")}</th>
            <th scope="col">{t("contestBoard.col.unit")}</th>
            <th scope="col" className="num">
              {t("contestBoard.col.total")}
            </th>
            {indicators.map((i) => (
              <th key={i.code} scope="col" className="num">
                {t("contestBoard.points", { title: i.title })}
              </th>
            ))}
            <th scope="col">{t("contestBoard.col.movement")}</th>
            <th scope="col" className="num">
              {t("contestBoard.col.flags")}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.name} className={e.rank === null ? "unranked" : undefined}>
              <td>{rankCell(t, e)}</td>
              <th scope="row">{e.name}</th>
              <td className="num">{formatPoints(e.total)}</td>
              {e.points.map((p, i) => (
                <td key={indicators[i].code} className="num">
                  {formatPoints(p)}
                </td>
              ))}
              <td>{movementText(t, e.movement)}</td>
              <td className="num">
                {e.redFlags > 0 ? t("contestBoard.flagCount", { count: e.redFlags }) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
