import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { z } from "zod";
import { exportCsv, neutralizeCell as neutralize } from "~/domain/csv";
import {
  CollectiveKind,
  Gender,
  OccupationGroup,
  Sector,
  type Enumeration,
} from "~/domain/nominations/fields";
import { statusLabelKey } from "~/domain/nominations/lifecycle";
import { NOMINATION_STATUSES, type NominationStatus } from "~/domain/nominations/vocabulary";
import { negotiateLocale, translator, type MessageKey, type Translate } from "~/i18n";
import { resourceRefusal } from "~/models/nomination-files.server";
import { listNominationsForExport, type NominationExportRow } from "~/models/nomination-query.server";
import { requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import { badRequest } from "~/utils/http.server";
import { idParam } from "~/utils/zod";

const blankIsAbsent = (v: unknown) => (v === "" ? undefined : v);
const ExportQuery = z.object({
  format: z.preprocess(blankIsAbsent, z.enum(["csv", "xlsx"]).default("csv")),
  org: z.preprocess(blankIsAbsent, idParam.optional()),
  category: z.preprocess(blankIsAbsent, idParam.optional()),
  status: z.preprocess(blankIsAbsent, z.enum(NOMINATION_STATUSES).optional()),
});

/** The organizer's admins export the list (with the list's filters) as CSV or XLSX, personal data masked. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    return await exportList(request, context, params.competitionId);
  } catch (thrown) {
    throw resourceRefusal(thrown, request);
  }
}

async function exportList(request: Request, context: AppLoadContext, rawId: string | undefined) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, rawId, user, "competition:manage");
  const q = ExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw badRequest();
  const { format, org, category, status } = q.data;
  const rows = await listNominationsForExport(context.db, {
    competitionId: c.id,
    orgId: org,
    categoryId: category,
    status,
  });
  const t = translator(
    negotiateLocale(request.headers.get("cookie"), request.headers.get("accept-language")),
  );
  const table = [
    COLUMNS.map((col) => t(`review.col.${col}`)),
    ...rows.map((r) => COLUMNS.map((col) => neutralize(cellValue(t, r, col)))),
  ];
  const name = `nominations-${c.id}`;
  const common = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  if (format === "csv") {
    return new Response(exportCsv(table), {
      headers: {
        ...common,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}.csv"`,
      },
    });
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t("review.export.sheet"));
  for (const row of table) ws.addRow(row);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.columns.forEach((col, i) => (col.width = WIDTHS[COLUMNS[i]] ?? 14));
  const bytes = await wb.xlsx.writeBuffer();
  return new Response(new Uint8Array(bytes as ArrayBuffer), {
    headers: {
      ...common,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}.xlsx"`,
    },
  });
}

/** The columns of the nominations sheet (docs/domain.md#sheets), with the status added. */
const COLUMNS = [
  "ref",
  "category",
  "nominating_org",
  "kind",
  "status",
  "name",
  "gender",
  "ethnicity",
  "birth_date",
  "political_status",
  "education",
  "workplace",
  "post",
  "occupation_group",
  "migrant",
  "sector",
  "id_number",
  "phone",
  "collective_kind",
  "member_count",
  "leader",
  "summary",
  "deeds",
  "submitted_at",
] as const;
type Column = (typeof COLUMNS)[number];

const WIDTHS: Partial<Record<Column, number>> = {
  name: 18,
  nominating_org: 20,
  workplace: 28,
  summary: 50,
  deeds: 80,
  id_number: 22,
};

function cellValue(t: Translate, r: NominationExportRow, col: Column): string | number {
  const label = <T extends string>(e: Enumeration<T, MessageKey>, v: string | null) =>
    v && (e.values as readonly string[]).includes(v) ? t(e.labelKey(v as T)) : (v ?? "");
  switch (col) {
    case "kind":
      return t(`nominationKind.${r.kind}`);
    case "status":
      return t(statusLabelKey(r.status as NominationStatus));
    case "gender":
      return label(Gender, r.gender);
    case "occupation_group":
      return label(OccupationGroup, r.occupation_group);
    case "sector":
      return label(Sector, r.sector);
    case "collective_kind":
      return label(CollectiveKind, r.collective_kind);
    case "migrant":
      return r.migrant === null ? "" : t(r.migrant ? "common.yes" : "common.no");
    case "member_count":
      return r.member_count ?? "";
    case "submitted_at":
      return r.submitted_at?.slice(0, 10) ?? "";
    default:
      return r[col] ?? "";
  }
}
