import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DomainError } from "~/domain/errors";
import { useT } from "~/i18n/use-t";
import { DataCell } from "~/components/data-text";
import {
  addExternalJudge,
  assignManually,
  assignPanel,
  declareConflict,
  listConflicts,
  listJudgeCandidates,
  listPanel,
  removePanelJudge,
  unassign,
} from "~/models/panel.server";
import { addPanelJudges, MAX_JUDGES_AT_ONCE } from "~/models/panel-judges.server";
import { judgingProgress } from "~/models/score-sheet.server";
import { actorOf } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { parseForm, readForm } from "~/utils/form.server";
import { requireCategoryAdmin } from "~/utils/authorize.server";
import { idParam, optionalText, text } from "~/utils/zod";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { AddedJudges, JudgeCheckboxes } from "~/components/panel-judges";
import { ErrorPage } from "~/components/error-page";
import judgingStyles from "~/styles/judging.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    args.data && t("judging.panel.title", { category: args.data.cat.name }),
    args.data?.cat.competitionTitle,
  ]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cat } = await requireCategoryAdmin(request, context, params);
  const [panel, candidates, conflicts, progress] = await Promise.all([
    listPanel(context.db, cat.id),
    listJudgeCandidates(context.db, cat),
    listConflicts(context.db, cat.id),
    judgingProgress(context.db, cat.id),
  ]);
  return {
    cat: {
      id: cat.id,
      name: cat.name,
      competitionId: cat.competition_id,
      competitionTitle: cat.competition_title,
      stage: cat.stage,
      perNomination: cat.judges_per_nomination,
    },
    panel: panel.map((m) => ({
      id: m.id,
      name: m.display_name,
      username: m.username,
      org: m.org_name,
      external: !!m.external,
    })),
    candidates: candidates.map((c) => ({
      id: c.id,
      label: `${c.display_name} (${c.username}${c.org_name ? ` · ${c.org_name}` : ""})`,
    })),
    conflicts,
    progress,
  };
}

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const ActionSchema = z.discriminatedUnion("intent", [
  // One judge or several ticked at once (decision 019).
  z.object({
    intent: z.literal("add"),
    userId: z.preprocess(asList, z.array(idParam).min(1, "judging.panel.noneTicked").max(MAX_JUDGES_AT_ONCE)),
  }),
  z.object({ intent: z.literal("addExternal"), name: text(50) }),
  z.object({ intent: z.literal("remove"), memberId: idParam }),
  z.object({ intent: z.literal("assign") }),
  z.object({
    intent: z.enum(["assignOne", "unassign", "conflict"]),
    memberId: idParam,
    ref: text(50),
    reason: optionalText(500),
  }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cat } = await requireCategoryAdmin(request, context, params);
  const form = await readForm(request, context);
  const parsed = parseForm(form, ActionSchema);
  if (!parsed.ok)
    return data({ ok: false as const, errors: parsed.errors, short: null, added: null }, { status: 400 });
  const input = parsed.data;
  const actor = actorOf(user, context);
  return runAction(
    context,
    form,
    async (trx) => {
      if (input.intent === "add") {
        const added = await addPanelJudges(trx, actor, cat, input.userId);
        return data({ ok: true as const, errors: undefined, short: null, added });
      } else if (input.intent === "addExternal") await addExternalJudge(trx, actor, cat, input.name);
      else if (input.intent === "remove") await removePanelJudge(trx, actor, cat, input.memberId);
      else if (input.intent === "assign") {
        const short = (await assignPanel(trx, actor, cat)).short.length;
        if (short) return data({ ok: true as const, errors: undefined, short, added: null });
      } else {
        const n = await trx
          .selectFrom("nominations")
          .select("id")
          .where("category_id", "=", cat.id)
          .where("ref", "=", input.ref)
          .executeTakeFirst();
        if (!n) throw new DomainError("judging.unknownNomination", undefined, "ref");
        if (input.intent === "assignOne") await assignManually(trx, actor, cat, input.memberId, n.id);
        else if (input.intent === "unassign") await unassign(trx, actor, cat, input.memberId, n.id);
        else await declareConflict(trx, actor, cat, input.memberId, n.id, input.reason);
      }
      return redirect(`/competitions/${cat.competition_id}/categories/${cat.id}/panel`);
    },
    { body: ({ errors }) => ({ ok: false as const, errors, short: null, added: null }) },
  );
}

function PanelTable() {
  const t = useT();
  const { panel } = useLoaderData<typeof loader>();
  if (panel.length === 0) return <p className="muted">{t("judging.panel.empty")}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t("judging.judge")}</th>
          <th>{t("judging.panel.org")}</th>
          <th>{t("common.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {panel.map((m) => (
          <tr key={m.id}>
            <td>
              {m.name}{" "}
              {m.external ? (
                <span className="muted">({t("judging.panel.external")})</span>
              ) : (
                <span className="muted">{m.username}</span>
              )}
            </td>
            <td>{m.org ?? "—"}</td>
            <td>
              <AppForm>
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="memberId" value={m.id} />
                <button type="submit" className="link-button">
                  {t("judging.panel.remove")}
                </button>
              </AppForm>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PanelForms() {
  const t = useT();
  const { panel, candidates } = useLoaderData<typeof loader>();
  return (
    <div className="judging-forms">
      <JudgeCheckboxes candidates={candidates} />
      <AppForm>
        <input type="hidden" name="intent" value="addExternal" />
        <label htmlFor="f-name">{t("judging.panel.addExternal")}</label>{" "}
        <input id="f-name" name="name" maxLength={50} required />{" "}
        <button type="submit">{t("judging.panel.add")}</button>
      </AppForm>
      <AppForm>
        <input type="hidden" name="intent" value="assign" />
        <button type="submit" className="primary">
          {t("judging.panel.assign")}
        </button>
      </AppForm>
      <AppForm>
        <fieldset>
          <legend>{t("judging.panel.manual")}</legend>
          <label htmlFor="f-memberId">{t("judging.judge")}</label>{" "}
          <select id="f-memberId" name="memberId">
            {panel.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>{" "}
          <label htmlFor="f-ref">{t("judging.ref")}</label>{" "}
          <input id="f-ref" name="ref" maxLength={50} required />{" "}
          <label htmlFor="f-reason">{t("judging.reason")}</label>{" "}
          <input id="f-reason" name="reason" maxLength={500} />{" "}
          <button type="submit" name="intent" value="assignOne">
            {t("judging.panel.assignOne")}
          </button>{" "}
          <button type="submit" name="intent" value="unassign">
            {t("judging.panel.unassign")}
          </button>{" "}
          <button type="submit" name="intent" value="conflict">
            {t("judging.panel.recordConflict")}
          </button>
        </fieldset>
      </AppForm>
    </div>
  );
}

function Progress() {
  const t = useT();
  const { progress } = useLoaderData<typeof loader>();
  return (
    <div className="judging-columns">
      <table>
        <caption>{t("judging.progress.byJudge")}</caption>
        <thead>
          <tr>
            <th>{t("judging.judge")}</th>
            <th>{t("judging.progress.assigned")}</th>
            <th>{t("judging.progress.drafts")}</th>
            <th>{t("judging.progress.submitted")}</th>
          </tr>
        </thead>
        <tbody>
          {progress.judges.map((j) => (
            <tr key={j.id}>
              <td>{j.name}</td>
              <td>{j.assigned}</td>
              <td>{j.drafts}</td>
              <td>{j.submitted}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{t("judging.progress.byNomination")}</caption>
        <thead>
          <tr>
            <th>{t("judging.ref")}</th>
            <th>{t("judging.name")}</th>
            <th>{t("judging.progress.submitted")}</th>
          </tr>
        </thead>
        <tbody>
          {progress.nominations.map((n) => (
            <tr key={n.ref} className={n.submitted < n.assigned ? "pending" : undefined}>
              <td>{n.ref}</td>
              <DataCell text={n.name} />
              <td>
                {n.submitted} / {n.assigned}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function PanelPage() {
  const t = useT();
  const { cat, conflicts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${cat.competitionId}`}>{cat.competitionTitle}</Link> ·{" "}
        {t(`stage.${cat.stage}`)} ·{" "}
        <Link to={`/competitions/${cat.competitionId}/categories/${cat.id}/results`}>
          {t("judging.results.title")}
        </Link>
      </p>
      <h1>{t("judging.panel.title", { category: cat.name })}</h1>
      <p>
        {cat.perNomination === null
          ? t("judging.panel.everyJudge")
          : t("judging.panel.perNomination", { k: cat.perNomination })}
      </p>
      <ErrorSummary state={result && !result.ok ? result : undefined} />
      {result?.ok && result.added ? <AddedJudges added={result.added} /> : null}
      {result?.ok && result.short ? (
        <p className="alert alert-error">{t("judging.panel.short", { count: result.short })}</p>
      ) : null}
      <PanelTable />
      <PanelForms />
      <h2>{t("judging.conflicts")}</h2>
      {conflicts.length === 0 ? (
        <p className="muted">{t("judging.conflicts.none")}</p>
      ) : (
        <ul>
          {conflicts.map((c) => (
            <li key={c.id}>
              {t("judging.conflicts.entry", { judge: c.display_name, ref: c.ref, name: c.name })}{" "}
              {c.reason ? `— ${c.reason}` : ""}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("judging.progress")}</h2>
      <Progress />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
