import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { TRIMMED_MIN_SHEETS, trimmedCannotApply } from "~/domain/judging/aggregation";
import { AGGREGATIONS, CATEGORY_KINDS } from "~/domain/competitions/vocabulary";
import {
  categoryFieldOf,
  criterionRowEditOf,
  editCriterionRows,
  initialCriterionRows,
  MAX_CRITERION_ROWS,
  readCategoryForm,
  SPARE_ROWS,
} from "~/domain/competitions/category-form";
import { CategorySchema } from "~/domain/competitions/template";
import { isMessageKey, type Params } from "~/i18n";
import { deleteCategory, getCategoryDetail, listCategories, saveCategory } from "~/models/competition.server";
import { listOrgsWithin } from "~/models/org.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError, readForm } from "~/utils/form.server";
import type { FieldErrors } from "~/utils/form-state";
import { errorResponse, notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary, SelectField, TextField } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { CompositionRuleRows } from "~/components/composition-rule-rows";
import { CriteriaRows } from "~/components/criteria-rows";
import { AllocationTable } from "~/components/allocation-table";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    args.data?.detail?.category.name ?? t("competitions.addCategory"),
    args.data?.competition.title,
  ]);

async function guard(request: Request, context: AppLoadContext, params: Record<string, string | undefined>) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  if (c.stage !== "draft") throw errorResponse(409, "competition.notDraft");
  let categoryId: number | null = null;
  if (params.categoryId !== "new") {
    const id = idParam.safeParse(params.categoryId);
    // Another competition's category, even one this admin organizes, is not found here (issue #14).
    if (!id.success || !(await listCategories(context.db, c.id)).some((k) => k.id === id.data))
      throw notFound();
    categoryId = id.data;
  }
  const orgs = (await listOrgsWithin(context.db, [c.org_path]))
    .filter((o) => o.id !== c.org_id)
    .map(({ id, name, path }) => ({ id, name, path }));
  return { user, c, categoryId, orgs };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { c, categoryId, orgs } = await guard(request, context, params);
  const detail = categoryId ? await getCategoryDetail(context.db, c.id, categoryId) : undefined;
  if (categoryId && !detail) throw notFound();
  return { competition: { id: c.id, title: c.title }, detail, orgs };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, c, categoryId, orgs } = await guard(request, context, params);
  const form = await readForm(request, context);
  const actor = actorOf(user, context);
  if (form.get("intent") === "delete" && categoryId) {
    return runAction(context, form, async (trx) => {
      await deleteCategory(trx, actor, c, categoryId);
      return redirect(`/competitions/${c.id}`);
    });
  }
  const rows = Math.min(Number(form.get("rows")) || 0, 60);
  // A form from before the rubric had its own row count sent one count for both tables.
  const criterionRows = Math.min(Number(form.get("criterionRows")) || rows, MAX_CRITERION_ROWS);
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
  // A row's ticked values share one name: keep them all, so the form comes back as it was sent.
  for (let i = 0; i < rows; i++) values[`rule_choice_${i}`] = form.getAll(`rule_choice_${i}`).join("\n");
  // "Add a row" / "remove" without JavaScript: the same form again, a row more or less, unsaved.
  const edit = criterionRowEditOf(form);
  if (edit) {
    const edited = editCriterionRows(values, criterionRows, edit);
    return data({ ok: true as const, errors: undefined, values: edited.values, criterionRows: edited.count });
  }
  const raw = readCategoryForm(form, orgs, rows, criterionRows);
  const parsed = CategorySchema.safeParse(raw);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = categoryFieldOf(issue.path, orgs, raw);
      errors[field] ??= {
        key: isMessageKey(issue.message)
          ? issue.message
          : issue.code === "too_big"
            ? "form.tooLong"
            : "form.invalid",
        params: "params" in issue ? (issue.params as Params | undefined) : undefined,
      };
    }
    return formError({ errors, values: { ...values, criterionRows: String(criterionRows) } });
  }
  return runAction(context, form, async (trx) => {
    await saveCategory(trx, actor, c, categoryId, parsed.data);
    return redirect(`/competitions/${c.id}`);
  });
}

export default function CategoryEditor() {
  const t = useT();
  const { competition, detail, orgs } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const cat = detail?.category;
  const criteria = detail?.criteria ?? [];
  const rules = detail?.rules ?? [];
  const rows = rules.length + SPARE_ROWS;
  const places = new Map(detail?.allocations.map((a) => [a.org_id, a.places]));
  const v = (name: string, fallback: string | number | null | undefined) =>
    state?.values?.[name] ?? (fallback == null ? "" : String(fallback));
  const err = (name: string) =>
    state?.errors?.[name] && (
      <span className="field-error">{t(state.errors[name].key, state.errors[name].params)}</span>
    );
  const [method, setMethod] = useState(v("aggregation", cat?.aggregation ?? "mean"));
  const [judgesPer, setJudgesPer] = useState(v("judgesPer", cat?.judges_per_nomination));
  const watchTrimmed = (e: FormEvent<HTMLFormElement>) => {
    const el = e.target as HTMLInputElement;
    if (el.name === "aggregation") setMethod(el.value);
    if (el.name === "judgesPer") setJudgesPer(el.value);
  };
  const k = judgesPer.trim() === "" ? null : Number(judgesPer);
  const criterionCount =
    (state && "criterionRows" in state ? state.criterionRows : Number(state?.values?.criterionRows)) ||
    initialCriterionRows(criteria.length);
  const criterionRows = Array.from({ length: criterionCount }, (_, i) => ({
    title: v(`criterion_title_${i}`, criteria[i]?.title),
    max: v(`criterion_max_${i}`, criteria[i]?.max_points),
    desc: v(`criterion_desc_${i}`, criteria[i]?.description),
  }));
  return (
    <>
      <h1>
        {cat ? cat.name : t("competitions.addCategory")} · {competition.title}
      </h1>
      <ErrorSummary
        state={state}
        labels={{
          name: t("competitions.categories"),
          quota: t("competitions.quota"),
          judgesPer: t("competitions.judgesPer"),
          kind: t("competitions.kind"),
          aggregation: t("competitions.aggregation"),
        }}
      />
      <AppForm className="card" onChange={watchTrimmed}>
        {/* Enter in a box saves: the form's first submit button is the one Enter presses, not a row's "remove". */}
        <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          {t("competitions.save")}
        </button>
        <input type="hidden" name="rows" value={rows} />
        <TextField
          name="name"
          label={t("competitions.categories")}
          required
          maxLength={50}
          state={state}
          defaultValue={cat?.name}
        />
        <SelectField
          name="kind"
          label={t("competitions.kind")}
          state={state}
          defaultValue={cat?.kind}
          options={CATEGORY_KINDS.map((k) => ({ value: k, label: t(`nominationKind.${k}`) }))}
        />
        <TextField
          name="quota"
          label={t("competitions.quota")}
          type="number"
          required
          state={state}
          defaultValue={cat ? String(cat.quota) : ""}
        />
        <SelectField
          name="aggregation"
          label={t("competitions.aggregation")}
          state={state}
          defaultValue={cat?.aggregation ?? "mean"}
          options={AGGREGATIONS.map((a) => ({
            value: a,
            label: t(`competitions.aggregation.${a}`),
          }))}
        />
        <TextField
          name="judgesPer"
          label={t("competitions.judgesPer")}
          type="number"
          state={state}
          defaultValue={cat?.judges_per_nomination == null ? "" : String(cat.judges_per_nomination)}
          hint={t("competitions.judgesPerHint")}
        />
        <div aria-live="polite">
          {k !== null && Number.isFinite(k) && trimmedCannotApply(method, k) ? (
            <p className="alert alert-warning" id="trimmed-warning">
              {t("competitions.trimmedNeedsJudges", { k, min: TRIMMED_MIN_SHEETS })}
            </p>
          ) : (
            method === "trimmed" && (
              <p className="hint">{t("competitions.trimmedHint", { min: TRIMMED_MIN_SHEETS })}</p>
            )
          )}
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="blind" defaultChecked={!!cat?.blind} /> {t("competitions.blind")}
          </label>
        </div>
        <h2>{t("competitions.criteria")}</h2>
        <p className="hint">{t("competitions.rowsHint")}</p>
        {/* Keyed by the answer: a row added or removed without JavaScript starts the rows afresh. */}
        <CriteriaRows key={JSON.stringify(criterionRows)} initial={criterionRows} error={err} />
        <h2>{t("competitions.rules")}</h2>
        <CompositionRuleRows rows={rows} rules={rules} posted={state?.values} errors={state?.errors} />
        <h2>{t("competitions.allocations")}</h2>
        <p className="hint">{t("competitions.allocationsHint")}</p>
        <AllocationTable orgs={orgs} value={(id) => v(`alloc_${id}`, places.get(id))} error={err} />
        <p>
          <button type="submit" className="primary">
            {t("competitions.save")}
          </button>
        </p>
      </AppForm>
      {cat && (
        <AppForm>
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="secondary">
            {t("competitions.deleteCategory")}
          </button>
        </AppForm>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
