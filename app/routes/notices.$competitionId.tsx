import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ObjectionSchema, MAX_OBJECTION_FACTS, MIN_OBJECTION_FACTS } from "~/domain/notice/objection-input";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import { getCompetition } from "~/models/competition.server";
import { entryOpenToObjections, getNotice, listNoticeEntries, noticeState } from "~/models/notice.server";
import { noticeToday } from "~/models/notice-clock.server";
import { publishedPageHeaders } from "~/models/honor-page-cache.server";
import { fileObjection } from "~/models/objection.server";
import { runAction, statusFor } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import {
  AppForm,
  ErrorSummary,
  FieldErrorText,
  invalidProps,
  RequiredMarker,
  SelectField,
  StatusMessage,
  TextField,
} from "~/components/form-fields";
import { NoticeTable } from "~/components/honors/notice-table";
import { ErrorPage } from "~/components/error-page";
import honorsHref from "~/styles/honors.css";
import { DataText } from "~/components/data-text";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    args.data && t("notice.title", { title: args.data.competition.title }),
    t("notice.listTitle"),
  ]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: honorsHref }];

async function requireNotice(db: Parameters<typeof getNotice>[0], raw: string | undefined) {
  const id = idParam.safeParse(raw);
  const c = id.success ? await getCompetition(db, id.data) : undefined;
  const notice = c ? await getNotice(db, c.id) : undefined;
  if (!c || !notice) throw notFound();
  return { c, notice };
}

/**
 * The same for every anonymous visitor (the form's CSRF token is put in per visitor, and the
 * confirmation after an objection is a URL of its own): served from the page cache (decision 021).
 */
export const headers: HeadersFunction = () => publishedPageHeaders();

/** The public notice (公示): public fields only, never the ranking, ID numbers or phones. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const { c, notice } = await requireNotice(context.db, params.competitionId);
  if (c.stage !== "notice") throw redirect(`/honors/${c.id}`);
  const today = noticeToday();
  const entries = (await listNoticeEntries(context.db, c.id)).map((e) => ({
    id: e.id,
    kind: e.kind,
    name: e.name,
    gender: e.gender,
    workplace: e.workplace,
    post: e.post,
    org_name: e.org_name,
    summary: e.summary,
    category_name: e.category_name,
    category_id: e.category_id,
    promoted_on: e.promoted_on,
    notice_ends_on: e.notice_ends_on,
    // While the notice runs every entry takes objections; after it, a replacement in its own period.
    open: entryOpenToObjections(notice, e, today),
  }));
  return {
    competition: { id: c.id, title: c.title, organizer: c.org_name },
    notice: { starts_on: notice.starts_on, ends_on: notice.ends_on },
    state: noticeState(notice, today),
    entries,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { c } = await requireNotice(context.db, params.competitionId);
  const form = await readForm(request, context);
  const parsed = parseForm(form, ObjectionSchema);
  if (!parsed.ok) return formError(parsed);
  // "#filed": without a fragment of its own the redirect keeps the form's "#objection", and the
  // browser (without JavaScript) would land on the form, far below the confirmation.
  // A filled honeypot is a robot: it is told "received" and nothing is stored.
  if (parsed.data.website) return redirect(`/notices/${c.id}?filed=1#filed`);
  // The rate limit answers 429, as the sign-in's does: the form was fine, the sender too busy.
  // A full queue is no fault of this sender: 503, this notice's intake is out of service.
  return runAction(
    context,
    form,
    async (trx) => {
      const { nomination, facts, name, contact } = parsed.data;
      await fileObjection(trx, context.secrets.dataKey, {
        competitionId: c.id,
        nominationId: nomination,
        facts,
        name,
        contact,
        ip: context.clientIp,
      });
      return redirect(`/notices/${c.id}?filed=1#filed`);
    },
    { statusOf: statusFor({ "objection.tooMany": 429, "objection.queueFull": 503 }) },
  );
}

export default function NoticePage() {
  const t = useT();
  const locale = useLocale();
  const { competition, notice, state, entries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const categories = [...new Map(entries.map((e) => [e.category_id, e.category_name])).entries()];
  const open = entries.filter((e) => e.open);
  return (
    <>
      <p className="muted">{competition.organizer}</p>
      <h1>{t("notice.title", { title: competition.title })}</h1>
      <p className="lead">{t("notice.intro")}</p>
      <p>
        <strong>
          {t("notice.period", {
            start: formatDate(locale, notice.starts_on),
            end: formatDate(locale, notice.ends_on),
          })}
        </strong>
      </p>
      {state === "ended" && (
        <p className="muted">{t("notice.periodEnded", { end: formatDate(locale, notice.ends_on) })}</p>
      )}
      {state === "pending" && (
        <p className="muted">{t("notice.notStarted", { start: formatDate(locale, notice.starts_on) })}</p>
      )}
      {search.get("filed") && <StatusMessage id="filed">{t("notice.objection.filed")}</StatusMessage>}
      {entries.length === 0 && <p className="muted">{t("notice.empty")}</p>}
      {categories.map(([id, name]) => (
        <section key={id}>
          <h2>
            <DataText text={name} />
          </h2>
          <NoticeTable label={name} entries={entries.filter((e) => e.category_id === id)} />
        </section>
      ))}
      <h2 id="objection">{t("notice.objectionForm")}</h2>
      <p>{t("notice.howToObject")}</p>
      {state !== "running" && open.length > 0 && (
        <p className="alert alert-ok">{t("notice.promoted.objectionsOpen")}</p>
      )}
      {open.length === 0 ? (
        <p className="muted">{t("notice.objection.closedNow")}</p>
      ) : (
        <AppForm className="stack" action={`/notices/${competition.id}#objection`}>
          <ErrorSummary
            state={result}
            labels={{
              nomination: t("notice.objection.entry"),
              facts: t("notice.objection.facts"),
              name: t("notice.objection.name"),
              contact: t("notice.objection.contact"),
            }}
          />
          <SelectField
            name="nomination"
            label={t("notice.objection.entry")}
            state={result}
            required
            options={[
              { value: "", label: "—" },
              ...open.map((e) => ({ value: String(e.id), label: `${e.name}（${e.org_name}）` })),
            ]}
          />
          <div className={result?.errors?.facts ? "field field-invalid" : "field"}>
            <label htmlFor="f-facts">
              {t("notice.objection.facts")}
              <RequiredMarker />
            </label>
            <textarea
              id="f-facts"
              name="facts"
              rows={6}
              required
              aria-required
              maxLength={MAX_OBJECTION_FACTS}
              defaultValue={result?.values?.facts ?? ""}
              {...invalidProps("facts", result, "f-facts-hint")}
            />
            <p className="hint" id="f-facts-hint">
              {t("notice.objection.factsHint")} {t("objection.factsMin", { min: MIN_OBJECTION_FACTS })}
            </p>
            <FieldErrorText name="facts" state={result} />
          </div>
          <TextField
            name="name"
            label={t("notice.objection.name")}
            state={result}
            maxLength={50}
            autoComplete="name"
          />
          <TextField
            name="contact"
            label={t("notice.objection.contact")}
            state={result}
            maxLength={100}
            hint={t("notice.objection.identityHint")}
          />
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="f-website">{t("notice.objection.website")}</label>
            <input id="f-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
          <button type="submit" className="primary">
            {t("notice.objection.submit")}
          </button>
        </AppForm>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
