import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { REPORT_STATUSES } from "~/domain/contest/scheme";
import { QUEUE_PAGE, reachWithin } from "~/domain/contest/report-rules";
import type { MessageKey } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { pageMeta } from "~/i18n/page-title";
import { useLocale, useT } from "~/i18n/use-t";
import { openReport, verifyReports } from "~/models/contest-report.server";
import {
  getParticipant,
  listPeriods,
  listReporterRows,
  listVerifierQueue,
  type QueueRow,
  type ReporterRow,
} from "~/models/contest-report-query.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { allows, authorize, requireCompetition } from "~/utils/authorize.server";
import { parseForm, readForm } from "~/utils/form.server";
import { badRequest, notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { pageLink } from "~/utils/page-link";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestReports.title"), args.data?.competition.title]);

const blankIsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);
const Query = z.object({
  period: z.preprocess(blankIsAbsent, idParam.optional()),
  status: z.preprocess(blankIsAbsent, z.enum(REPORT_STATUSES).optional()),
  page: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100_000).optional()),
});

/**
 * The contest's reports (docs/domain.md#contest): a reporter's units × periods, a verifier's queue
 * in their reach (parent union or above) with bulk verification, and for the organizer the late
 * reports awaiting consent. Anyone who reads the competition sees what is theirs (maybe nothing).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:read");
  const q = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw badRequest();
  const reporterScopes = reachWithin(user.grants, "nominator", c.org_path);
  const adminScopes = reachWithin(user.grants, "admin", c.org_path);
  const organizer = allows(user, "competition:manage", { orgPath: c.org_path });
  return {
    competition: { id: c.id, title: c.title, stage: c.stage },
    periods: await listPeriods(context.db, c.id),
    mine: await listReporterRows(context.db, c.id, reporterScopes),
    verifier: adminScopes.length > 0,
    queue: adminScopes.length
      ? await listVerifierQueue(context.db, c.id, adminScopes, {
          periodId: q.data.period,
          status: q.data.status,
          page: q.data.page,
        })
      : null,
    late: organizer
      ? (await listVerifierQueue(context.db, c.id, adminScopes, { awaitingConsent: true })).rows
      : [],
    organizer,
    query: q.data,
  };
}

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), participant: idParam, period: idParam }),
  z.object({
    intent: z.literal("verify"),
    ids: z.preprocess(asList, z.array(idParam).min(1, "contestReports.bulk.none").max(QUEUE_PAGE)),
  }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:read");
  const form = await readForm(request, context);
  const parsed = parseForm(form, Intent);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, values: parsed.values }, 400);
  const input = parsed.data;
  const actor = actorOf(user, context);
  if (input.intent === "open") {
    const p = await getParticipant(context.db, c.id, input.participant);
    if (!p) throw notFound();
    authorize(user, "contest:report", { organizerPath: c.org_path, orgPath: p.path });
    return runAction(context, form, async (trx) => {
      const id = await openReport(trx, c.id, p.id, input.period);
      return redirect(`/competitions/${c.id}/contest/reports/${id}`);
    });
  }
  return runAction(context, form, async (trx) => {
    const out = await verifyReports(trx, actor, c.id, input.ids, (r) =>
      allows(user, "contest:verify", { organizerPath: r.organizer_path, parentPath: r.parent_path }),
    );
    return data({ ok: true as const, verified: out.verified.length, refused: out.refused });
  });
}

function statusText(
  t: ReturnType<typeof useT>,
  r: { status: string | null; late: boolean; consented: boolean },
) {
  const base = t(`contestReports.status.${r.status ?? "none"}` as MessageKey);
  if (!r.late) return base;
  return `${base} · ${t(r.consented ? "contestReports.lateConsented" : "contestReports.lateAwaiting")}`;
}

function MyReports({ rows, competitionId }: { rows: ReporterRow[]; competitionId: number }) {
  const t = useT();
  if (rows.length === 0) return <p className="muted">{t("contestReports.mine.none")}</p>;
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("contestReports.col.org")}</th>
            <th scope="col">{t("contestReports.col.period")}</th>
            <th scope="col">{t("contestReports.col.window")}</th>
            <th scope="col">{t("contestReports.col.status")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("contestReports.fill")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.participantId}:${r.periodId}`}>
              <td>{r.orgName}</td>
              <td>{r.periodLabel}</td>
              <td>
                {r.opens} – {r.closes}
              </td>
              <td>
                {statusText(t, r)}
                {r.status === "returned" && r.returnReason && (
                  <div className="muted">
                    {t("contestReports.returnedBecause", { reason: r.returnReason })}
                  </div>
                )}
              </td>
              <td>
                {r.reportId ? (
                  <Link to={`/competitions/${competitionId}/contest/reports/${r.reportId}`}>
                    {t(
                      r.status === "draft" || r.status === "returned"
                        ? "contestReports.fill"
                        : "contestReports.open",
                    )}
                    <span className="visually-hidden">
                      {" "}
                      {r.orgName} {r.periodLabel}
                    </span>
                  </Link>
                ) : (
                  <AppForm>
                    <input type="hidden" name="intent" value="open" />
                    <input type="hidden" name="participant" value={r.participantId} />
                    <input type="hidden" name="period" value={r.periodId} />
                    <button type="submit" className="link-button">
                      {t("contestReports.fill")}
                      <span className="visually-hidden">
                        {" "}
                        {r.orgName} {r.periodLabel}
                      </span>
                    </button>
                  </AppForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function QueueTable({
  rows,
  competitionId,
  select,
}: {
  rows: QueueRow[];
  competitionId: number;
  select: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            {select && <th scope="col">{t("contestReports.col.select")}</th>}
            <th scope="col">{t("contestReports.col.org")}</th>
            <th scope="col">{t("contestReports.col.period")}</th>
            <th scope="col">{t("contestReports.col.status")}</th>
            <th scope="col">{t("contestReports.col.submitted")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              {select && (
                <td>
                  <input
                    type="checkbox"
                    name="ids"
                    value={r.id}
                    id={`f-ids-${r.id}`}
                    aria-label={`${r.org_name} ${r.period_label}`}
                  />
                </td>
              )}
              <td>
                <Link to={`/competitions/${competitionId}/contest/reports/${r.id}`}>{r.org_name}</Link>
              </td>
              <td>{r.period_label}</td>
              <td>
                {statusText(t, { status: r.status, late: r.late === 1, consented: !!r.late_consented_at })}
              </td>
              <td>{r.submitted_at ? formatDateTime(locale, r.submitted_at) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where this page of the queue stands in the whole, and the way to the others: shown once it has more than one page. */
function QueuePages({
  queue,
  filter,
}: {
  queue: { rows: unknown[]; total: number; first: number; page: number };
  filter: Record<string, unknown>;
}) {
  const t = useT();
  if (queue.total <= QUEUE_PAGE && queue.page === 1) return null;
  const last = queue.first + queue.rows.length - 1;
  const here = { ...filter, page: queue.page };
  return (
    <nav className="pager" aria-label={t("contestReports.queue.pages")}>
      {queue.page > 1 && <Link to={pageLink(here, queue.page - 1)}>{t("contestReports.queue.prev")}</Link>}
      <span>
        {queue.rows.length
          ? t("contestReports.queue.range", { first: queue.first, last, total: queue.total })
          : t("contestReports.queue.total", { total: queue.total })}
      </span>
      {last < queue.total && (
        <Link to={pageLink(here, queue.page + 1)}>{t("contestReports.queue.next")}</Link>
      )}
    </nav>
  );
}

export default function ContestReports() {
  const t = useT();
  const {
    competition: c,
    periods,
    mine,
    verifier,
    queue,
    late,
    organizer,
    query,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submittedOnly = (query.status ?? "submitted") === "submitted";
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}`}>{c.title}</Link> ·{" "}
        <Link to={`/competitions/${c.id}/contest`}>{t("contestReports.back")}</Link>
        {organizer && (
          <>
            {" "}
            ·{" "}
            <Link to={`/competitions/${c.id}/contest/reports/import`}>{t("contestReports.import.link")}</Link>
          </>
        )}
      </p>
      <h1>{t("contestReports.title")}</h1>
      {result && !result.ok && <ErrorSummary state={result} />}
      {result?.ok && (
        <div className="alert alert-ok" role="status">
          <p>{t("contestReports.bulk.done", { count: result.verified })}</p>
          {result.refused.length > 0 && (
            <ul>
              {result.refused.map((r) => (
                <li key={r.id}>
                  {r.label && t("contestReports.bulk.refused", { label: r.label })}
                  {t(r.messageKey)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {mine.length > 0 || !verifier ? (
        <section>
          <h2>{t("contestReports.mine")}</h2>
          <MyReports rows={mine} competitionId={c.id} />
        </section>
      ) : null}
      {organizer && late.length > 0 && (
        <section>
          <h2>{t("contestReports.lateQueue")}</h2>
          <QueueTable rows={late} competitionId={c.id} select={false} />
        </section>
      )}
      {verifier && (
        <section>
          <h2>{t("contestReports.queue")}</h2>
          <AppForm method="get" className="actions">
            <label htmlFor="f-period">{t("contestReports.filter.period")}</label>
            <select id="f-period" name="period" defaultValue={query.period ?? ""}>
              <option value="">{t("contestReports.filter.all")}</option>
              {periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
            <label htmlFor="f-status">{t("contestReports.filter.status")}</label>
            <select id="f-status" name="status" defaultValue={query.status ?? "submitted"}>
              {REPORT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`contestReports.status.${s}` as MessageKey)}
                </option>
              ))}
            </select>
            <button type="submit" className="secondary">
              {t("contestReports.filter.apply")}
            </button>
          </AppForm>
          {queue && <QueuePages queue={queue} filter={{ period: query.period, status: query.status }} />}
          {!queue || queue.rows.length === 0 ? (
            <p className="muted">{t("contestReports.queue.none")}</p>
          ) : submittedOnly ? (
            <AppForm className="stack">
              <input type="hidden" name="intent" value="verify" />
              <QueueTable rows={queue.rows} competitionId={c.id} select />
              <p className="actions">
                <button type="submit" className="primary">
                  {t("contestReports.bulkVerify")}
                </button>
              </p>
            </AppForm>
          ) : (
            <QueueTable rows={queue.rows} competitionId={c.id} select={false} />
          )}
        </section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
