import type { CommendationResult } from "~/models/contest-commendation.server";
import { useT } from "~/i18n/use-t";
import { StatusMessage } from "~/components/form-fields";
import { TableRegion } from "~/components/table-region";
import { formatPoints } from "./points-text";

/** Who became a nomination, who was skipped or refused and why: the answer to "into the commendation". */
export function CommendationResultView({ result }: { result: CommendationResult }) {
  const t = useT();
  const all = result.groups.flatMap((g) => g.outcomes);
  const count = (o: string) => all.filter((x) => x.outcome === o).length;
  return (
    <>
      <StatusMessage>
        {t("contestBoard.into.result", { category: result.category, period: result.period })}{" "}
        {t("contestBoard.into.counts", {
          nominated: count("nominated"),
          skipped: count("skipped"),
          refused: count("refused"),
        })}
      </StatusMessage>
      {result.groups.map((g) => (
        <section key={g.name}>
          <h3>{t("contestBoard.group", { group: g.name })}</h3>
          {g.topN === null ? (
            <p>{t("contestBoard.into.groupNoTopN")}</p>
          ) : g.outcomes.length === 0 ? (
            <p>{t("contestBoard.into.groupEmpty")}</p>
          ) : (
            <TableRegion label={t("contestBoard.group", { group: g.name })}>
              <table className="standing">
                <thead>
                  <tr>
                    <th scope="col">{t("contestBoard.col.rank")}</th>
                    <th scope="col">{t("contestBoard.col.unit")}</th>
                    <th scope="col" className="num">
                      {t("contestBoard.col.total")}
                    </th>
                    <th scope="col">{t("contestBoard.col.union")}</th>
                    <th scope="col">{t("contestBoard.col.outcome")}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.outcomes.map((o) => (
                    <tr key={o.name}>
                      <td>{o.rank ?? t("contestBoard.unranked")}</td>
                      <th scope="row">{o.name}</th>
                      <td className="num">{formatPoints(o.total)}</td>
                      <td>{o.union ?? "—"}</td>
                      <td>
                        {o.outcome === "nominated"
                          ? t("contestBoard.outcome.nominated", { ref: o.ref ?? "" })
                          : t("contestBoard.outcome.because", {
                              outcome: t(`contestBoard.outcome.${o.outcome}`),
                              reason: t(`contestBoard.refusal.${o.refusal!}`, { places: o.places ?? 0 }),
                            })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </section>
      ))}
    </>
  );
}
