import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useT } from "~/i18n/use-t";
import { addMember, listMembers, removeMember } from "~/models/team.server";
import { requireAidAdmin, requireTeam } from "~/utils/authorize.server";
import { actorOf } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { idParam, optionalText, text } from "~/utils/zod";
import { AppForm, ErrorSummary, TextField } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [args.data?.team.name, t("aid.title")]);

/** A team and its members, for the admins of its organizing org. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAidAdmin(request, context);
  const team = await requireTeam(context, user, params.teamId);
  return {
    team: { id: team.id, name: team.name, org: team.org_name },
    members: await listMembers(context.db, team.id),
  };
}

const AddSchema = z.object({
  intent: z.literal("add"),
  name: text(50),
  workplace: optionalText(100),
  skills: optionalText(200),
});
const RemoveSchema = z.object({ intent: z.literal("remove"), memberId: idParam });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireAidAdmin(request, context);
  const team = await requireTeam(context, user, params.teamId);
  const form = await readForm(request, context);
  const actor = actorOf(user, context);
  return runAction(context, form, async (trx) => {
    if (form.get("intent") === "remove") {
      const parsed = parseForm(form, RemoveSchema);
      if (!parsed.ok) return formError(parsed);
      await removeMember(trx, actor, team, parsed.data.memberId);
    } else {
      const parsed = parseForm(form, AddSchema);
      if (!parsed.ok) return formError(parsed);
      const { name, workplace, skills } = parsed.data;
      await addMember(trx, actor, team, { name, workplace: workplace ?? "", skills: skills ?? "" });
    }
    return redirect(`/aid/teams/${team.id}`);
  });
}

export default function TeamPage() {
  const t = useT();
  const { team, members } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to="/aid">{t("aid.title")}</Link>
      </p>
      <h1>{team.name}</h1>
      <p>
        {t("aid.team.org")}: {team.org ?? "—"}
      </p>
      <ErrorSummary
        state={state}
        labels={{
          name: t("aid.member.name"),
          workplace: t("aid.member.workplace"),
          skills: t("aid.member.skills"),
        }}
      />
      <h2>{t("aid.team.members")}</h2>
      {members.length === 0 ? (
        <p>{t("aid.member.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("aid.member.name")}</th>
              <th>{t("aid.member.workplace")}</th>
              <th>{t("aid.member.skills")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.workplace}</td>
                <td>{m.skills}</td>
                <td>
                  <AppForm className="inline-form">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="memberId" value={m.id} />
                    <button type="submit">{t("aid.member.remove")}</button>
                  </AppForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t("aid.member.add")}</h3>
      <AppForm className="card stack">
        <input type="hidden" name="intent" value="add" />
        <TextField name="name" label={t("aid.member.name")} state={state} required maxLength={50} />
        <TextField name="workplace" label={t("aid.member.workplace")} state={state} maxLength={100} />
        <TextField name="skills" label={t("aid.member.skills")} state={state} maxLength={200} />
        <button type="submit" className="primary">
          {t("aid.member.add")}
        </button>
      </AppForm>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
