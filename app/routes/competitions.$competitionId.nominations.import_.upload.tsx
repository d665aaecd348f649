import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { runSheetUpload } from "~/models/nomination-upload.server";
import { errorResponse } from "~/utils/http.server";

/** A thrown `data(…)` refusal (403, 404, 413 …) carries its status and message key. */
function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return !!value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit";
}

/**
 * The JSON twin of the upload page's action, for its progress script (XMLHttpRequest): the same
 * checks and import, answered as JSON with the same status. A redirect (to sign in) stays a
 * redirect: the script then falls back to the plain form post.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  try {
    const outcome = await runSheetUpload(request, context, params.competitionId);
    return Response.json(outcome.body, { status: outcome.status });
  } catch (thrown) {
    if (isDataWithInit(thrown)) return Response.json(thrown.data, { status: thrown.init?.status ?? 400 });
    throw thrown;
  }
}

export function loader(_args: LoaderFunctionArgs) {
  throw errorResponse(405, "error.405");
}
