import type { MetaFunction } from "@remix-run/node";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageMeta } from "~/i18n/page-title";
import { useT } from "~/i18n/use-t";
import { isWithin } from "~/domain/org-tree";
import type { SessionUser } from "~/models/user.server";
import { applyToContest, listApplicationSteps, listOwn } from "~/models/contest-application.server";
import { runAction } from "~/utils/action.server";
import { actorOf } from "~/utils/auth.server";
import { authorize } from "~/utils/authorize.server";
import { requireContest } from "~/utils/contest-access.server";
import { contestPaths } from "~/utils/contest-paths";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { idParam } from "~/utils/zod";
import { AppForm, ErrorSummary, SelectField, StatusMessage } from "~/components/form-fields";
import { ApplicationHistory } from "~/components/contest-application-history";
import { ContestTrail } from "~/components/contest-nav";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestApply.title"), args.data?.competition.title]);

/** The orgs the user administers inside the organizer's subtree, below the organizer: each may apply. */
function applyingOrgs(user: SessionUser, organizerPath: string) {
  const seen = new Set<number>();
  return user.grants.filter(
    (g) =>
      g.role === "admin" &&
      g.orgPath !== organizerPath &&
      isWithin(g.orgPath, organizerPath) &&
      !seen.has(g.orgId) &&
      seen.add(g.orgId),
  );
}

/** A unit's admins apply to the contest; the application climbs the tree (decision 026). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const {
    user,
    competition: c,
    scheme,
  } = await requireContest(request, context, params.competitionId, "competition:read");
  const orgs = applyingOrgs(user, c.org_path);
  authorize(user, "contest:apply", { organizerPath: c.org_path, orgPath: orgs[0]?.orgPath ?? c.org_path });
  const own = await listOwn(
    context.db,
    c.id,
    orgs.map((o) => o.orgId),
  );
  const steps = await listApplicationSteps(
    context.db,
    own.map((p) => p.id),
  );
  const busy = new Set(own.filter((p) => p.status !== "returned").map((p) => p.orgId));
  return {
    competition: { id: c.id, title: c.title, stage: c.stage },
    groups: scheme.groups.map((g) => ({ value: String(g.id), label: g.name })),
    free: orgs.filter((o) => !busy.has(o.orgId)).map((o) => ({ value: String(o.orgId), label: o.orgName })),
    own,
    steps,
    applied: new URL(request.url).searchParams.get("applied") === "1",
  };
}

const ApplySchema = z.object({ org: idParam, group: idParam });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, competition: c } = await requireContest(
    request,
    context,
    params.competitionId,
    "competition:read",
  );
  const form = await readForm(request, context);
  const parsed = parseForm(form, ApplySchema);
  const orgs = applyingOrgs(user, c.org_path);
  // A form that fails validation is still asked of the user's own orgs: 400 for them, 403 for others.
  const org = parsed.ok ? orgs.find((o) => o.orgId === parsed.data.org) : orgs[0];
  authorize(user, "contest:apply", { organizerPath: c.org_path, orgPath: org?.orgPath ?? c.org_path });
  if (!parsed.ok) return formError(parsed);
  const actor = { ...actorOf(user, context), userId: user.id };
  const done = await runAction(context, form, async (trx) => {
    await applyToContest(trx, actor, c, { orgId: parsed.data.org, groupId: parsed.data.group });
    return true as const;
  });
  if (done !== true) return done;
  return redirect(`${contestPaths(c.id).apply}?applied=1`);
}

export default function ContestApply() {
  const t = useT();
  const { competition: c, groups, free, own, steps, applied } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ContestTrail competition={c} />
      <h1>{t("contestApply.title")}</h1>
      {applied && !state && <StatusMessage>{t("contestApply.done")}</StatusMessage>}
      <ErrorSummary state={state} />
      <p>{t("contestApply.intro")}</p>
      {free.length === 0 ? (
        <p className="hint">{t("contestApply.nothingToApply")}</p>
      ) : (
        <AppForm className="stack card">
          <SelectField
            name="org"
            label={t("contestApply.org")}
            state={state}
            required
            defaultValue={free.length === 1 ? free[0].value : ""}
            options={free.length === 1 ? free : [{ value: "", label: "—" }, ...free]}
          />
          <SelectField
            name="group"
            label={t("contestParticipants.group")}
            state={state}
            required
            options={[{ value: "", label: "—" }, ...groups]}
          />
          <button type="submit" className="primary">
            {t("contestApply.submit")}
          </button>
        </AppForm>
      )}
      {own.length > 0 && <h2>{t("contestApply.mine")}</h2>}
      {own.map((p) => (
        <section key={p.id} className="card">
          <h3>
            {p.orgName} · {p.groupName}
          </h3>
          <p>
            <strong>{t(`contestParticipants.status.${p.status}`)}</strong>
            {p.awaitingName && <> · {t("contestParticipants.awaiting", { org: p.awaitingName })}</>}
            {p.reason && <> · {t("contestParticipants.reason", { reason: p.reason })}</>}
          </p>
          <ApplicationHistory steps={steps.filter((s) => s.participantId === p.id)} />
        </section>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
