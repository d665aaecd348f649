import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LinksFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DomainError } from "~/domain/errors";
import { useT } from "~/i18n/use-t";
import { getJudgeSeat, getJudgeTarget } from "~/models/judge-desk.server";
import { isJudgingOpen } from "~/models/judging-category.server";
import { declareConflict } from "~/models/panel.server";
import { saveScoreSheet } from "~/models/score-sheet.server";
import { actorOf } from "~/utils/auth.server";
import { requireJudge } from "~/utils/authorize.server";
import { runAction, statusFor } from "~/utils/action.server";
import { readForm } from "~/utils/form.server";
import type { FieldErrors } from "~/utils/form-state";
import { notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { AppForm, ErrorSummary, FieldErrorText, invalidProps, StatusMessage } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { JudgeDossier } from "~/components/judge-dossier";
import judgingStyles from "~/styles/judging.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    t("judging.sheet.title"),
    args.data &&
      (args.data.blind
        ? t("judging.blindTitle", { ref: args.data.dossier.ref })
        : `${args.data.dossier.ref} ${args.data.dossier.name}`),
    args.data?.cat.name,
  ]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

/** Only the judge the nomination is assigned to; anyone else gets 404, so assignments do not leak. */
async function guard<T>(
  request: Request,
  context: AppLoadContext,
  raw: string | undefined,
  find: (db: AppLoadContext["db"], userId: number, id: number) => Promise<T | undefined>,
) {
  const user = await requireJudge(request, context);
  const id = idParam.safeParse(raw);
  const target = id.success ? await find(context.db, user.id, id.data) : undefined;
  if (!target) throw notFound();
  return { user, target };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { target } = await guard(request, context, params.nominationId, getJudgeTarget);
  return {
    ...target,
    open: isJudgingOpen(target.cat.stage),
    cat: { name: target.cat.name, criteria: target.cat.criteria, stage: target.cat.stage },
  };
}

/** Points as the form sent them: "" is a criterion left empty, anything unreadable NaN (refused by the rubric check). */
const pointsOf = (form: FormData, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const raw = String(form.get(`p${i}`) ?? "").trim();
    return raw === "" ? null : Number(raw);
  });

const SheetSchema = z.object({
  intent: z.enum(["save", "submit", "conflict"]),
  version: z.coerce.number().int().min(0),
  comment: z.string().max(2000).default(""),
  reason: z.string().max(500).default(""),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, target } = await guard(request, context, params.nominationId, getJudgeSeat);
  const form = await readForm(request, context);
  const parsed = SheetSchema.safeParse(Object.fromEntries(form));
  const values = Object.fromEntries(
    [...form.entries()].filter(([k, v]) => typeof v === "string" && k !== "_csrf"),
  ) as Record<string, string>;
  if (!parsed.success)
    return data(
      { ok: false as const, errors: { _form: { key: "form.invalid" } } as FieldErrors, values },
      { status: 400 },
    );
  const actor = actorOf(user, context);
  const ref = { memberId: target.memberId, nominationId: target.nominationId };
  return runAction(
    context,
    form,
    async (trx) => {
      if (parsed.data.intent === "conflict") {
        if (!isJudgingOpen(target.cat.stage)) throw new DomainError("judging.closed");
        await declareConflict(
          trx,
          actor,
          target.cat,
          ref.memberId,
          ref.nominationId,
          parsed.data.reason.trim() || null,
        );
        return redirect("/judging");
      }
      const submit = parsed.data.intent === "submit";
      const points = pointsOf(form, target.cat.criteria.length);
      await saveScoreSheet(trx, actor, target.cat, ref, {
        points,
        comment: parsed.data.comment.trim(),
        version: parsed.data.version,
        submit,
      });
      return redirect(
        submit ? `/judging?submitted=${ref.nominationId}` : `/judging/${ref.nominationId}?saved=1`,
      );
    },
    {
      statusOf: statusFor({ "judging.sheet.stale": 409 }),
      body: ({ errors }) => ({ ok: false as const, errors, values }),
    },
  );
}

function SheetForm() {
  const t = useT();
  const { cat, sheet, open } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const locked = !open || sheet?.status === "submitted" || sheet?.status === "void";
  const value = (i: number) =>
    state?.values?.[`p${i}`] ?? (sheet?.points[i] == null ? "" : String(sheet.points[i]));
  return (
    <AppForm className="score-sheet">
      <input type="hidden" name="version" value={sheet?.version ?? 0} />
      {cat.criteria.map((c, i) => {
        const error = state?.errors?.[`p${i}`];
        return (
          <div key={c.title} className={error ? "field field-invalid" : "field"}>
            <label htmlFor={`f-p${i}`}>
              {c.title} <span className="muted">(0–{c.maxPoints})</span>
            </label>
            {c.description && (
              <p className="hint" id={`f-p${i}-hint`}>
                {c.description}
              </p>
            )}
            <input
              id={`f-p${i}`}
              name={`p${i}`}
              type="number"
              min={0}
              max={c.maxPoints}
              step={0.5}
              inputMode="decimal"
              defaultValue={value(i)}
              disabled={locked}
              {...invalidProps(`p${i}`, state, c.description ? `f-p${i}-hint` : undefined)}
            />
            <FieldErrorText name={`p${i}`} state={state} />
          </div>
        );
      })}
      <div className="field">
        <label htmlFor="f-comment">{t("judging.sheet.comment")}</label>
        <textarea
          id="f-comment"
          name="comment"
          maxLength={2000}
          rows={3}
          defaultValue={state?.values?.comment ?? sheet?.comment ?? ""}
          disabled={locked}
        />
      </div>
      {!locked && (
        <p className="actions">
          <button type="submit" name="intent" value="save">
            {t("judging.sheet.saveDraft")}
          </button>
          <button type="submit" name="intent" value="submit" className="primary">
            {t("judging.sheet.submit")}
          </button>
        </p>
      )}
      {sheet && <p className="muted">{t("judging.sheet.total", { total: sheet.total })}</p>}
    </AppForm>
  );
}

export default function JudgeSheetPage() {
  const t = useT();
  const { dossier, files, cat, sheet, open, blind } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [search] = useSearchParams();
  const saved = search.get("saved") === "1" && sheet?.status === "draft";
  return (
    <>
      <p className="muted">
        <Link to="/judging">{t("nav.judging")}</Link> · {cat.name}
      </p>
      <h1>{blind ? t("judging.blindTitle", { ref: dossier.ref }) : `${dossier.ref} ${dossier.name}`}</h1>
      <ErrorSummary
        state={state}
        labels={Object.fromEntries(cat.criteria.map((c, i) => [`p${i}`, c.title]))}
      />
      {saved && !state && <StatusMessage>{t("confirm.draftSaved")}</StatusMessage>}
      {!open && <p className="alert alert-error">{t("judging.closed")}</p>}
      {sheet?.status === "submitted" && <p className="alert alert-ok">{t("judging.sheet.submittedNote")}</p>}
      <div className="judging-columns">
        <JudgeDossier n={dossier} files={files} blind={blind} />
        <section aria-label={t("judging.sheet.title")}>
          <h2>{t("judging.sheet.title")}</h2>
          <SheetForm />
          {open && (
            <AppForm>
              <input type="hidden" name="version" value={sheet?.version ?? 0} />
              <details>
                <summary>{t("judging.conflict.declare")}</summary>
                <label htmlFor="f-reason">{t("judging.reason")}</label>{" "}
                <input id="f-reason" name="reason" maxLength={500} />{" "}
                <button type="submit" name="intent" value="conflict">
                  {t("judging.conflict.confirm")}
                </button>
              </details>
            </AppForm>
          )}
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
