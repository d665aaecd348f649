import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import { isCorrectionOpen } from "~/models/judging-category.server";
import { correctScoreSheet, getSheetWithHistory } from "~/models/score-sheet.server";
import { actorOf } from "~/utils/auth.server";
import { runAction, statusFor } from "~/utils/action.server";
import { readForm } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { requireCategoryAdmin } from "~/utils/authorize.server";
import { idParam } from "~/utils/zod";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    args.data &&
      t("judging.correct.heading", {
        judge: args.data.sheet.judge,
        ref: args.data.sheet.ref,
        name: args.data.sheet.name,
      }),
  ]);

async function guard(request: Request, context: AppLoadContext, params: Record<string, string | undefined>) {
  const { user, cat } = await requireCategoryAdmin(request, context, params);
  const id = idParam.safeParse(params.sheetId);
  const [sheet, history] = id.success
    ? await getSheetWithHistory(context.db, cat.id, id.data)
    : [undefined, []];
  // A draft is the judge's work in progress: admins see a sheet once it is submitted (or voided).
  if (!sheet || sheet.status === "draft") throw notFound();
  return { user, cat, sheet, history };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cat, sheet, history } = await guard(request, context, params);
  return {
    cat: { id: cat.id, competitionId: cat.competition_id, criteria: cat.criteria },
    sheet: { ...sheet, points: JSON.parse(sheet.points_json) as (number | null)[] },
    history,
    open: isCorrectionOpen(cat.stage) && sheet.status === "submitted",
  };
}

const CorrectionSchema = z.object({
  version: z.coerce.number().int().min(1),
  comment: z.string().max(2000).default(""),
  reason: z.string().max(500).default(""),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cat, sheet } = await guard(request, context, params);
  const form = await readForm(request, context);
  const parsed = CorrectionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return data({ ok: false as const, errors: { _form: { key: "form.invalid" as const } } }, { status: 400 });
  const points = cat.criteria.map((_, i) => {
    const raw = String(form.get(`p${i}`) ?? "").trim();
    return raw === "" ? null : Number(raw);
  });
  const correction = {
    points,
    comment: parsed.data.comment.trim(),
    version: parsed.data.version,
    reason: parsed.data.reason,
  };
  return runAction(
    context,
    form,
    async (trx) => {
      await correctScoreSheet(trx, actorOf(user, context), cat, sheet.id, correction);
      return redirect(`/competitions/${cat.competition_id}/categories/${cat.id}/sheets/${sheet.id}`);
    },
    {
      statusOf: statusFor({ "judging.sheet.stale": 409 }),
      body: ({ errors }) => ({ ok: false as const, errors }),
    },
  );
}

export default function SheetCorrection() {
  const t = useT();
  const locale = useLocale();
  const { cat, sheet, history, open } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${cat.competitionId}/categories/${cat.id}/sheets`}>
          {t("judging.matrix.title")}
        </Link>
      </p>
      <h1>{t("judging.correct.heading", { judge: sheet.judge, ref: sheet.ref, name: sheet.name })}</h1>
      <ErrorSummary
        state={state}
        labels={{
          ...Object.fromEntries(cat.criteria.map((c, i) => [`p${i}`, c.title])),
          comment: t("judging.sheet.comment"),
          reason: t("judging.correct.reason"),
        }}
      />
      <AppForm>
        <input type="hidden" name="version" value={sheet.version} />
        {cat.criteria.map((c, i) => (
          <div className="field" key={c.title}>
            <label htmlFor={`f-p${i}`}>
              {c.title} (0–{c.maxPoints})
            </label>
            <input
              id={`f-p${i}`}
              name={`p${i}`}
              type="number"
              min={0}
              max={c.maxPoints}
              step={0.5}
              defaultValue={sheet.points[i] ?? ""}
              disabled={!open}
            />
          </div>
        ))}
        <div className="field">
          <label htmlFor="f-comment">{t("judging.sheet.comment")}</label>
          <textarea id="f-comment" name="comment" defaultValue={sheet.comment} disabled={!open} />
        </div>
        {open && (
          <>
            <div className="field">
              <label htmlFor="f-reason">{t("judging.correct.reason")}</label>
              <input id="f-reason" name="reason" maxLength={500} required />
            </div>
            <button type="submit" className="primary">
              {t("judging.correct.save")}
            </button>
          </>
        )}
      </AppForm>
      <h2>{t("judging.correct.history")}</h2>
      <ul>
        {history.map((h) => (
          <li key={h.id}>
            {formatDateTime(locale, h.at)} · {h.actor_label} · {h.action} · {h.total}
            {h.reason ? ` — ${h.reason}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
