import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { NoticePeriodSchema } from "~/domain/notice/notice-input";
import { ResolutionSchema } from "~/domain/notice/objection-input";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate, formatDateTime } from "~/i18n/format";
import { getNotice, listNoticeEntries, noticeState, openNotice } from "~/models/notice.server";
import { noticeToday } from "~/models/notice-clock.server";
import { listObjections, resolveObjection } from "~/models/objection.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { AppForm, ErrorSummary, SelectField, TextField } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";
import honorsHref from "~/styles/honors.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("notice.admin.title"), args.data?.competition.title]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: honorsHref }];

async function guard(request: Request, context: LoaderFunctionArgs["context"], raw: string | undefined) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, raw, user, "competition:manage");
  return { user, c };
}

/** The admin's notice page: open the notice, then work through the objections. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { c } = await guard(request, context, params.competitionId);
  const notice = await getNotice(context.db, c.id);
  const [entries, objections] = await Promise.all([
    listNoticeEntries(context.db, c.id, notice ? ["on_notice"] : ["shortlisted"]),
    listObjections(context.db, context.secrets.dataKey, c.id),
  ]);
  return {
    competition: {
      id: c.id,
      title: c.title,
      stage: c.stage,
      notice_days: c.notice_days,
      notice_unit: c.notice_unit,
    },
    notice: notice && { ...notice, state: noticeState(notice) },
    today: noticeToday(),
    entries: entries.map((e) => ({
      id: e.id,
      ref: e.ref,
      name: e.name,
      org_name: e.org_name,
      category_name: e.category_name,
      position: e.position,
      promoted_on: e.promoted_on,
      notice_ends_on: e.notice_ends_on,
    })),
    objections,
  };
}

const IntentSchema = z.object({ intent: z.enum(["open", "resolve"]) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, c } = await guard(request, context, params.competitionId);
  const form = await readForm(request, context);
  const intent = parseForm(form, IntentSchema);
  if (!intent.ok) return formError(intent);
  const actor = actorOf(user, context);
  return runAction(context, form, async (trx) => {
    if (intent.data.intent === "open") {
      const parsed = parseForm(form, NoticePeriodSchema);
      if (!parsed.ok) return formError(parsed);
      await openNotice(trx, actor, c, parsed.data, noticeToday());
      return data({ ok: true as const, done: "opened" as const, errors: undefined, values: undefined });
    }
    const parsed = parseForm(form, ResolutionSchema);
    if (!parsed.ok) return formError(parsed);
    const { objection, ...rest } = parsed.data;
    await resolveObjection(trx, actor, c, { ...rest, objectionId: objection });
    return data({ ok: true as const, done: parsed.data.outcome, errors: undefined, values: undefined });
  });
}

export default function NoticeAdmin() {
  const t = useT();
  const locale = useLocale();
  const { competition: c, notice, today, entries, objections } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const open = objections.filter((o) => o.status === "open").length;
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}`}>{c.title}</Link>
      </p>
      <h1>{t("notice.admin.title")}</h1>
      <ErrorSummary
        state={result && !result.ok ? result : undefined}
        labels={{
          start: t("notice.admin.start"),
          days: t("notice.admin.days"),
          unit: t("notice.admin.unit"),
        }}
      />
      {result?.ok && result.done !== "opened" && (
        <p className="alert alert-ok" role="status">
          {t("objection.resolved", { status: t(`objection.status.${result.done}`) })}
        </p>
      )}
      {notice ? (
        <p className="alert alert-ok" role="status">
          {t("notice.admin.opened", {
            start: formatDate(locale, notice.starts_on),
            end: formatDate(locale, notice.ends_on),
          })}{" "}
          <Link to={`/notices/${c.id}`}>{t("notice.admin.publicPage")}</Link>
        </p>
      ) : (
        c.stage === "notice" && (
          <AppForm className="stack">
            <input type="hidden" name="intent" value="open" />
            <TextField
              name="start"
              type="date"
              label={t("notice.admin.start")}
              defaultValue={today}
              hint={t("notice.admin.startHint")}
              required
              state={result}
            />
            <TextField
              name="days"
              type="number"
              label={t("notice.admin.days")}
              defaultValue={String(c.notice_days)}
              required
              state={result}
            />
            <SelectField
              name="unit"
              label={t("notice.admin.unit")}
              defaultValue={c.notice_unit}
              state={result}
              options={[
                { value: "working", label: t("competitions.noticeUnit.working") },
                { value: "calendar", label: t("competitions.noticeUnit.calendar") },
              ]}
            />
            <button type="submit" className="primary">
              {t("notice.admin.open")}
            </button>
          </AppForm>
        )
      )}
      {c.stage === "notice" && notice && (
        <p>
          <Link to={`/competitions/${c.id}/publication`}>{t("notice.admin.publication")}</Link>
        </p>
      )}
      <h2>{t("notice.admin.objections", { count: open })}</h2>
      {objections.length === 0 ? (
        <p className="muted">{t("notice.admin.noObjections")}</p>
      ) : (
        <ObjectionQueue
          label={t("notice.admin.objections", { count: open })}
          objections={objections}
          canResolve={c.stage === "notice"}
        />
      )}
      <h2>{t("notice.admin.proposed", { count: entries.length })}</h2>
      <ol>
        {entries.map((e) => (
          <li key={e.id}>
            <Link to={`/nominations/${e.id}`}>{e.name}</Link>{" "}
            <span className="muted">
              {e.category_name} · {e.org_name} · {e.ref}
            </span>
            {e.promoted_on && (
              <>
                {" "}
                <span className="badge">{t("notice.promoted.badge")}</span>{" "}
                <span className="muted">
                  {t("notice.promoted.on", { date: formatDate(locale, e.promoted_on) })}
                  {e.notice_ends_on &&
                    `，${t("notice.promoted.until", { end: formatDate(locale, e.notice_ends_on) })}`}
                </span>
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

type Objection = ReturnType<typeof useLoaderData<typeof loader>>["objections"][number];

function ObjectionQueue({
  label,
  objections,
  canResolve,
}: {
  label: string;
  objections: Objection[];
  canResolve: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <TableRegion label={label}>
      <table>
        <thead>
          <tr>
            <th>{t("objection.col.entry")}</th>
            <th>{t("objection.col.facts")}</th>
            <th>{t("objection.col.objector")}</th>
            <th>{t("objection.col.filed")}</th>
            <th>{t("objection.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {objections.map((o) => (
            <tr key={o.id} id={`objection-${o.id}`}>
              <td>{o.nominee}</td>
              <td className="objection-facts">{o.facts}</td>
              <td>
                {o.objector_name
                  ? `${o.objector_name}${o.objector_contact ? ` · ${o.objector_contact}` : ""}`
                  : (o.objector_contact ?? t("objection.anonymous"))}
              </td>
              <td>{formatDateTime(locale, o.created_at)}</td>
              <td>
                <span className="status">{t(`objection.status.${o.status}`)}</span>
                {o.resolution_reason && <p>{o.resolution_reason}</p>}
                {o.promoted_name && <p>{t("objection.promoted", { name: o.promoted_name })}</p>}
                {o.status === "open" && canResolve && <ResolveForm id={o.id} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function ResolveForm({ id }: { id: number }) {
  const t = useT();
  return (
    <AppForm>
      <input type="hidden" name="intent" value="resolve" />
      <input type="hidden" name="objection" value={id} />
      <fieldset>
        <legend className="visually-hidden">{t("objection.resolve")}</legend>
        <label>
          <input type="radio" name="outcome" value="dismissed" required /> {t("objection.outcome.dismissed")}
        </label>
        <br />
        <label>
          <input type="radio" name="outcome" value="upheld" /> {t("objection.outcome.upheld")}
        </label>
        <br />
        <label>
          <input type="checkbox" name="promote" /> {t("objection.promote")}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t("objection.freshNotice.legend")}</legend>
        <label>
          <input type="radio" name="freshNotice" value="yes" defaultChecked />{" "}
          {t("objection.freshNotice.yes")}
        </label>
        <br />
        <label>
          <input type="radio" name="freshNotice" value="no" /> {t("objection.freshNotice.no")}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`reason-${id}`}>{t("objection.reason")}</label>
        <textarea id={`reason-${id}`} name="reason" rows={3} required maxLength={1000} />
      </div>
      <button type="submit" className="primary">
        {t("objection.resolve")}
      </button>
    </AppForm>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
