import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { resourceRefusal } from "~/models/nomination-files.server";
import { categoryTemplate, requireUploadAccess } from "~/models/nomination-upload.server";
import { badRequest, notFound } from "~/utils/http.server";
import { exportCsv } from "~/domain/csv";
import { csvTemplateRows, xlsxTemplate } from "~/utils/sheet-template.server";
import { idParam } from "~/utils/zod";

const TemplateQuery = z.object({ category: idParam, format: z.enum(["xlsx", "csv"]) });

/**
 * A category's nominations template (decision 019), for whoever may upload the sheet: the
 * organizer's admins and the nominators. Only the category's own columns, Chinese headers, an
 * example row; the XLSX adds 填写说明 and drop-down lists.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    const access = await requireUploadAccess(request, context, params.competitionId);
    const q = TemplateQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!q.success) throw badRequest();
    const template = await categoryTemplate(context, access, q.data.category);
    if (!template) throw notFound();
    const name = `${template.category.name}-推荐名单模板.${q.data.format}`;
    const headers = {
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": `attachment; filename="nominations-template-${template.category.id}.${q.data.format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    };
    if (q.data.format === "csv")
      return new Response(exportCsv(csvTemplateRows(template.columns)), {
        headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" },
      });
    const bytes = await xlsxTemplate(template.columns, template.category.name);
    return new Response(new Uint8Array(bytes), {
      headers: {
        ...headers,
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
    });
  } catch (thrown) {
    throw resourceRefusal(thrown, request);
  }
}
