import type { MetaFunction } from "@remix-run/node";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageMeta } from "~/i18n/page-title";
import { useT } from "~/i18n/use-t";
import { orgOptions } from "~/domain/org-tree";
import {
  endParticipation,
  enrolParticipant,
  listParticipants,
  moveParticipant,
} from "~/models/contest-participant.server";
import { listOrgsWithin } from "~/models/org.server";
import { runAction } from "~/utils/action.server";
import { actorOf } from "~/utils/auth.server";
import { requireContest } from "~/utils/contest-access.server";
import { contestPaths } from "~/utils/contest-paths";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { idParam } from "~/utils/zod";
import { AppForm, ErrorSummary, SelectField, StatusMessage } from "~/components/form-fields";
import { ContestTrail } from "~/components/contest-nav";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestParticipants.title"), args.data?.competition.title]);

const DONE = ["enrol", "move", "withdraw", "disqualify"] as const;

/** The organizer's admins: participants by group, enrolment, moves, withdrawals, disqualifications (decision 026). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { competition: c, scheme } = await requireContest(
    request,
    context,
    params.competitionId,
    "competition:manage",
  );
  const participants = await listParticipants(context.db, c.id);
  const taken = new Set(
    participants.filter((p) => p.status !== "returned" && p.status !== "withdrawn").map((p) => p.orgId),
  );
  const orgs = (await listOrgsWithin(context.db, [c.org_path])).filter(
    (o) => o.path !== c.org_path && !taken.has(o.id),
  );
  const done = new URL(request.url).searchParams.get("done");
  return {
    competition: { id: c.id, title: c.title, stage: c.stage },
    groups: scheme.groups.map((g) => ({ id: g.id, name: g.name })),
    participants,
    orgChoices: orgOptions(orgs),
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as (typeof DONE)[number]) : null,
  };
}

const reason = z.string().trim().min(1, "contestParticipants.reasonRequired").max(500);
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("enrol"), org: idParam, group: idParam }),
  z.object({ intent: z.literal("move"), participant: idParam, group: idParam }),
  z.object({ intent: z.literal("withdraw"), participant: idParam, reason }),
  z.object({ intent: z.literal("disqualify"), participant: idParam, reason }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, competition: c } = await requireContest(
    request,
    context,
    params.competitionId,
    "competition:manage",
  );
  const form = await readForm(request, context);
  const parsed = parseForm(form, ActionSchema);
  if (!parsed.ok) {
    // A row's form has no field of the page's own: its refusal is said at the top.
    const rowForm = form.get("intent") !== "enrol";
    return rowForm
      ? formError({ errors: { _form: Object.values(parsed.errors)[0] }, values: {} })
      : formError(parsed);
  }
  const d = parsed.data;
  const actor = actorOf(user, context);
  const done = await runAction(context, form, async (trx) => {
    if (d.intent === "enrol") await enrolParticipant(trx, actor, c, { orgId: d.org, groupId: d.group });
    else if (d.intent === "move") await moveParticipant(trx, actor, c, d.participant, d.group);
    else
      await endParticipation(trx, actor, c, d.participant, {
        to: d.intent === "withdraw" ? "withdrawn" : "disqualified",
        reason: d.reason,
      });
    return true as const;
  });
  if (done !== true) return done;
  return redirect(`${contestPaths(c.id).participants}?done=${d.intent}`);
}

export default function ContestParticipants() {
  const t = useT();
  const { competition: c, groups, participants, orgChoices, done } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const paths = contestPaths(c.id);
  const groupOptions = groups.map((g) => ({ value: String(g.id), label: g.name }));
  return (
    <>
      <ContestTrail competition={c} />
      <h1>{t("contestParticipants.title")}</h1>
      {done && !state && <StatusMessage>{t(`contestParticipants.done.${done}`)}</StatusMessage>}
      <ErrorSummary state={state} />
      <p>
        <Link to={paths.participantsImport}>{t("contestParticipants.importLink")}</Link> ·{" "}
        <Link to={paths.applications}>{t("contestApplications.title")}</Link> ·{" "}
        <Link to={paths.targets}>{t("contestTargets.title")}</Link>
      </p>
      <h2>{t("contestParticipants.enrolTitle")}</h2>
      {orgChoices.length === 0 ? (
        <p className="hint">{t("contestParticipants.noneToEnrol")}</p>
      ) : (
        <AppForm className="stack card">
          <input type="hidden" name="intent" value="enrol" />
          <SelectField
            name="org"
            label={t("contestParticipants.org")}
            state={state}
            required
            options={[{ value: "", label: "—" }, ...orgChoices]}
          />
          <SelectField
            name="group"
            label={t("contestParticipants.group")}
            state={state}
            required
            options={[{ value: "", label: "—" }, ...groupOptions]}
          />
          <button type="submit" className="primary">
            {t("contestParticipants.enrol")}
          </button>
        </AppForm>
      )}
      {groups.map((g) => (
        <GroupTable
          key={g.id}
          group={g}
          rows={participants.filter((p) => p.groupId === g.id)}
          groupOptions={groupOptions}
        />
      ))}
    </>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["participants"][number];

function GroupTable({
  group,
  rows,
  groupOptions,
}: {
  group: { id: number; name: string };
  rows: Row[];
  groupOptions: { value: string; label: string }[];
}) {
  const t = useT();
  const caption = t("contestParticipants.groupTitle", { group: group.name, count: rows.length });
  return (
    <section>
      <h2>{caption}</h2>
      {rows.length === 0 ? (
        <p className="hint">{t("contestParticipants.emptyGroup")}</p>
      ) : (
        <TableRegion label={caption}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("contestParticipants.org")}</th>
                <th scope="col">{t("contestParticipants.status")}</th>
                <th scope="col">{t("contestParticipants.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.orgName}</th>
                  <td>
                    <strong>{t(`contestParticipants.status.${p.status}`)}</strong>
                    {p.awaitingName && <> · {t("contestParticipants.awaiting", { org: p.awaitingName })}</>}
                    {p.reason && <> · {t("contestParticipants.reason", { reason: p.reason })}</>}
                  </td>
                  <td>{p.status === "admitted" && <RowActions p={p} groupOptions={groupOptions} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

function RowActions({ p, groupOptions }: { p: Row; groupOptions: { value: string; label: string }[] }) {
  const t = useT();
  return (
    <div className="stack">
      <AppForm className="inline-form">
        <input type="hidden" name="participant" value={p.id} />
        <label htmlFor={`f-group-${p.id}`}>{t("contestParticipants.moveTo")}</label>{" "}
        <select id={`f-group-${p.id}`} name="group" defaultValue={String(p.groupId)}>
          {groupOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>{" "}
        <button type="submit" name="intent" value="move">
          {t("contestParticipants.move")}
        </button>
      </AppForm>
      <AppForm className="inline-form">
        <input type="hidden" name="participant" value={p.id} />
        <label htmlFor={`f-reason-${p.id}`}>{t("contestParticipants.reasonLabel")}</label>{" "}
        <input id={`f-reason-${p.id}`} name="reason" maxLength={500} required />{" "}
        <button type="submit" name="intent" value="withdraw">
          {t("contestParticipants.withdraw")}
        </button>{" "}
        <button type="submit" name="intent" value="disqualify">
          {t("contestParticipants.disqualify")}
        </button>
      </AppForm>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
