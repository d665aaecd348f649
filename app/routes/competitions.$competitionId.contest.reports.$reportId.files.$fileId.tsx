import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { getReport } from "~/models/contest-report.server";
import { getReportFile } from "~/models/contest-report-files.server";
import { resourceRefusal } from "~/models/nomination-files.server";
import { requireUser } from "~/utils/auth.server";
import { allows, authorize, findCompetition } from "~/utils/authorize.server";
import { notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";

/**
 * A report's evidence file, for those who may see the report: its unit's nominators, the verifiers
 * above it and the organizer's admins. Always a download, never shown inline in our origin.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    return await serveFile(request, context, params);
  } catch (thrown) {
    throw resourceRefusal(thrown, request);
  }
}

async function serveFile(
  request: Request,
  context: AppLoadContext,
  params: Record<string, string | undefined>,
) {
  const user = await requireUser(request, context);
  const c = await findCompetition(context, params.competitionId);
  const reportId = idParam.safeParse(params.reportId);
  const fileId = idParam.safeParse(params.fileId);
  const r = reportId.success ? await getReport(context.db, c.id, reportId.data) : undefined;
  if (!r || !fileId.success) throw notFound();
  const verifier = allows(user, "contest:verify", {
    organizerPath: r.organizer_path,
    parentPath: r.parent_path,
  });
  const organizer = allows(user, "competition:manage", { orgPath: r.organizer_path });
  if (!verifier && !organizer)
    authorize(user, "contest:report", { organizerPath: r.organizer_path, orgPath: r.org_path });
  const file = await getReportFile(context.db, r.id, fileId.data);
  if (!file) throw notFound();
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(file.data), {
    status: 200,
    headers: {
      "Content-Type": file.content_type,
      "Content-Length": String(file.data.length),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
