import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { z } from "zod";
import type { BoardEntry } from "~/domain/contest/board";
import { exportCsv, neutralizeCell as neutralize, type ExportCell } from "~/domain/csv";
import { negotiateLocale, translator, type Translate } from "~/i18n";
import { resourceRefusal } from "~/models/nomination-files.server";
import { requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import { standingsView, type StandingsView } from "~/utils/contest-standings-query.server";
import { errorResponse } from "~/utils/http.server";

const Format = z.enum(["csv", "xlsx"]).default("csv");

/** The standing of the page's query as CSV (UTF-8 with BOM) or XLSX; the same readers as the page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    return await exportStanding(request, context, params.competitionId);
  } catch (thrown) {
    throw resourceRefusal(thrown, request);
  }
}

function movementText(t: Translate, e: BoardEntry): string {
  const m = e.movement;
  if (!m) return "";
  return m.kind === "up" || m.kind === "down"
    ? t(`contest.movement.${m.kind}`, { by: m.by })
    : t(`contest.movement.${m.kind}`);
}

function statusText(t: Translate, e: BoardEntry): string {
  return [
    e.tied ? t("contestStandings.tied") : "",
    e.vetoed ? t("contest.vetoed") : "",
    e.disqualified ? t("contest.disqualified") : "",
  ]
    .filter(Boolean)
    .join("、");
}

/** Header and one row per entry: rank, unit, total, each indicator's points, status, movement, red flags. */
function sheetRows(t: Translate, view: StandingsView): ExportCell[][] {
  return [
    [
      t("contestStandings.sheet.rank"),
      t("contestStandings.sheet.org"),
      t("contestStandings.sheet.total"),
      ...view.indicators.map((i) => t("contestStandings.col.indicator", { title: i.title, unit: i.unit })),
      t("contestStandings.sheet.status"),
      t("contestStandings.sheet.movement"),
      t("contestStandings.sheet.redFlags"),
    ],
    ...view.entries.map((e) => [
      e.rank ?? "",
      e.name,
      e.total,
      ...e.points,
      statusText(t, e),
      movementText(t, e),
      e.redFlags.join(" "),
    ]),
  ];
}

async function exportStanding(request: Request, context: AppLoadContext, rawId: string | undefined) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, rawId, user, "competition:read");
  const view = await standingsView(context, request, c, user);
  if (!view) throw errorResponse(404, "contestStandings.noContest");
  const parsed = Format.safeParse(new URL(request.url).searchParams.get("format") || undefined);
  if (!parsed.success) throw errorResponse(400, "contestStandings.badQuery");
  const format = parsed.data;
  const t = translator(
    negotiateLocale(request.headers.get("cookie"), request.headers.get("accept-language")),
  );
  const caption = t(view.provisional ? "contestStandings.captionProvisional" : "contestStandings.caption", {
    group: view.group,
    period: view.period,
    scope: t(`contest.scope.${view.scope}`),
  });
  const rows = sheetRows(t, view);
  // ASCII file names: the period label and group may hold anything.
  const name = `standings-${c.id}-${view.scope}${view.provisional ? "-provisional" : ""}`;
  const common = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  if (format === "csv")
    return new Response(exportCsv([[caption], ...rows]), {
      headers: {
        ...common,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}.csv"`,
      },
    });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t("contestStandings.title"));
  ws.addRow([caption]).font = { bold: true };
  for (const row of rows) ws.addRow(row.map((v) => neutralize(v ?? "")));
  ws.getRow(2).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 2 }];
  ws.getColumn(2).width = 24;
  const bytes = await wb.xlsx.writeBuffer();
  return new Response(new Uint8Array(bytes as ArrayBuffer), {
    headers: {
      ...common,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
