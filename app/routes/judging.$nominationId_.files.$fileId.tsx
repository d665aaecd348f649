import type { LoaderFunctionArgs } from "@remix-run/node";
import { getJudgeTarget } from "~/models/judge-desk.server";
import { getNominationFile, resourceRefusal } from "~/models/nomination-files.server";
import { requireJudge } from "~/utils/authorize.server";
import { notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";

/** A supporting file of a nomination assigned to this judge; always a download, as for nominators. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    const user = await requireJudge(request, context);
    const nominationId = idParam.safeParse(params.nominationId);
    const fileId = idParam.safeParse(params.fileId);
    const target = nominationId.success
      ? await getJudgeTarget(context.db, user.id, nominationId.data)
      : undefined;
    if (!target || !fileId.success) throw notFound();
    const file = await getNominationFile(context.db, target.dossier.id, fileId.data);
    if (!file) throw notFound();
    return new Response(new Uint8Array(file.data), {
      status: 200,
      headers: {
        "Content-Type": file.content_type,
        "Content-Length": String(file.data.length),
        "Content-Disposition": `attachment; filename="file-${file.id}"; filename*=UTF-8''${encodeURIComponent(target.blind ? `file-${file.id}` : file.filename)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
      },
    });
  } catch (thrown) {
    throw resourceRefusal(thrown, request);
  }
}
