import type { MetaFunction } from "@remix-run/node";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageMeta } from "~/i18n/page-title";
import { useT } from "~/i18n/use-t";
import { takesTargets } from "~/domain/contest/target-input";
import { listParticipants } from "~/models/contest-participant.server";
import { listTargets, saveParticipantTargets, targetField } from "~/models/contest-target.server";
import { runAction } from "~/utils/action.server";
import { actorOf } from "~/utils/auth.server";
import { requireContest } from "~/utils/contest-access.server";
import { contestPaths } from "~/utils/contest-paths";
import { formError, parseForm, readForm, textValues } from "~/utils/form.server";
import { idParam } from "~/utils/zod";
import { AppForm, ErrorSummary, StatusMessage } from "~/components/form-fields";
import { ContestTrail } from "~/components/contest-nav";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestTargets.title"), args.data?.competition.title]);

/** The organizer's admins set each admitted participant's targets: the year's and each period's. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { competition: c, scheme } = await requireContest(
    request,
    context,
    params.competitionId,
    "competition:manage",
  );
  const admitted = (await listParticipants(context.db, c.id)).filter((p) => p.status === "admitted");
  const url = new URL(request.url);
  const asked = idParam.safeParse(url.searchParams.get("participant"));
  const chosen = asked.success ? (admitted.find((p) => p.id === asked.data) ?? null) : null;
  const targets = chosen ? await listTargets(context.db, c.id, chosen.id) : [];
  return {
    competition: { id: c.id, title: c.title },
    participants: admitted.map((p) => ({ id: p.id, name: p.orgName, group: p.groupName })),
    chosen: chosen && { id: chosen.id, name: chosen.orgName },
    indicators: scheme.indicators
      .filter((i) => takesTargets(i.method))
      .map((i) => ({ id: i.id, code: i.code, title: i.title, unit: i.unit, aggregation: i.aggregation })),
    periods: scheme.periods.map((p) => ({ id: p.id, label: p.label })),
    values: Object.fromEntries(
      targets.map((x) => [targetField(x.indicatorId, x.periodId), String(x.target)]),
    ),
    saved: url.searchParams.get("saved") === "1",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const {
    user,
    competition: c,
    scheme,
  } = await requireContest(request, context, params.competitionId, "competition:manage");
  const form = await readForm(request, context);
  const parsed = parseForm(form, z.object({ participant: idParam }).passthrough());
  if (!parsed.ok) return formError(parsed);
  const id = parsed.data.participant;
  const done = await runAction(context, form, async (trx) => {
    await saveParticipantTargets(trx, actorOf(user, context), c, scheme, id, textValues(form));
    return true as const;
  });
  if (done !== true) return done;
  return redirect(`${contestPaths(c.id).targets}?participant=${id}&saved=1`);
}

export default function ContestTargets() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const { competition: c, participants, chosen, indicators, periods, values, saved } = data;
  const state = useActionData<typeof action>();
  const paths = contestPaths(c.id);
  return (
    <>
      <ContestTrail competition={c} />
      <h1>{t("contestTargets.title")}</h1>
      {saved && !state && <StatusMessage>{t("contestTargets.saved")}</StatusMessage>}
      <ErrorSummary state={state} />
      <p>
        {t("contestTargets.intro")} <Link to={paths.targetsImport}>{t("contestTargets.importLink")}</Link>
      </p>
      {indicators.length === 0 && <p className="hint">{t("contestTargets.noTargetIndicators")}</p>}
      {participants.length === 0 ? (
        <p className="hint">{t("contestTargets.noParticipants")}</p>
      ) : (
        <nav aria-label={t("contestTargets.participants")}>
          <ul>
            {participants.map((p) => (
              <li key={p.id}>
                <Link
                  to={`${paths.targets}?participant=${p.id}`}
                  aria-current={chosen?.id === p.id ? "page" : undefined}
                >
                  {p.name}
                </Link>{" "}
                <span className="muted">{p.group}</span>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {chosen && indicators.length > 0 && (
        <AppForm className="stack card" key={chosen.id}>
          <h2>{t("contestTargets.formTitle", { org: chosen.name })}</h2>
          <p className="hint">{t("contestTargets.formHint")}</p>
          <input type="hidden" name="participant" value={chosen.id} />
          <TableRegion label={t("contestTargets.formTitle", { org: chosen.name })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("contestTargets.indicator")}</th>
                  <th scope="col">{t("contestTargets.year")}</th>
                  {periods.map((p) => (
                    <th scope="col" key={p.id}>
                      {p.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {indicators.map((ind) => (
                  <tr key={ind.id}>
                    <th scope="row">
                      {ind.title}{" "}
                      <span className="muted">
                        ({ind.code}, {ind.unit})
                      </span>
                    </th>
                    {[null, ...periods.map((p) => p.id)].map((periodId) => {
                      const field = targetField(ind.id, periodId);
                      const period =
                        periods.find((p) => p.id === periodId)?.label ?? t("contestTargets.year");
                      return (
                        <td key={field}>
                          <input
                            id={`f-${field}`}
                            name={field}
                            inputMode="decimal"
                            size={8}
                            aria-label={t("contestTargets.cellLabel", { indicator: ind.title, period })}
                            defaultValue={state?.values?.[field] ?? values[field] ?? ""}
                            aria-invalid={state?.errors?.[field] ? true : undefined}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <button type="submit" className="primary">
            {t("contestTargets.save")}
          </button>
        </AppForm>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
