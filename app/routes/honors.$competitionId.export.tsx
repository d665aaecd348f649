import type { LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { z } from "zod";
import { exportCsv, neutralizeCell as neutralize } from "~/domain/csv";
import { negotiateLocale, translator, type MessageKey, type Translate } from "~/i18n";
import {
  getPublishedList,
  listRollCategories,
  listWholeRoll,
  type PublishedList,
} from "~/models/honor-roll.server";
import { loadRegionNames } from "~/models/region-names.server";
import { badRequest, notFound } from "~/utils/http.server";
import { contentTag, publicExport } from "~/utils/public-export.server";
import { idParam } from "~/utils/zod";

const ExportQuery = z.object({ format: z.enum(["csv", "xlsx", "json"]).default("csv") });

/** A published list as CSV, XLSX or JSON (open data): public fields only, with the list's digest. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam.safeParse(params.competitionId);
  const list = id.success ? await getPublishedList(context.db, id.data) : undefined;
  if (!list) throw notFound();
  const q = ExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw badRequest();
  const [categories, roll, names] = await Promise.all([
    listRollCategories(context.db, list.id),
    listWholeRoll(context.db, list.id),
    loadRegionNames(context.db),
  ]);
  // People read the region's name; the open data keeps its code beside it for machines.
  const rows = roll.map((r) => ({
    ...r,
    region: r.region_code ? (names.get(r.region_code) ?? r.region_code) : "",
  }));
  const headers = { "X-Content-Type-Options": "nosniff", "X-List-Digest": list.digest };
  const name = `honor-roll-${list.id}`;
  if (q.data.format === "json") {
    const body = JSON.stringify({
      ...listMeta(list),
      categories: categories.map((c) => ({
        name: c.name,
        kind: c.kind,
        entries: rows.filter((r) => r.category_id === c.id).map(publicEntry),
      })),
    });
    return publicExport(
      request,
      contentTag(body),
      { ...headers, "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" },
      () => body,
    );
  }
  const t = translator(
    negotiateLocale(request.headers.get("cookie"), request.headers.get("accept-language")),
  );
  const table = [
    COLUMNS.map((c) => t(c.label)),
    ...rows.map((r) => COLUMNS.map((c) => neutralize(c.value(r, t)))),
  ];
  const meta = metaRows(list, t);
  if (q.data.format === "csv") {
    const body = exportCsv([...table, [], ...meta]);
    return publicExport(
      request,
      contentTag(body),
      {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}.csv"`,
      },
      () => body,
    );
  }
  const xlsx = {
    ...headers,
    "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": `attachment; filename="${name}.xlsx"`,
  };
  return publicExport(request, contentTag("xlsx", JSON.stringify([table, meta])), xlsx, () =>
    workbook(table, meta, t),
  );
}

async function workbook(
  table: (string | number)[][],
  meta: string[][],
  t: Translate,
): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t("publication.roll"));
  for (const row of table) ws.addRow(row);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.columns.forEach((col, i) => (col.width = COLUMNS[i].width));
  const info = wb.addWorksheet(t("honors.honoree.decision"));
  for (const row of meta) info.addRow(row);
  info.getColumn(1).width = 22;
  info.getColumn(2).width = 70;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

type Row = Awaited<ReturnType<typeof listWholeRoll>>[number] & { region: string };

function listMeta(list: PublishedList) {
  return {
    competition: list.title,
    year: list.year,
    doc_number: list.doc_number,
    published_on: list.published_on,
    publishing_org: list.publishing_org,
    digest: list.digest,
  };
}

function publicEntry(r: Row) {
  return {
    position: r.position,
    name: r.name,
    gender: r.gender,
    workplace: r.workplace,
    post: r.post,
    org: r.org_name,
    region: r.region || null,
    region_code: r.region_code,
    summary: r.summary,
    url: `/honors/people/${r.id}`,
  };
}

const COLUMNS: { label: MessageKey; width: number; value: (r: Row, t: Translate) => string | number }[] = [
  { label: "honors.col.category", width: 16, value: (r) => r.category_name },
  { label: "honors.col.position", width: 8, value: (r) => r.position },
  { label: "notice.col.name", width: 24, value: (r) => r.name },
  {
    label: "notice.col.gender",
    width: 8,
    value: (r, t) => (r.gender ? t(`gender.${r.gender}`) : ""),
  },
  { label: "notice.col.workplace", width: 36, value: (r) => [r.workplace, r.post].filter(Boolean).join(" ") },
  { label: "notice.col.org", width: 24, value: (r) => r.org_name },
  { label: "honors.col.region", width: 10, value: (r) => r.region },
  { label: "notice.col.summary", width: 60, value: (r) => r.summary },
];

function metaRows(list: PublishedList, t: Translate): string[][] {
  return [
    [t("honors.col.competition"), list.title],
    [t("publication.field.docNumber"), list.doc_number],
    [t("publication.field.date"), list.published_on],
    [t("publication.field.org"), list.publishing_org],
    [t("publication.digest"), list.digest],
  ];
}
