import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Amount } from "~/components/amount";
import { useLocale, useT } from "~/i18n/use-t";
import { deleteActivity, listRecentActivities } from "~/models/activity.server";
import { getOrg, listOrgsWithin } from "~/models/org.server";
import { createTeam, listTeamsInScope } from "~/models/team.server";
import { requireAidAdmin } from "~/utils/authorize.server";
import { actorOf } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { idParam, text } from "~/utils/zod";
import { isWithin } from "~/domain/org-tree";
import { AppForm, ErrorSummary, SelectField, TextField } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";
import { orgOptions } from "~/domain/org-tree";
import statsHref from "~/styles/stats.css";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("aid.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: statsHref }];

/** The aid admin's desk: teams of the admin's subtrees, a new team, the latest activities. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scopes } = await requireAidAdmin(request, context);
  const [teams, activities, orgs] = await Promise.all([
    listTeamsInScope(context.db, scopes),
    listRecentActivities(context.db, scopes),
    listOrgsWithin(context.db, scopes),
  ]);
  return { teams, activities, orgs: orgs.map(({ id, name, path }) => ({ id, name, path })) };
}

const TeamSchema = z.object({ intent: z.literal("team"), name: text(100), orgId: idParam });
const DeleteSchema = z.object({ intent: z.literal("delete"), activityId: idParam });

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, scopes } = await requireAidAdmin(request, context);
  const form = await readForm(request, context);
  const actor = actorOf(user, context);
  // The activity named by the form not there, or another org's: the page's own 404 or 403 (runAction).
  return runAction(context, form, async (trx) => {
    if (form.get("intent") === "delete") {
      const parsed = parseForm(form, DeleteSchema);
      if (!parsed.ok) return formError(parsed);
      await deleteActivity(trx, actor, scopes, parsed.data.activityId);
      return redirect("/aid");
    }
    const parsed = parseForm(form, TeamSchema);
    if (!parsed.ok) return formError(parsed);
    const org = await getOrg(trx, parsed.data.orgId);
    if (!org || !scopes.some((s) => isWithin(org.path, s)))
      return formError({ errors: { orgId: { key: "error.orgOutsideScope" } }, values: {} });
    const team = await createTeam(trx, actor, parsed.data.name, org);
    return redirect(`/aid/teams/${team.id}`);
  });
}

function Teams() {
  const t = useT();
  const { teams } = useLoaderData<typeof loader>();
  if (teams.length === 0) return <p>{t("aid.teams.none")}</p>;
  return (
    <TableRegion label={t("aid.teams")}>
      <table className="stats-table">
        <thead>
          <tr>
            <th>{t("aid.team.name")}</th>
            <th>{t("aid.team.org")}</th>
            <th className="num">{t("aid.team.members")}</th>
            <th className="num">{t("aid.team.activities")}</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id}>
              <td>
                <Link to={`/aid/teams/${team.id}`}>{team.name}</Link>
              </td>
              <td>{team.org_name ?? "—"}</td>
              <td className="num">{team.members}</td>
              <td className="num">{team.activities}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function Activities() {
  const t = useT();
  const locale = useLocale();
  const { activities } = useLoaderData<typeof loader>();
  if (activities.length === 0) return <p>{t("aid.activity.none")}</p>;
  return (
    <TableRegion label={t("aid.activity.recent")}>
      <table className="stats-table">
        <thead>
          <tr>
            <th>{t("aid.activity.date")}</th>
            <th>{t("aid.activity.team")}</th>
            <th>{t("aid.activity.county")}</th>
            <th>{t("aid.activity.village")}</th>
            <th>{t("aid.activity.kind")}</th>
            <th className="num">{t("stats.col.person_times")}</th>
            <th className="num">{t("stats.col.funds")}</th>
            <th className="num">{t("stats.col.people_lifted")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {activities.map((a) => (
            <tr key={a.id}>
              <td>{a.held_on}</td>
              <td>{a.team}</td>
              <td>{a.county}</td>
              <td>{a.village}</td>
              <td>{a.kind}</td>
              <td className="num">{a.person_times}</td>
              <td className="num">
                <Amount fen={a.funds_fen} locale={locale} />
              </td>
              <td className="num">{a.people_lifted}</td>
              <td>
                <AppForm className="inline-form">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="activityId" value={a.id} />
                  <button type="submit">{t("aid.activity.delete")}</button>
                </AppForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export default function AidDesk() {
  const t = useT();
  const { orgs } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>{t("aid.title")}</h1>
      <p className="actions">
        <Link to="/aid/activities/new">{t("aid.activity.new")}</Link>
        <Link to="/aid/upload">{t("aid.upload.title")}</Link>
        <Link to="/aid/projects">{t("aid.projects")}</Link>
        <Link to="/stats">{t("nav.stats")}</Link>
      </p>
      <ErrorSummary
        state={state}
        labels={{
          name: t("aid.team.name"),
          orgId: t("aid.team.org"),
        }}
      />
      <h2>{t("aid.teams")}</h2>
      <Teams />
      <h3>{t("aid.team.new")}</h3>
      <AppForm className="card stack">
        <input type="hidden" name="intent" value="team" />
        <TextField name="name" label={t("aid.team.name")} state={state} required maxLength={100} />
        <SelectField
          name="orgId"
          label={t("aid.team.org")}
          state={state}
          required
          options={orgOptions(orgs)}
        />
        <button type="submit" className="primary">
          {t("aid.team.create")}
        </button>
      </AppForm>
      <h2>{t("aid.activity.recent")}</h2>
      <Activities />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
