import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AGGREGATIONS, CATEGORY_KINDS, RULE_ATTRIBUTES, RULE_OPS } from "../../db/schema";
import { categoryFieldOf, readCategoryForm, SPARE_ROWS } from "~/domain/competitions/category-form";
import { CategorySchema } from "~/domain/competitions/template";
import { isMessageKey, type MessageKey } from "~/i18n";
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
import { TableRegion } from "~/components/table-region";

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
    .map(({ id, name }) => ({ id, name }));
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
  const raw = readCategoryForm(form, orgs, rows);
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
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
      };
    }
    return formError({ errors, values });
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
  const rows = Math.max(criteria.length, rules.length) + SPARE_ROWS;
  const places = new Map(detail?.allocations.map((a) => [a.org_id, a.places]));
  const v = (name: string, fallback: string | number | null | undefined) =>
    state?.values?.[name] ?? (fallback == null ? "" : String(fallback));
  const err = (name: string) =>
    state?.errors?.[name] && (
      <span className="field-error">{t(state.errors[name].key, state.errors[name].params)}</span>
    );
  const rowIndexes = Array.from({ length: rows }, (_, i) => i);
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
      <AppForm className="card">
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
          options={CATEGORY_KINDS.map((k) => ({ value: k, label: t(`nominationKind.${k}` as MessageKey) }))}
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
            label: t(`competitions.aggregation.${a}` as MessageKey),
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
        <div className="field">
          <label>
            <input type="checkbox" name="blind" defaultChecked={!!cat?.blind} /> {t("competitions.blind")}
          </label>
        </div>
        <h2>{t("competitions.criteria")}</h2>
        <p className="hint">{t("competitions.rowsHint")}</p>
        <TableRegion label={t("competitions.criteria")}>
          <table className="rows">
            <thead>
              <tr>
                <th>{t("competitions.criterionTitle")}</th>
                <th>{t("competitions.criterionMax")}</th>
                <th>{t("competitions.criterionDescription")}</th>
              </tr>
            </thead>
            <tbody>
              {rowIndexes.map((i) => (
                <tr key={i}>
                  <td>
                    <input
                      name={`criterion_title_${i}`}
                      aria-label={`${t("competitions.criterionTitle")} ${i + 1}`}
                      defaultValue={v(`criterion_title_${i}`, criteria[i]?.title)}
                    />
                    {err(`criterion_title_${i}`)}
                  </td>
                  <td>
                    <input
                      name={`criterion_max_${i}`}
                      inputMode="decimal"
                      aria-label={`${t("competitions.criterionMax")} ${i + 1}`}
                      defaultValue={v(`criterion_max_${i}`, criteria[i]?.max_points)}
                    />
                    {err(`criterion_max_${i}`)}
                  </td>
                  <td>
                    <input
                      name={`criterion_desc_${i}`}
                      aria-label={`${t("competitions.criterionDescription")} ${i + 1}`}
                      defaultValue={v(`criterion_desc_${i}`, criteria[i]?.description)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <h2>{t("competitions.rules")}</h2>
        <TableRegion label={t("competitions.rules")}>
          <table className="rows">
            <thead>
              <tr>
                <th>{t("competitions.ruleLabel")}</th>
                <th>{t("competitions.ruleAttribute")}</th>
                <th>{t("competitions.ruleValues")}</th>
                <th>{t("competitions.ruleOp")}</th>
                <th>{t("competitions.ruleShare")}</th>
              </tr>
            </thead>
            <tbody>
              {rowIndexes.map((i) => (
                <tr key={i}>
                  <td>
                    <input
                      name={`rule_label_${i}`}
                      aria-label={`${t("competitions.ruleLabel")} ${i + 1}`}
                      defaultValue={v(`rule_label_${i}`, rules[i]?.label)}
                    />
                    {err(`rule_label_${i}`)}
                  </td>
                  <td>
                    <select
                      name={`rule_attribute_${i}`}
                      aria-label={`${t("competitions.ruleAttribute")} ${i + 1}`}
                      defaultValue={v(`rule_attribute_${i}`, rules[i]?.attribute)}
                    >
                      {RULE_ATTRIBUTES.map((a) => (
                        <option key={a} value={a}>
                          {t(`competitions.ruleAttr.${a}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      name={`rule_values_${i}`}
                      aria-label={`${t("competitions.ruleValues")} ${i + 1}`}
                      defaultValue={v(`rule_values_${i}`, rules[i]?.values.join(";"))}
                    />
                    {err(`rule_values_${i}`)}
                  </td>
                  <td>
                    <select
                      name={`rule_op_${i}`}
                      aria-label={`${t("competitions.ruleOp")} ${i + 1}`}
                      defaultValue={v(`rule_op_${i}`, rules[i]?.op)}
                    >
                      {RULE_OPS.map((o) => (
                        <option key={o} value={o}>
                          {t(`competitions.ruleOp.${o}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      name={`rule_share_${i}`}
                      inputMode="decimal"
                      aria-label={`${t("competitions.ruleShare")} ${i + 1}`}
                      defaultValue={v(`rule_share_${i}`, rules[i]?.share)}
                    />
                    {err(`rule_share_${i}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <h2>{t("competitions.allocations")}</h2>
        <p className="hint">{t("competitions.allocationsHint")}</p>
        <TableRegion label={t("competitions.allocations")}>
          <table className="rows">
            <tbody>
              {orgs.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <label htmlFor={`alloc_${o.id}`}>{o.name}</label>
                  </th>
                  <td>
                    <input
                      id={`alloc_${o.id}`}
                      name={`alloc_${o.id}`}
                      type="number"
                      min={0}
                      defaultValue={v(`alloc_${o.id}`, places.get(o.id))}
                    />
                    {err(`alloc_${o.id}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
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
