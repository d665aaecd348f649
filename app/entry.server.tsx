import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";

/**
 * Whole-document rendering. React 18.3's streaming renderer for Node can split a multi-byte
 * character across its 2 KB chunks and send NUL bytes in its place (react#27554): Chinese text came
 * back corrupted, in pages and in the form values a browser then posts. Laurel uses no Suspense
 * streaming, so rendering to a string costs nothing and is exact.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const html = renderToString(<RemixServer context={remixContext} url={request.url} />);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { status: responseStatusCode, headers: responseHeaders });
}
