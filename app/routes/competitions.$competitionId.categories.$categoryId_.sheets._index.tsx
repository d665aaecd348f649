import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { DataCell } from "~/components/data-text";
import { listPanel } from "~/models/panel.server";
import { isMatrixOpen } from "~/models/judging-category.server";
import { scoreMatrix } from "~/models/score-sheet.server";
import { errorResponse } from "~/utils/http.server";
import { requireCategoryAdmin } from "~/utils/authorize.server";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";
import judgingStyles from "~/styles/judging.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [args.data && t("judging.matrix.heading", { category: args.data.cat.name })]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cat } = await requireCategoryAdmin(request, context, params);
  if (!isMatrixOpen(cat.stage)) throw errorResponse(409, "judging.matrix.notYet");
  const [panel, sheets] = await Promise.all([listPanel(context.db, cat.id), scoreMatrix(context.db, cat.id)]);
  const rows = new Map<
    number,
    { ref: string; name: string; cells: Record<number, { id: number; total: number }> }
  >();
  for (const s of sheets) {
    const row = rows.get(s.nomination_id) ?? { ref: s.ref, name: s.name, cells: {} };
    row.cells[s.panel_member_id] = { id: s.id, total: s.total };
    rows.set(s.nomination_id, row);
  }
  return {
    cat: { id: cat.id, name: cat.name, competitionId: cat.competition_id },
    judges: panel.map((m) => ({ id: m.id, name: m.display_name })),
    rows: [...rows.values()],
  };
}

export default function ScoreMatrix() {
  const t = useT();
  const { cat, judges, rows } = useLoaderData<typeof loader>();
  const base = `/competitions/${cat.competitionId}/categories/${cat.id}`;
  return (
    <>
      <p className="muted">
        <Link to={`${base}/results`}>{t("judging.results.title")}</Link>
      </p>
      <h1>{t("judging.matrix.heading", { category: cat.name })}</h1>
      <TableRegion label={t("judging.matrix.heading", { category: cat.name })}>
        <table className="matrix">
          <thead>
            <tr>
              <th>{t("judging.ref")}</th>
              <th>{t("judging.name")}</th>
              {judges.map((j) => (
                <th key={j.id}>{j.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.ref}>
                <td>{r.ref}</td>
                <DataCell text={r.name} />
                {judges.map((j) => (
                  <td key={j.id}>
                    {r.cells[j.id] ? (
                      <Link to={`${base}/sheets/${r.cells[j.id].id}`}>{r.cells[j.id].total}</Link>
                    ) : (
                      "—"
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
