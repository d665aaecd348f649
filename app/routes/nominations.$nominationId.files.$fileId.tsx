import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { getNominationFile, resourceRefusal } from "~/models/nomination-files.server";
import { getNominationDossier } from "~/models/nomination-query.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { authorize } from "~/utils/authorize.server";
import { idParam } from "~/utils/zod";

/**
 * A supporting file, for the nominating org's nominators and the organizer's admins only. Always
 * a download (never shown inline in our origin), with the type stored when its bytes were
 * checked, and no sniffing by the browser.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    return await serveFile(request, context, params.nominationId, params.fileId);
  } catch (thrown) {
    throw resourceRefusal(thrown, request);
  }
}

async function serveFile(
  request: Request,
  context: AppLoadContext,
  rawNomination: string | undefined,
  rawFile: string | undefined,
) {
  const user = await requireUser(request, context);
  const nominationId = idParam.safeParse(rawNomination);
  const fileId = idParam.safeParse(rawFile);
  const n = nominationId.success ? await getNominationDossier(context.db, nominationId.data) : undefined;
  if (!n || !fileId.success) throw notFound();
  authorize(user, "nomination:read", { organizerPath: n.organizer_path, orgPath: n.org_path });
  const file = await getNominationFile(context.db, n.id, fileId.data);
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.data), {
    status: 200,
    headers: {
      "Content-Type": file.content_type,
      "Content-Length": String(file.data.length),
      "Content-Disposition": contentDisposition(file.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

/** RFC 6266: an ASCII fallback for old clients and the UTF-8 name (文件名) for the rest. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
