import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCompetition } from "~/models/competition.server";
import { requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";

/** The competition as a template JSON file (docs/domain.md#command-line), for next year or another union. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  const template = await exportCompetition(context.db, c.id);
  return new Response(`${JSON.stringify(template, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="competition-${c.id}.json"; filename*=UTF-8''${encodeURIComponent(`${c.title}.json`)}`,
      "Cache-Control": "no-store",
    },
  });
}
