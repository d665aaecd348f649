import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listCategories } from "~/models/competition.server";
import { listUndecided, MAX_BULK_REVIEW, reviewNominations } from "~/models/nomination-review.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { requireCompetition } from "~/utils/authorize.server";
import { parseForm, readForm } from "~/utils/form.server";
import { badRequest } from "~/utils/http.server";
import { idParam, optionalText } from "~/utils/zod";
import type { MessageKey } from "~/i18n";
import { pageMeta } from "~/i18n/page-title";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { BulkReviewTable } from "~/components/bulk-review";

const blankIsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);
const PageQuery = z.object({
  category: z.preprocess(blankIsAbsent, idParam.optional()),
  select: z.preprocess(blankIsAbsent, z.enum(["all", "none"]).optional()),
  decided: z.preprocess(blankIsAbsent, z.coerce.number().int().min(0).max(MAX_BULK_REVIEW).optional()),
  to: z.preprocess(blankIsAbsent, z.enum(["eligible", "ineligible"]).optional()),
});

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("review.bulk.title"), args.data?.competition.title]);

/** The eligibility review of many nominations at once (decision 019): the organizer's admins only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  const q = PageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw badRequest();
  const categories = (await listCategories(context.db, c.id)).map(({ id, name }) => ({ id, name }));
  if (q.data.category && !categories.some((cat) => cat.id === q.data.category)) throw badRequest();
  return {
    competition: { id: c.id, title: c.title, stage: c.stage },
    categories,
    rows: await listUndecided(context.db, c.id, q.data.category),
    query: q.data,
  };
}

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const BulkSchema = z.object({
  intent: z.enum(["markEligible", "markIneligible"]),
  ids: z.preprocess(asList, z.array(idParam).min(1, "review.bulk.noneSelected").max(MAX_BULK_REVIEW)),
  reason: optionalText(500),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  const form = await readForm(request, context);
  const selected = form.getAll("ids").map(String);
  const parsed = parseForm(form, BulkSchema);
  if (!parsed.ok)
    return data({ ok: false as const, errors: parsed.errors, values: parsed.values, selected }, 400);
  const { intent, ids, reason } = parsed.data;
  return runAction(
    context,
    form,
    async (trx) => {
      const count = await reviewNominations(trx, actorOf(user, context), c, {
        ids,
        decision: intent,
        reason,
      });
      const back = new URL(request.url).searchParams.get("category");
      const to = intent === "markEligible" ? "eligible" : "ineligible";
      return redirect(
        `/competitions/${c.id}/nominations/review?${new URLSearchParams({ ...(back ? { category: back } : {}), decided: String(count), to })}`,
      );
    },
    { body: ({ errors, values }) => ({ ok: false as const, errors, values, selected }) },
  );
}

export default function BulkReviewPage() {
  const t = useT();
  const { competition: c, categories, rows, query } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const selected = failed ? new Set(failed.selected) : query.select === "all" ? "all" : new Set<string>();
  const keep = query.category ? `category=${query.category}&` : "";
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}`}>{c.title}</Link> · {t(`stage.${c.stage}` as MessageKey)} ·{" "}
        <Link to={`/competitions/${c.id}/nominations`}>{t("nominations.list.title")}</Link>
      </p>
      <h1>{t("review.bulk.title")}</h1>
      <p>{t("review.bulk.intro")}</p>
      {query.decided !== undefined && query.to && (
        <p className="alert alert-ok" role="status">
          {t(query.to === "eligible" ? "review.bulk.doneEligible" : "review.bulk.doneIneligible", {
            count: query.decided,
          })}
        </p>
      )}
      <ErrorSummary state={failed} />
      <AppForm method="get" className="actions">
        <label htmlFor="f-bulk-category">{t("nominations.field.category")}</label>
        <select id="f-bulk-category" name="category" defaultValue={query.category ?? ""}>
          <option value="">{t("review.bulk.allCategories")}</option>
          {categories.map((cat) => (
            <option key={cat.id} value={cat.id}>
              {cat.name}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          {t("review.bulk.filter")}
        </button>
      </AppForm>
      {rows.length === 0 ? (
        <p className="muted">{t("review.bulk.empty")}</p>
      ) : (
        <AppForm className="stack">
          <p className="actions">
            <Link to={`?${keep}select=all`}>{t("review.bulk.selectAll")}</Link>
            <Link to={`?${keep}select=none`}>{t("review.bulk.selectNone")}</Link>
          </p>
          <BulkReviewTable rows={rows} selected={selected} invalid={!!failed?.errors?.ids} />
          <div className={failed?.errors?.reason ? "field field-invalid" : "field"}>
            <label htmlFor="f-bulk-reason">{t("review.bulk.reason")}</label>
            <textarea
              id="f-bulk-reason"
              name="reason"
              maxLength={500}
              rows={2}
              defaultValue={failed?.values?.reason ?? ""}
              aria-describedby="f-bulk-reason-hint"
            />
            <p className="hint" id="f-bulk-reason-hint">
              {t("review.bulk.reasonHint")}
            </p>
          </div>
          <p className="actions">
            <button type="submit" name="intent" value="markEligible" className="primary">
              {t("review.bulk.markEligible")}
            </button>
            <button type="submit" name="intent" value="markIneligible" className="secondary">
              {t("review.bulk.markIneligible")}
            </button>
          </p>
        </AppForm>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
