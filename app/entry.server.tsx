import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToReadableStream } from "react-dom/server.browser";
import { NonceContext } from "~/components/nonce";

const RENDER_TIMEOUT_MS = 10_000;

/**
 * Whole-document rendering with React's web-streams renderer, waiting for every Suspense boundary.
 * Not the Node renderer: React 18.3's renderToPipeableStream splits a multi-byte character across
 * its chunks and sends NUL bytes in its place (react#27554), which corrupted Chinese text. Not
 * renderToString either: single fetch hands the loader data to the browser from inside Suspense
 * boundaries, which renderToString leaves empty, so the page never hydrated. The CSP nonce reaches
 * every inline script Remix writes (see scripts/server.ts for the policy).
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), RENDER_TIMEOUT_MS);
  let status = responseStatusCode;
  try {
    const body = await renderToReadableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer
          context={remixContext}
          url={request.url}
          nonce={nonce || undefined}
          abortDelay={RENDER_TIMEOUT_MS}
        />
      </NonceContext.Provider>,
      {
        nonce: nonce || undefined,
        signal: abort.signal,
        onError(error: unknown) {
          status = 500;
          console.error(error);
        },
      },
    );
    await body.allReady;
    // The whole document is rendered by now: sent as one buffer with its length, so the
    // compression middleware can leave a small one alone and nothing is written chunk by chunk.
    const html = await new Response(body).arrayBuffer();
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    responseHeaders.set("Content-Length", String(html.byteLength));
    return new Response(html, { status, headers: responseHeaders });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An action's data response (`.data`, or the legacy `?_data=`) is never kept by a cache: a reveal
 * of an ID number or a contact answers one, and no action's answer is worth storing (issue #14).
 */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (request.method === "GET" || request.method === "HEAD" || response.headers.has("Cache-Control"))
    return response;
  const headers = new Headers(response.headers);
  headers.set("Cache-Control", "no-store");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};
