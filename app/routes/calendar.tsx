import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { data, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseCalendarSheet } from "~/domain/notice/calendar-sheet";
import { IsoDateSchema } from "~/domain/notice/notice-input";
import { isMessageKey, type MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import {
  deleteCalendarDay,
  importCalendarEntries,
  listCalendarDays,
  setCalendarDay,
} from "~/models/calendar.server";
import { noticeToday } from "~/models/notice-clock.server";
import type { SessionUser } from "~/models/user.server";
import { actorOf } from "~/utils/auth.server";
import { requireCalendarAdmin } from "~/utils/authorize.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { readSheet, SheetError } from "~/utils/sheet.server";
import { AppForm, ErrorSummary, SelectField, TextField } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("calendar.title"), args.data && String(args.data.year)]);

/** The calendar serves every competition: only admins of a top-level union (a province) edit it. */
const guard = requireCalendarAdmin;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await guard(request, context);
  const year = z.coerce
    .number()
    .int()
    .min(1949)
    .max(2100)
    .catch(Number(noticeToday().slice(0, 4)))
    .parse(new URL(request.url).searchParams.get("year") ?? undefined);
  return { year, days: await listCalendarDays(context.db, year) };
}

const DaySchema = z.object({
  date: IsoDateSchema,
  kind: z.enum(["holiday", "workday"], { message: "calendar.kind" }),
  note: z.string().trim().max(100).default(""),
});
const IntentSchema = z.object({ intent: z.enum(["set", "delete", "import"]) });

async function importSheet(form: FormData, context: AppLoadContext, user: SessionUser, orgPath: string) {
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0)
    return formError({ errors: { file: { key: "form.required" } }, values: {} });
  let rows: string[][];
  try {
    rows = await readSheet(Buffer.from(await file.arrayBuffer()));
  } catch (error) {
    if (error instanceof SheetError && isMessageKey(error.message))
      return formError({ errors: { file: { key: error.message, params: error.params } }, values: {} });
    throw error;
  }
  const parsed = parseCalendarSheet(rows);
  if (parsed.issues.length) {
    return data(
      {
        ok: false as const,
        errors: {
          file: {
            key: "import.report" as MessageKey,
            params: { imported: 0, refused: parsed.issues.length },
          },
        },
        issues: parsed.issues,
        values: {},
      },
      { status: 400 },
    );
  }
  const result = await context.db
    .transaction()
    .execute((trx) => importCalendarEntries(trx, actorOf(user, context), parsed.entries, orgPath));
  return data({
    ok: true as const,
    message: { key: "calendar.imported" as MessageKey, params: result },
    errors: undefined,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, orgPath } = await guard(request, context);
  const form = await readForm(request, context);
  const intent = parseForm(form, IntentSchema);
  if (!intent.ok) return formError(intent);
  if (intent.data.intent === "import") return importSheet(form, context, user, orgPath);
  if (intent.data.intent === "delete") {
    const date = IsoDateSchema.safeParse(form.get("date"));
    if (!date.success) return formError({ errors: { date: { key: "form.date" } }, values: {} });
    const done = await context.db
      .transaction()
      .execute((trx) => deleteCalendarDay(trx, actorOf(user, context), date.data, orgPath));
    if (!done)
      return formError(
        { errors: { date: { key: "calendar.notFound", params: { date: date.data } } }, values: {} },
        404,
      );
    return data({
      ok: true as const,
      message: { key: "calendar.deleted" as MessageKey, params: { date: date.data } },
      errors: undefined,
    });
  }
  const parsed = parseForm(form, DaySchema);
  if (!parsed.ok) return formError(parsed);
  await context.db
    .transaction()
    .execute((trx) => setCalendarDay(trx, actorOf(user, context), parsed.data, orgPath));
  return data({
    ok: true as const,
    message: { key: "calendar.saved" as MessageKey, params: { date: parsed.data.date } },
    errors: undefined,
  });
}

export default function CalendarPage() {
  const t = useT();
  const { year, days } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  return (
    <>
      <h1>{t("calendar.title")}</h1>
      <p className="lead">{t("calendar.intro")}</p>
      {result?.ok && (
        <p className="alert alert-ok" role="status">
          {t(result.message.key, result.message.params)}
        </p>
      )}
      <ErrorSummary
        state={failed}
        labels={{
          date: t("calendar.date"),
          kind: t("calendar.kindLabel"),
          note: t("calendar.note"),
          year: t("calendar.year"),
          file: t("calendar.file"),
        }}
      />
      {failed && "issues" in failed && (
        <ul className="field-error">
          {failed.issues.map((i, n) => (
            <li key={n}>
              {i.row} {i.column ?? ""} {t(i.messageKey as MessageKey, i.params)}
            </li>
          ))}
        </ul>
      )}
      <Form method="get" className="inline-form">
        <div className="field">
          <label htmlFor="f-year">{t("calendar.year")}</label>
          <input id="f-year" name="year" type="number" defaultValue={year} min={1949} max={2100} />
        </div>
        <button type="submit" className="secondary">
          {t("honors.filter")}
        </button>
      </Form>
      {days.length === 0 ? (
        <p className="muted">{t("calendar.empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("calendar.date")}</th>
              <th>{t("calendar.kindLabel")}</th>
              <th>{t("calendar.note")}</th>
              <th>{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{t(`calendar.kind.${d.kind}`)}</td>
                <td>{d.note}</td>
                <td>
                  <AppForm>
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="date" value={d.date} />
                    <button type="submit" className="secondary">
                      {t("calendar.delete")}
                    </button>
                  </AppForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("calendar.save")}</h2>
      <AppForm className="stack card">
        <input type="hidden" name="intent" value="set" />
        <TextField name="date" type="date" label={t("calendar.date")} required state={failed} />
        <SelectField
          name="kind"
          label={t("calendar.kindLabel")}
          state={failed}
          options={[
            { value: "holiday", label: t("calendar.kind.holiday") },
            { value: "workday", label: t("calendar.kind.workday") },
          ]}
        />
        <TextField name="note" label={t("calendar.note")} maxLength={100} state={failed} />
        <button type="submit" className="primary">
          {t("calendar.save")}
        </button>
      </AppForm>
      <h2>{t("calendar.import")}</h2>
      <AppForm className="stack card" encType="multipart/form-data">
        <input type="hidden" name="intent" value="import" />
        <p className="hint">{t("calendar.importHint")}</p>
        <div className="field">
          <label htmlFor="f-file">{t("calendar.file")}</label>
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
          />
        </div>
        <button type="submit" className="primary">
          {t("calendar.import")}
        </button>
      </AppForm>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
