import type { MetaFunction } from "@remix-run/node";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageMeta } from "~/i18n/page-title";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDateTime } from "~/i18n/format";
import type { MessageKey } from "~/i18n";
import { OUTBOX_STATUSES } from "~/domain/notifications/vocabulary";
import { listOutbox, outboxCounts, retryFailedMail } from "~/models/outbox.server";
import { actorOf } from "~/utils/auth.server";
import { requireMailOperator } from "~/utils/authorize.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { mailStatus } from "~/utils/smtp-config.server";
import { idParam, pageParam } from "~/utils/zod";
import { pageLink } from "~/utils/page-link";
import { AppForm, ErrorSummary, StatusMessage } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("outbox.title")]);

/** The mail queue serves every org: admins of a top-level union only (decision 030). */
const guard = requireMailOperator;
const PAGE_SIZE = 50;

const FilterSchema = z.object({
  show: z.enum(["queue", "all"]).catch("queue"),
  page: pageParam,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await guard(request, context);
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [counts, listing] = await Promise.all([
    outboxCounts(context.db),
    listOutbox(context.db, { ...filter, pageSize: PAGE_SIZE }),
  ]);
  return { counts, ...listing, filter, mail: mailStatus() };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), id: idParam }),
  z.object({ intent: z.literal("retryAll") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, orgPath } = await guard(request, context);
  const parsed = parseForm(await readForm(request, context), ActionSchema);
  if (!parsed.ok) return formError(parsed);
  const id = parsed.data.intent === "retry" ? parsed.data.id : undefined;
  const count = await context.db
    .transaction()
    .execute((trx) => retryFailedMail(trx, actorOf(user, context), orgPath, id));
  if (id !== undefined && count === 0)
    return formError({ errors: { _form: { key: "outbox.notFailed" } }, values: {} }, 409);
  return data({ ok: true as const, message: { key: "outbox.retried" as MessageKey, params: { count } } });
}

export default function OutboxPage() {
  const t = useT();
  const locale = useLocale();
  const { counts, rows, hasMore, filter, mail } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const at = (iso: string | null) => (iso ? formatDateTime(locale, iso) : "");
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p className="lead">{t("outbox.intro")}</p>
      {mail.server ? (
        <p>{t("outbox.smtpOn", { server: mail.server, from: mail.from })}</p>
      ) : (
        <p className="alert alert-warning">{t("outbox.smtpOff")}</p>
      )}
      {result?.ok && <StatusMessage>{t(result.message.key, result.message.params)}</StatusMessage>}
      <ErrorSummary state={result && !result.ok ? result : undefined} />
      <h2>{t("outbox.counts")}</h2>
      <table>
        <thead>
          <tr>
            <th>{t("outbox.status")}</th>
            <th>{t("outbox.count")}</th>
          </tr>
        </thead>
        <tbody>
          {OUTBOX_STATUSES.map((s) => (
            <tr key={s}>
              <td>{t(`outbox.status.${s}`)}</td>
              <td>{counts[s]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {counts.failed > 0 && (
        <AppForm>
          <input type="hidden" name="intent" value="retryAll" />
          <button type="submit" className="primary">
            {t("outbox.retryAll")}
          </button>
        </AppForm>
      )}
      <AppForm method="get" className="inline-form card">
        <div className="field">
          <label htmlFor="f-show">{t("outbox.show")}</label>
          <select id="f-show" name="show" defaultValue={filter.show}>
            <option value="queue">{t("outbox.show.queue")}</option>
            <option value="all">{t("outbox.show.all")}</option>
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("outbox.filter")}
        </button>
      </AppForm>
      {rows.length === 0 ? (
        <p className="muted">{t("outbox.empty")}</p>
      ) : (
        <TableRegion label={t("outbox.title")}>
          <table>
            <thead>
              <tr>
                <th>{t("outbox.id")}</th>
                <th>{t("outbox.status")}</th>
                <th>{t("outbox.to")}</th>
                <th>{t("outbox.subject")}</th>
                <th>{t("outbox.attempts")}</th>
                <th>{t("outbox.nextAttempt")}</th>
                <th>{t("outbox.lastError")}</th>
                <th>{t("outbox.createdAt")}</th>
                <th>{t("outbox.sentAt")}</th>
                <th>{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>{t(`outbox.status.${r.status}`)}</td>
                  <td>{r.to_address}</td>
                  <td>{r.subject}</td>
                  <td>{r.attempts}</td>
                  <td>{r.status === "pending" ? at(r.next_attempt_at) : ""}</td>
                  <td>{r.last_error ?? ""}</td>
                  <td>{at(r.created_at)}</td>
                  <td>{at(r.sent_at)}</td>
                  <td>
                    {r.status === "failed" && (
                      <AppForm>
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="id" value={r.id} />
                        <button type="submit" className="secondary">
                          {t("outbox.retry")}
                        </button>
                      </AppForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {hasMore && <Link to={pageLink(filter, filter.page + 1)}>{t("outbox.more")}</Link>}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
