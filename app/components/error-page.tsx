import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { isMessageKey, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

const byStatus: Record<number, MessageKey> = {
  400: "error.400.generic",
  403: "error.403",
  404: "error.404",
  405: "error.405",
  413: "error.413",
  429: "error.429",
};

/** One error page for every route: the status and a message in the reader's language. */
export function ErrorPage() {
  const t = useT();
  const error = useRouteError();
  let status = 500;
  let key: MessageKey = "error.500";
  let params: Record<string, string | number> | undefined;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const payload = error.data as { messageKey?: string; params?: Record<string, string | number> } | null;
    if (payload && typeof payload === "object" && payload.messageKey && isMessageKey(payload.messageKey)) {
      key = payload.messageKey;
      params = payload.params;
    } else {
      key = byStatus[status] ?? (status < 500 ? "error.400.generic" : "error.500");
    }
  }
  return (
    <section className="error-page">
      <h1>
        {t("error.title")} <span className="status">{status}</span>
      </h1>
      <p>{t(key, params)}</p>
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
