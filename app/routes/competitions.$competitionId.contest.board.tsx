import type { MetaFunction } from "@remix-run/node";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { negotiateLocale } from "~/i18n";
import { pageMeta } from "~/i18n/page-title";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import { listCategories } from "~/models/competition.server";
import { boardSettings, setBoardOpen, setTopN } from "~/models/contest-board-settings.server";
import { intoCommendation } from "~/models/contest-commendation.server";
import { invalidateBoardPages } from "~/models/honor-page-cache.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { AppForm, ErrorSummary, SelectField, StatusMessage, TextField } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { CommendationResultView } from "~/components/contest/commendation-result";
import boardHref from "~/styles/contest-board.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestBoard.settings.title"), args.data?.competition.title]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardHref }];

async function guard(request: Request, context: LoaderFunctionArgs["context"], raw: string | undefined) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, raw, user, "competition:manage");
  return { user, c };
}

/** The organizer's board settings: open or close the public board, N per group, into the commendation. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { c } = await guard(request, context, params.competitionId);
  const settings = await boardSettings(context.db, c.id);
  if (!settings) throw notFound();
  const categories = await listCategories(context.db, c.id);
  return {
    competition: { id: c.id, title: c.title, stage: c.stage },
    settings,
    categories: categories.filter((k) => k.kind === "collective").map((k) => ({ id: k.id, name: k.name })),
  };
}

const IntentSchema = z.object({ intent: z.enum(["open", "close", "topn", "commend"]) });
const CommendSchema = z.object({
  category: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

/** "" clears a group's N; anything else must be a whole number (setTopN says which). */
function topNValues(form: FormData, groupIds: number[]): Map<number, number | null> {
  return new Map(
    groupIds.map((id) => {
      const raw = String(form.get(`top_n_${id}`) ?? "").trim();
      return [id, raw === "" ? null : /^\d{1,6}$/.test(raw) ? Number(raw) : NaN];
    }),
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, c } = await guard(request, context, params.competitionId);
  const settings = await boardSettings(context.db, c.id);
  if (!settings) throw notFound();
  const form = await readForm(request, context);
  const intent = parseForm(form, IntentSchema);
  if (!intent.ok) return formError(intent);
  const actor = actorOf(user, context);
  const done = <D extends string>(d: D) => ({
    ok: true as const,
    done: d,
    errors: undefined,
    values: undefined,
  });
  switch (intent.data.intent) {
    case "open":
    case "close": {
      const open = intent.data.intent === "open";
      const answer = await runAction(context, form, async (trx) => {
        await setBoardOpen(trx, actor, c, open);
        return data({ ...done(open ? ("opened" as const) : ("closed" as const)), result: null });
      });
      invalidateBoardPages();
      return answer;
    }
    case "topn": {
      const values = topNValues(
        form,
        settings.groups.map((g) => g.id),
      );
      return runAction(context, form, async (trx) => {
        await setTopN(trx, actor, c, values);
        return data({ ...done("saved" as const), result: null });
      });
    }
    case "commend": {
      const parsed = parseForm(form, CommendSchema);
      if (!parsed.ok) return formError(parsed);
      const locale = negotiateLocale(request.headers.get("cookie"), request.headers.get("accept-language"));
      return runAction(context, form, async (trx) => {
        const result = await intoCommendation(
          trx,
          actor,
          context.secrets.dataKey,
          c,
          parsed.data.category,
          locale,
        );
        return data({ ...done("commended" as const), result });
      });
    }
  }
}

export default function ContestBoardSettings() {
  const t = useT();
  const locale = useLocale();
  const { competition: c, settings, categories } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failed = answer && !answer.ok ? answer : undefined;
  const labels = Object.fromEntries([
    ["category", t("contestBoard.into.category")],
    ...settings.groups.map((g) => [`top_n_${g.id}`, t("contestBoard.settings.topNLabel", { group: g.name })]),
  ]);
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}`}>{c.title}</Link> ·{" "}
        <Link to={`/competitions/${c.id}/contest`}>{t("contestBoard.settings.hub")}</Link>
      </p>
      <h1>{t("contestBoard.settings.title")}</h1>
      <ErrorSummary state={failed} labels={labels} />
      {answer?.ok && answer.done !== "commended" && (
        <StatusMessage>{t(`contestBoard.settings.${answer.done}`)}</StatusMessage>
      )}

      <section aria-labelledby="board-heading">
        <h2 id="board-heading">{t("contestBoard.settings.board")}</h2>
        {settings.boardPublic ? (
          <p>
            {t("contestBoard.settings.isOpen", { at: formatDateTime(locale, settings.boardOpenedAt ?? "") })}{" "}
            <Link to={`/contests/${c.id}`}>{t("contestBoard.settings.publicPage")}</Link>
          </p>
        ) : (
          <p>{t("contestBoard.settings.isClosed")}</p>
        )}
        <AppForm>
          <input type="hidden" name="intent" value={settings.boardPublic ? "close" : "open"} />
          <button type="submit" className={settings.boardPublic ? "secondary" : undefined}>
            {t(settings.boardPublic ? "contestBoard.settings.close" : "contestBoard.settings.open")}
          </button>
        </AppForm>
      </section>

      <section aria-labelledby="topn-heading">
        <h2 id="topn-heading">{t("contestBoard.settings.topN")}</h2>
        <p className="hint">{t("contestBoard.settings.topNHint")}</p>
        <AppForm className="stack">
          <input type="hidden" name="intent" value="topn" />
          {settings.groups.map((g) => (
            <TextField
              key={g.id}
              name={`top_n_${g.id}`}
              type="number"
              label={t("contestBoard.settings.topNLabel", { group: g.name })}
              defaultValue={g.topN === null ? "" : String(g.topN)}
              state={failed}
            />
          ))}
          <button type="submit">{t("contestBoard.settings.saveTopN")}</button>
        </AppForm>
      </section>

      <section aria-labelledby="into-heading">
        <h2 id="into-heading">{t("contestBoard.into.title")}</h2>
        <p>{t("contestBoard.into.intro")}</p>
        {c.stage !== "nominating" ? (
          <p className="hint">{t("contestBoard.into.notNominating", { stage: t(`stage.${c.stage}`) })}</p>
        ) : categories.length === 0 ? (
          <p className="hint">{t("contestBoard.into.noCategory")}</p>
        ) : (
          <AppForm className="stack">
            <input type="hidden" name="intent" value="commend" />
            <SelectField
              name="category"
              label={t("contestBoard.into.category")}
              required
              state={failed}
              options={categories.map((k) => ({ value: String(k.id), label: k.name }))}
            />
            <button type="submit">{t("contestBoard.into.submit")}</button>
          </AppForm>
        )}
        {answer?.ok && answer.result && <CommendationResultView result={answer.result} />}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
