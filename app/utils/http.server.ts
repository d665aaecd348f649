import { data, type HeadersFunction } from "@remix-run/node";
import type { MessageKey, Params } from "~/i18n";

export interface ErrorPayload {
  messageKey: MessageKey;
  params?: Params;
}

/** What a loader or action throws to refuse: the error boundary shows the message in the reader's language. */
export function errorResponse(status: number, messageKey: MessageKey, params?: Params) {
  return data<ErrorPayload>({ messageKey, params }, { status });
}

/**
 * For a route whose action may answer personal data (a reveal): its Cache-Control reaches the
 * page response and the data response too, which Remix would otherwise leave without it.
 */
export const actionCacheControl: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const cacheControl = actionHeaders.get("Cache-Control") ?? loaderHeaders.get("Cache-Control");
  return cacheControl ? { "Cache-Control": cacheControl } : new Headers();
};

export const notFound = () => errorResponse(404, "error.404");
export const badRequest = (params?: Params) => errorResponse(400, "error.400.generic", params);
