import type { LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { exportCsv } from "~/domain/csv";
import { exportRows, neutralize, NUMBER_COLUMNS } from "~/domain/activities/stats-table";
import { negotiateLocale, translator } from "~/i18n";
import { loadStatsReport } from "~/models/stats.server";
import { parseExportFormat, parseStatsYear } from "~/utils/stats-query.server";

/** The public statistics as CSV or XLSX: one row per province, city, county, year and kind; funds in exact yuan. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const year = parseStatsYear(request);
  const format = parseExportFormat(request);
  const t = translator(
    negotiateLocale(request.headers.get("cookie"), request.headers.get("accept-language")),
  );
  const report = await loadStatsReport(context.db, year);
  const header = [
    t("stats.col.scope"),
    t("stats.col.name"),
    t("stats.col.code"),
    ...NUMBER_COLUMNS.map((c) => t(`stats.col.${c}`)),
  ];
  const body = exportRows(report, t("stats.scope.province")).map((r) => [
    t(`stats.scope.${r.scope}`),
    neutralize(r.name),
    r.code,
    ...r.numbers,
  ]);
  const name = `aid-stats${year === null ? "" : `-${year}`}`;
  if (format === "csv") {
    return new Response(exportCsv([header, ...body]), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}.csv"`,
      },
    });
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t("nav.stats"));
  ws.addRow(header);
  // Funds go in as numbers (two decimals are exact enough for a sheet's sums); the rest are counts.
  for (const row of body) ws.addRow(row.map((v, i) => (i >= 3 && typeof v === "string" ? Number(v) : v)));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  const bytes = await wb.xlsx.writeBuffer();
  return new Response(new Uint8Array(bytes as ArrayBuffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}
