import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notificationLine } from "~/domain/notifications/render";
import { listInbox, markAllRead, markRead, markUnread } from "~/models/inbox.server";
import { requireUser, safeRedirect } from "~/utils/auth.server";
import { parseForm, readForm } from "~/utils/form.server";
import { badRequest, notFound } from "~/utils/http.server";
import { idParam, pageParam } from "~/utils/zod";
import { pageLink } from "~/utils/page-link";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDateTime } from "~/i18n/format";
import { AppForm, ARRIVAL } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("inbox.title")]);

const PAGE_SIZE = 30;
const FilterSchema = z.object({
  show: z.enum(["all", "unread"]).catch("all"),
  page: pageParam,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const params = new URL(request.url).searchParams;
  const filter = FilterSchema.parse(Object.fromEntries(params));
  const { items, hasMore } = await listInbox(context.db, user.id, {
    page: filter.page,
    pageSize: PAGE_SIZE,
    unreadOnly: filter.show === "unread",
  });
  const marked = Number(params.get("marked"));
  return { items, hasMore, filter, marked: Number.isInteger(marked) && marked > 0 ? marked : null };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.enum(["open", "read", "unread"]),
    id: idParam,
    back: z.string().max(2000).optional(),
  }),
  z.object({ intent: z.literal("readAll") }),
]);

/**
 * Every change is a POST with the CSRF token (a GET that marks read would be a link anyone could
 * plant). "open" marks the item read and goes where its work is.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = parseForm(await readForm(request, context), ActionSchema);
  if (!parsed.ok) throw badRequest();
  const input = parsed.data;
  if (input.intent === "readAll") {
    const count = await context.db.transaction().execute((trx) => markAllRead(trx, user.id));
    return redirect(`/inbox?marked=${count}`);
  }
  const back = safeRedirect(input.back, "/inbox");
  const done = await context.db.transaction().execute(async (trx) => {
    if (input.intent === "unread") return (await markUnread(trx, user.id, input.id)) ? back : undefined;
    const link = await markRead(trx, user.id, input.id);
    return link && (input.intent === "open" ? safeRedirect(link, "/inbox") : back);
  });
  // Another user's notification is as absent as one that never was.
  if (!done) throw notFound();
  return redirect(done);
}

export default function Inbox() {
  const t = useT();
  const locale = useLocale();
  const { items, hasMore, filter, marked } = useLoaderData<typeof loader>();
  const back = `/inbox${pageLink(filter, filter.page)}`;
  return (
    <>
      <h1>{t("inbox.title")}</h1>
      <p className="muted">{t("inbox.intro")}</p>
      {marked !== null && (
        <p className="alert alert-ok" role="status" tabIndex={-1} {...ARRIVAL}>
          {t("inbox.allMarked", { count: marked })}
        </p>
      )}
      <div className="inline-form">
        <AppForm method="get" className="inline-form">
          <label htmlFor="f-show">{t("inbox.filter")}</label>
          <select id="f-show" name="show" defaultValue={filter.show}>
            <option value="all">{t("inbox.showAll")}</option>
            <option value="unread">{t("inbox.showUnread")}</option>
          </select>
          <button type="submit" className="secondary">
            {t("inbox.filter")}
          </button>
        </AppForm>
        <AppForm>
          <input type="hidden" name="intent" value="readAll" />
          <button type="submit" className="secondary">
            {t("inbox.markAll")}
          </button>
        </AppForm>
      </div>
      {items.length === 0 ? (
        <p className="muted">{t(filter.show === "unread" ? "inbox.emptyUnread" : "inbox.empty")}</p>
      ) : (
        <ul className="inbox-list" aria-label={t("inbox.list")}>
          {items.map((n) => (
            <li key={n.id} className={n.read ? "inbox-item" : "inbox-item inbox-unread"}>
              <p id={`n-${n.id}`}>
                {!n.read && <strong className="badge">{t("inbox.unreadBadge")}</strong>}{" "}
                {n.read ? (
                  notificationLine(locale, n.kind, n.params)
                ) : (
                  <strong>{notificationLine(locale, n.kind, n.params)}</strong>
                )}
              </p>
              <p className="muted">
                <time dateTime={n.createdAt}>{formatDateTime(locale, n.createdAt)}</time>
              </p>
              <div className="inline-form">
                <AppForm>
                  <input type="hidden" name="id" value={n.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="open"
                    className="primary"
                    aria-describedby={`n-${n.id}`}
                  >
                    {t("inbox.open")}
                  </button>
                </AppForm>
                <AppForm>
                  <input type="hidden" name="id" value={n.id} />
                  <input type="hidden" name="back" value={back} />
                  <button
                    type="submit"
                    name="intent"
                    value={n.read ? "unread" : "read"}
                    className="link-button"
                  >
                    {t(n.read ? "inbox.markUnread" : "inbox.markRead")}
                  </button>
                </AppForm>
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label={t("inbox.page", { page: filter.page })}>
        {filter.page > 1 && <Link to={pageLink(filter, filter.page - 1)}>{t("inbox.prev")}</Link>}
        <span>{t("inbox.page", { page: filter.page })}</span>
        {hasMore && <Link to={pageLink(filter, filter.page + 1)}>{t("inbox.next")}</Link>}
      </nav>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
