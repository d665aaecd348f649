import type { LoaderFunctionArgs } from "@remix-run/node";
import { listPublishedLists } from "~/models/honor-roll.server";
import { contentTag, publicExport } from "~/utils/public-export.server";

/** Open data: every published list, with where to fetch its entries as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const lists = await listPublishedLists(context.db);
  const body = lists.map((l) => ({
    id: l.id,
    competition: l.title,
    year: l.year,
    doc_number: l.doc_number,
    published_on: l.published_on,
    publishing_org: l.publishing_org,
    digest: l.digest,
    entries_url: `/honors/${l.id}/export?format=json`,
    page_url: `/honors/${l.id}`,
  }));
  const text = JSON.stringify({ lists: body });
  return publicExport(
    request,
    contentTag(text),
    { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" },
    () => text,
  );
}
