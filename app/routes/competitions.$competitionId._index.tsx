import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { STAGES, type Stage } from "~/domain/competitions/vocabulary";
import { nextStage, stageIndex } from "~/domain/competitions/stages";
import {
  advanceCompetition,
  type AdvanceOutcome,
  copyCompetition,
  listCategories,
  listStages,
  StageMovedError,
} from "~/models/competition.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { allows, requireCompetition } from "~/utils/authorize.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import { negotiateLocale, translate, type MessageKey } from "~/i18n";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";
import { ContestLooseEnds } from "~/components/contest-loose-ends";
import { contestLoose, hasContest } from "~/models/contest.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [args.data?.competition.title, t("nav.competitions")]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:read");
  const [stages, categories, contest] = await Promise.all([
    listStages(context.db, c.id),
    listCategories(context.db, c.id),
    hasContest(context.db, c.id),
  ]);
  const isAdmin = allows(user, "competition:manage", { orgPath: c.org_path });
  return {
    competition: c,
    stages,
    categories,
    isAdmin,
    contest,
    loose: isAdmin && contest && c.stage === "running" ? await contestLoose(context.db, c.id) : null,
    next: nextStage(c.stage, contest),
  };
}

// The advance form carries the stage it was shown in: a second click, or a second admin, then
// finds the competition moved and is told so instead of moving it a stage further.
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("copy") }),
  z.object({ intent: z.literal("advance"), stage: z.enum(STAGES, { message: "competitions.staleStage" }) }),
]);

/** The 409 for an advance from a stage the competition has left, naming the stage it is in. */
function movedAnswer(request: Request, stage: Stage) {
  const label = translate(
    negotiateLocale(request.headers.get("cookie"), request.headers.get("accept-language")),
    `stage.${stage}`,
  );
  return data(
    {
      ok: false as const,
      errors: { _form: { key: "competitions.alreadyMoved" as MessageKey, params: { stage: label } } },
      advanced: null,
      moved: stage,
    },
    { status: 409 },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:manage");
  const parsed = parseForm(await readForm(request, context), ActionSchema);
  if (!parsed.ok) return formError(parsed);
  const actor = actorOf(user, context);
  if (parsed.data.intent === "copy") {
    const id = await context.db.transaction().execute((trx) => copyCompetition(trx, actor, c));
    return redirect(`/competitions/${id}`);
  }
  if (parsed.data.stage !== c.stage) return movedAnswer(request, c.stage);
  let outcome: AdvanceOutcome;
  try {
    outcome = await context.db.transaction().execute((trx) => advanceCompetition(trx, actor, c));
  } catch (error) {
    if (error instanceof StageMovedError) return movedAnswer(request, error.stage);
    throw error;
  }
  if (!outcome.ok && outcome.movedTo) return movedAnswer(request, outcome.movedTo);
  if (!outcome.ok) {
    const errors = Object.fromEntries(
      outcome.refusals.map((r, i) => [`refusal${i}`, { key: r.messageKey, params: r.params }]),
    );
    return data({ ok: false as const, errors, advanced: null, moved: null }, { status: 409 });
  }
  return data({ ok: true as const, errors: undefined, advanced: outcome.stage, moved: null });
}

export default function CompetitionPage() {
  const t = useT();
  const locale = useLocale();
  const {
    competition: c,
    stages,
    categories,
    isAdmin,
    contest,
    loose,
    next,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const current = stageIndex(c.stage);
  const byStage = new Map(stages.map((s) => [s.stage, s]));
  return (
    <>
      <p className="muted">
        {c.org_name} · {c.year}
      </p>
      <h1>{c.title}</h1>
      {c.description && <p className="lead">{c.description}</p>}
      {result && "advanced" in result && result.advanced && (
        <p className="alert alert-ok" role="status">
          {t("competitions.advanced", { stage: t(`stage.${result.advanced}`) })}
        </p>
      )}
      {result && !result.ok && !("moved" in result && result.moved) && (
        <p className="field-error">{t("competitions.advanceRefused")}</p>
      )}
      <ErrorSummary state={result && !result.ok ? result : undefined} />
      {loose && <ContestLooseEnds loose={loose} />}
      <div className="actions">
        {contest && <Link to={`/competitions/${c.id}/contest`}>{t("contestSetup.hubLink")}</Link>}
        {!contest && isAdmin && c.stage === "draft" && (
          <Link to={`/competitions/${c.id}/contest/setup`}>{t("contestSetup.setUpLink")}</Link>
        )}
        <Link to={`/competitions/${c.id}/nominations`}>{t("competitions.nominations")}</Link>
        {isAdmin && <Link to={`/competitions/${c.id}/edit`}>{t("competitions.edit")}</Link>}
        {isAdmin && <a href={`/competitions/${c.id}/export`}>{t("competitions.export")}</a>}
        {isAdmin && ["notice", "published", "archived"].includes(c.stage) && (
          <Link to={`/competitions/${c.id}/notice`}>{t("notice.admin.title")}</Link>
        )}
        {isAdmin && ["notice", "published", "archived"].includes(c.stage) && (
          <Link to={`/competitions/${c.id}/publication`}>{t("notice.admin.publication")}</Link>
        )}
        {isAdmin && c.stage === "nominating" && (
          <Link to={`/competitions/${c.id}/nominations/import`}>{t("import.upload.link")}</Link>
        )}
      </div>
      {isAdmin && (
        <div className="actions">
          {/* Publication needs its 文号, date and union: the decision is made on its own page. */}
          {next === "published" && (
            <Link className="button primary" to={`/competitions/${c.id}/publication`}>
              {t("competitions.goPublish")}
            </Link>
          )}
          {next && next !== "published" && (
            <AppForm>
              <input type="hidden" name="intent" value="advance" />
              <input type="hidden" name="stage" value={c.stage} />
              <button type="submit" className="primary">
                {t("competitions.advance", { stage: t(`stage.${next}`) })}
              </button>
            </AppForm>
          )}
          <AppForm>
            <input type="hidden" name="intent" value="copy" />
            <button type="submit" className="secondary">
              {t("competitions.copy")}
            </button>
          </AppForm>
        </div>
      )}
      <h2>{t("competitions.timeline")}</h2>
      <ol className="timeline">
        {/* A competition without a contest never runs one: its timeline has no `running`. */}
        {STAGES.filter((s) => contest || s !== "running").map((s) => {
          const i = stageIndex(s);
          const plan = byStage.get(s);
          return (
            <li
              key={s}
              className={i < current ? "done" : i === current ? "current" : "todo"}
              aria-current={i === current ? "step" : undefined}
            >
              <strong>{t(`stage.${s}`)}</strong>
              {i === current && <span className="badge">{t("competitions.current")}</span>}
              {plan?.starts_on && plan.ends_on && (
                <span className="muted">
                  {" "}
                  {formatDate(locale, plan.starts_on)} – {formatDate(locale, plan.ends_on)}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p>
        {t("competitions.noticeDays")}:{" "}
        {t("competitions.noticeLength", {
          days: c.notice_days,
          unit: t(`competitions.noticeUnit.${c.notice_unit}`),
        })}
      </p>
      <h2>{t("competitions.categories")}</h2>
      {categories.length === 0 ? (
        <p className="muted">{t("competitions.noCategoriesYet")}</p>
      ) : (
        <TableRegion label={t("competitions.categories")}>
          <table>
            <thead>
              <tr>
                <th>{t("competitions.categories")}</th>
                <th>{t("competitions.kind")}</th>
                <th>{t("competitions.quota")}</th>
                <th>{t("competitions.aggregation")}</th>
                {isAdmin && c.stage === "draft" && <th>{t("common.actions")}</th>}
                {isAdmin &&
                  ["reviewing", "judging", "deciding", "notice", "published", "archived"].includes(
                    c.stage,
                  ) && <th>{t("stage.judging")}</th>}
              </tr>
            </thead>
            <tbody>
              {categories.map((cat) => (
                <tr key={cat.id}>
                  <td>{cat.name}</td>
                  <td>{t(`nominationKind.${cat.kind}`)}</td>
                  <td>{cat.quota}</td>
                  <td>{t(`competitions.aggregation.${cat.aggregation}`)}</td>
                  {isAdmin && c.stage === "draft" && (
                    <td>
                      <Link to={`/competitions/${c.id}/categories/${cat.id}`}>
                        {t("competitions.editCategory")}
                      </Link>
                    </td>
                  )}
                  {isAdmin &&
                    ["reviewing", "judging", "deciding", "notice", "published", "archived"].includes(
                      c.stage,
                    ) && (
                      <td>
                        <Link to={`/competitions/${c.id}/categories/${cat.id}/panel`}>
                          {t("judging.panel.link")}
                        </Link>
                        {c.stage !== "reviewing" && (
                          <>
                            {" · "}
                            <Link to={`/competitions/${c.id}/categories/${cat.id}/results`}>
                              {t("judging.results.title")}
                            </Link>
                          </>
                        )}
                      </td>
                    )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {isAdmin && c.stage === "draft" && (
        <p>
          <Link to={`/competitions/${c.id}/categories/new`}>{t("competitions.addCategory")}</Link>
        </p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
