import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { COUNT_FIELDS, parseActivity, type ActivityText } from "~/domain/activities/activity-input";
import { chinaToday } from "~/domain/notice/iso-date";
import { useT } from "~/i18n/use-t";
import { createActivity } from "~/models/activity.server";
import { listCountyChoices } from "~/models/project.server";
import { listTeamsInScope } from "~/models/team.server";
import { requireAidAdmin, requireTeam } from "~/utils/authorize.server";
import { actorOf } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { formError, readForm } from "~/utils/form.server";
import type { FieldErrors } from "~/utils/form-state";
import { AppForm, ErrorSummary, SelectField, TextField } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("aid.activity.new"), t("aid.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scopes } = await requireAidAdmin(request, context);
  const [teams, counties] = await Promise.all([
    listTeamsInScope(context.db, scopes),
    listCountyChoices(context.db),
  ]);
  return { teams: teams.map(({ id, name }) => ({ id, name })), counties, today: chinaToday() };
}

const TEXT_FIELDS = ["date", "county_code", "village", "kind", "funds_yuan", ...COUNT_FIELDS] as const;

/** One activity of a team the admin manages; the same checks as a sheet row. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAidAdmin(request, context);
  const form = await readForm(request, context);
  const values = Object.fromEntries([...TEXT_FIELDS, "teamId"].map((f) => [f, String(form.get(f) ?? "")]));
  const teamId = values.teamId.trim();
  if (!teamId) return formError({ errors: { teamId: { key: "form.required" } }, values });
  const team = await requireTeam(context, user, teamId);
  const parsed = parseActivity({ ...(values as unknown as ActivityText), team: team.name }, chinaToday());
  if (!parsed.ok) {
    const errors: FieldErrors = {};
    for (const i of parsed.issues) errors[i.field] ??= { key: i.messageKey, params: i.params };
    return formError({ errors, values });
  }
  const county = await context.db
    .selectFrom("counties")
    .select("id")
    .where("code", "=", parsed.value.countyCode)
    .executeTakeFirst();
  if (!county)
    return formError({
      errors: {
        county_code: { key: "activities.county.unknown", params: { code: parsed.value.countyCode } },
      },
      values,
    });
  const { team: _t, countyCode: _c, org: _o, ...rest } = parsed.value;
  return runAction(context, form, async (trx) => {
    await createActivity(trx, actorOf(user, context), team, {
      ...rest,
      teamId: team.id,
      countyId: county.id,
    });
    return redirect("/aid");
  });
}

export default function NewActivity() {
  const t = useT();
  const { teams, counties, today } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to="/aid">{t("aid.title")}</Link>
      </p>
      <h1>{t("aid.activity.new")}</h1>
      <ErrorSummary
        state={state}
        labels={{
          date: t("aid.activity.date"),
          village: t("aid.activity.village"),
          kind: t("aid.activity.kind"),
          funds_yuan: t("stats.col.funds_yuan"),
          teamId: t("aid.activity.team"),
          county_code: t("aid.activity.county"),
        }}
      />
      <AppForm className="card stack">
        <SelectField
          name="teamId"
          label={t("aid.activity.team")}
          state={state}
          required
          options={[{ value: "", label: "—" }, ...teams.map((x) => ({ value: String(x.id), label: x.name }))]}
        />
        <TextField
          name="date"
          type="date"
          label={t("aid.activity.date")}
          state={state}
          required
          defaultValue={today}
        />
        <SelectField
          name="county_code"
          label={t("aid.activity.county")}
          state={state}
          required
          options={[
            { value: "", label: "—" },
            ...counties.map((c) => ({ value: c.code, label: `${c.city} · ${c.name} (${c.code})` })),
          ]}
        />
        <TextField name="village" label={t("aid.activity.village")} state={state} required maxLength={100} />
        <TextField
          name="kind"
          label={t("aid.activity.kind")}
          state={state}
          required
          maxLength={100}
          hint={t("aid.activity.kindHint")}
        />
        <TextField
          name="funds_yuan"
          label={t("stats.col.funds_yuan")}
          state={state}
          hint={t("aid.activity.fundsHint")}
          defaultValue="0"
        />
        {COUNT_FIELDS.map((f) => (
          <TextField
            key={f}
            name={f}
            label={t(`stats.col.${f}`)}
            state={state}
            defaultValue={f === "person_times" ? "1" : "0"}
          />
        ))}
        <button type="submit" className="primary">
          {t("aid.activity.save")}
        </button>
      </AppForm>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
