import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  AGGREGATION_METHODS,
  TRIMMED_MIN_SHEETS,
  trimmedCannotApply,
  type AggregationMethod,
} from "~/domain/judging/aggregation";
import { formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import { isDecisionOpen, isMatrixOpen } from "~/models/judging-category.server";
import { setOverride } from "~/models/results-decision.server";
import { categoryResults, compareMethods } from "~/models/results.server";
import { getResultSnapshot } from "~/models/result-snapshot.server";
import { actorOf } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { parseForm, readForm } from "~/utils/form.server";
import { errorResponse } from "~/utils/http.server";
import { requireCategoryAdmin } from "~/utils/authorize.server";
import { optionalText, text } from "~/utils/zod";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { MethodComparison, SelectionReport } from "~/components/judging-results";
import { DecidedResults } from "~/components/decided-results";
import { TableRegion } from "~/components/table-region";
import judgingStyles from "~/styles/judging.css";
import { DataCell } from "~/components/data-text";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    args.data && t("judging.results.heading", { category: args.data.cat.name }),
    args.data?.cat.competitionTitle,
  ]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

const RESULT_STAGES = ["judging", "deciding", "notice", "published", "archived"];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cat } = await requireCategoryAdmin(request, context, params);
  if (!RESULT_STAGES.includes(cat.stage)) throw errorResponse(409, "judging.results.notYet");
  const raw = new URL(request.url).searchParams.get("method");
  const method = AGGREGATION_METHODS.includes(raw as AggregationMethod)
    ? (raw as AggregationMethod)
    : undefined;
  const [results, comparison, snapshot] = await Promise.all([
    categoryResults(context.db, cat.id, method),
    compareMethods(context.db, cat.id),
    getResultSnapshot(context.db, cat.id),
  ]);
  const r = results!;
  const decided = new Map(snapshot?.entries.map((e) => [e.ref, e]));
  const names = new Map(r.entries.map((e) => [e.ref, e.name]));
  const onFinal = new Map(r.final.map((f) => [f.ref, f.position]));
  return {
    cat: {
      id: cat.id,
      name: cat.name,
      quota: cat.quota,
      competitionId: cat.competition_id,
      competitionTitle: cat.competition_title,
      stage: cat.stage,
      aggregation: cat.aggregation,
      judgesPer: cat.judges_per_nomination,
    },
    method: r.method,
    fallbackToMean: r.fallbackToMean,
    entries: r.entries.map((e) => ({
      ...e,
      selected: r.selection.selected.some((s) => s.ref === e.ref),
      position: onFinal.get(e.ref) ?? null,
      decided: decided.has(e.ref)
        ? { rank: decided.get(e.ref)!.rank, score: decided.get(e.ref)!.score }
        : null,
    })),
    snapshot: snapshot ?? null,
    unscored: r.unscored,
    invalidRules: r.category.invalidRules,
    selection: {
      ...r.selection,
      skipped: r.selection.skipped.map((s) => ({ ...s, name: names.get(s.ref) ?? "" })),
    },
    overrides: r.overrides.map((o) => ({
      ...o,
      ref: r.entries.find((e) => e.nominationId === o.nominationId)?.ref ?? "",
    })),
    finalCount: r.final.length,
    comparison,
    decisionOpen: isDecisionOpen(cat.stage),
    matrixOpen: isMatrixOpen(cat.stage),
  };
}

const OverrideSchema = z.object({
  ref: text(50),
  decision: z.enum(["include", "exclude", "clear"]),
  reason: optionalText(500),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cat } = await requireCategoryAdmin(request, context, params);
  const form = await readForm(request, context);
  const parsed = parseForm(form, OverrideSchema);
  if (!parsed.ok)
    return data({ ok: false as const, errors: parsed.errors, values: parsed.values }, { status: 400 });
  return runAction(
    context,
    form,
    async (trx) => {
      await setOverride(trx, actorOf(user, context), cat.id, parsed.data);
      return redirect(`/competitions/${cat.competition_id}/categories/${cat.id}/results`);
    },
    { body: ({ errors }) => ({ ok: false as const, errors, values: {} }) },
  );
}

function RankingTable() {
  const t = useT();
  const locale = useLocale();
  const { cat, entries, decisionOpen, snapshot, overrides } = useLoaderData<typeof loader>();
  const overridden = new Map(overrides.map((o) => [o.ref, `${o.decision}:${o.reason}`]));
  const fmt = (n: number) => formatNumber(locale, Math.round(n * 100) / 100);
  const moved = (e: (typeof entries)[number]) =>
    !!e.decided && (e.decided.rank !== e.rank || fmt(e.decided.score) !== fmt(e.score));
  return (
    <TableRegion label={t("judging.results.heading", { category: cat.name })}>
      <table className="ranking">
        <thead>
          <tr>
            <th>{t("judging.rank")}</th>
            <th>{t("judging.ref")}</th>
            <th>{t("judging.name")}</th>
            <th>{t("judging.score")}</th>
            <th>{t("judging.disagreement")}</th>
            <th>{t("judging.sheets")}</th>
            <th>{t("judging.results.onList")}</th>
            {snapshot && <th>{t("judging.decided.column")}</th>}
            {decisionOpen && <th>{t("judging.override")}</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.ref} className={e.position ? "on-list" : undefined}>
              <td>
                {e.rank}
                {e.tied && <span className="badge">{t("judging.tied")}</span>}
              </td>
              <td>{e.ref}</td>
              <DataCell text={e.name} />
              <td>{fmt(e.score)}</td>
              <td>{fmt(e.disagreement)}</td>
              <td>{e.sheetCount}</td>
              <td>{e.position ?? "—"}</td>
              {snapshot && (
                <td className={moved(e) ? "moved" : undefined}>
                  {e.decided ? `${e.decided.rank} · ${fmt(e.decided.score)}` : "—"}
                </td>
              )}
              {decisionOpen && (
                <td>
                  {/* Keyed by the row's standing: once a decision on it is saved the form starts empty. */}
                  <AppForm
                    className="inline-form"
                    key={`${e.ref}:${e.position ?? "-"}:${overridden.get(e.ref) ?? ""}`}
                  >
                    <input type="hidden" name="ref" value={e.ref} />
                    <input type="hidden" name="decision" value={e.position ? "exclude" : "include"} />
                    <label className="visually-hidden" htmlFor={`r-${e.ref}`}>
                      {t("judging.reason")}
                    </label>
                    <input
                      id={`r-${e.ref}`}
                      name="reason"
                      maxLength={500}
                      placeholder={t("judging.reason")}
                    />{" "}
                    <button type="submit">
                      {e.position ? t("judging.override.exclude") : t("judging.override.include")}
                    </button>
                  </AppForm>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export default function ResultsPage() {
  const t = useT();
  const { cat, method, fallbackToMean, unscored, overrides, finalCount, decisionOpen, snapshot, matrixOpen } =
    useLoaderData<typeof loader>();
  const byDesign = method === "trimmed" && trimmedCannotApply(method, cat.judgesPer);
  const state = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${cat.competitionId}`}>{cat.competitionTitle}</Link> ·{" "}
        {t(`stage.${cat.stage}`)} ·{" "}
        <Link to={`/competitions/${cat.competitionId}/categories/${cat.id}/panel`}>
          {t("judging.panel.link")}
        </Link>{" "}
        ·{" "}
        {matrixOpen ? (
          <Link to={`/competitions/${cat.competitionId}/categories/${cat.id}/sheets`}>
            {t("judging.matrix.title")}
          </Link>
        ) : (
          <span>{t("judging.matrix.whenOpen")}</span>
        )}
      </p>
      <h1>{t("judging.results.heading", { category: cat.name })}</h1>
      <ErrorSummary state={state} />
      {snapshot && <DecidedResults snapshot={snapshot} />}
      {snapshot && (
        <>
          <h2 className="recomputed">{t("judging.recomputed.title")}</h2>
          <p className="hint recomputed">{t("judging.recomputed.hint")}</p>
        </>
      )}
      <div className={snapshot ? "recomputed" : undefined}>
        <Form method="get" className="inline-form">
          <label htmlFor="f-method">{t("judging.method")}</label>{" "}
          <select id="f-method" name="method" defaultValue={method}>
            {AGGREGATION_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`competitions.aggregation.${m}`)}
                {m === cat.aggregation ? ` (${t("judging.method.category")})` : ""}
              </option>
            ))}
          </select>{" "}
          <button type="submit">{t("judging.method.show")}</button>
        </Form>
        {byDesign ? (
          <p className="alert alert-warning">
            {t("judging.trimmedByDesign", { k: cat.judgesPer ?? 0, min: TRIMMED_MIN_SHEETS })}
          </p>
        ) : (
          fallbackToMean && <p className="alert alert-error">{t("judging.fallbackToMean")}</p>
        )}
        <RankingTable />
        {unscored.length > 0 && (
          <p className="muted">{t("judging.unscored", { refs: unscored.map((u) => u.ref).join(", ") })}</p>
        )}
        <SelectionReport />
        <h2>{t("judging.final.title")}</h2>
        {finalCount > cat.quota ? (
          <div className="alert alert-warning" role="alert">
            <p>
              <strong>{t("judging.final.overQuotaTitle")}</strong>{" "}
              {t("judging.final.overQuota", {
                count: finalCount,
                quota: cat.quota,
                over: finalCount - cat.quota,
              })}
            </p>
          </div>
        ) : (
          <p>{t("judging.final.count", { count: finalCount, quota: cat.quota })}</p>
        )}
        {overrides.length > 0 && (
          <ul>
            {overrides.map((o) => (
              <li key={o.nominationId}>
                {t(o.decision === "include" ? "judging.override.included" : "judging.override.excluded", {
                  ref: o.ref,
                })}{" "}
                — {o.reason}{" "}
                {decisionOpen && (
                  <AppForm className="inline-form">
                    <input type="hidden" name="ref" value={o.ref} />
                    <input type="hidden" name="decision" value="clear" />
                    <button type="submit" className="link-button">
                      {t("judging.override.clear")}
                    </button>
                  </AppForm>
                )}
              </li>
            ))}
          </ul>
        )}
        <MethodComparison />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
