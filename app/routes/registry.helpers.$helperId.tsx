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
import { HONOR_LEVELS, OWNERSHIPS } from "~/domain/registry/vocabulary";
import { HelperRowSchema, type HelperRow } from "~/domain/registry/registry-rows";
import { registryAuditPath } from "~/models/county.server";
import { getHelper, mayManageHelper, revealHelperContact, saveHelper } from "~/models/helper.server";
import { listHelperPairings } from "~/models/pairing.server";
import { listProjectsOf } from "~/models/project.server";
import { ProjectList } from "~/components/project-list";
import { requireRegistryAdmin } from "~/utils/authorize.server";
import { actorOf } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { actionCacheControl, badRequest, notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary, SelectField, TextField } from "~/components/form-fields";
import { RegistryNav } from "~/components/registry-nav";
import { ErrorPage } from "~/components/error-page";
import registryStyles from "~/styles/registry.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [args.data?.helper.name, t("registry.nav.helpers"), t("registry.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryStyles }];

async function guard(request: Request, context: LoaderFunctionArgs["context"], raw: string | undefined) {
  const { user, scope } = await requireRegistryAdmin(request, context);
  const id = idParam.safeParse(raw);
  const helper = id.success ? await getHelper(context.db, id.data) : undefined;
  if (!helper || !mayManageHelper(scope, helper)) throw notFound();
  return { user, scope, helper };
}

/** A reveal answers no-store; the page and the data response carry it too (issue #14). */
export const headers = actionCacheControl;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { scope, helper } = await guard(request, context, params.helperId);
  return {
    helper,
    pairings: await listHelperPairings(context.db, helper.id),
    mayMatch: scope.all,
    projects: await listProjectsOf(context.db, { helperId: helper.id }),
  };
}

const EditSchema = HelperRowSchema.omit({ id: true, kind: true });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, helper } = await guard(request, context, params.helperId);
  const form = await readForm(request, context);
  const actor = actorOf(user, context);
  const intent = form.get("intent");
  if (intent === "reveal") {
    const contact = await context.db
      .transaction()
      .execute((trx) => revealHelperContact(trx, actor, context.secrets.dataKey, helper));
    return data({ revealed: contact }, { headers: { "Cache-Control": "no-store" } });
  }
  if (intent !== "edit") throw badRequest();
  const parsed = parseForm(form, EditSchema);
  if (!parsed.ok) return formError(parsed);
  if (helper.kind === "worker" && parsed.data.ownership)
    return formError({ errors: { ownership: { key: "registry.row.ownershipForUnit" } }, values: {} });
  const row = { ...parsed.data, id: helper.ref, kind: helper.kind } as HelperRow;
  return runAction(context, form, async (trx) => {
    const auditPath = await registryAuditPath(trx);
    await saveHelper(trx, actor, context.secrets.dataKey, row, helper.org_id, auditPath);
    return redirect(`/registry/helpers/${helper.id}`);
  });
}

export default function HelperPage() {
  const t = useT();
  const { helper, pairings, mayMatch, projects } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const state = result && "errors" in result ? result : undefined;
  const revealed = result && "revealed" in result ? result.revealed : undefined;
  const options = (values: readonly string[], prefix: "registry.honor" | "registry.ownership") => [
    { value: "", label: "—" },
    ...values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as `registry.honor.national`) })),
  ];
  return (
    <>
      <h1>
        {helper.name} <span className="muted">{helper.ref}</span>
      </h1>
      <RegistryNav mayMatch={mayMatch} />
      <p>
        {t(`registry.kind.${helper.kind}`)}
        {helper.nomination_id && <span className="badge">{t("registry.helper.fromHonor")}</span>}
        {helper.revoked_at && (
          <span className="status status-revoked">
            {t("registry.helper.revoked", { date: helper.revoked_at.slice(0, 10) })}
          </span>
        )}
      </p>
      <p>
        {t("registry.helper.contact")}: {helper.contact_masked ?? "—"}
      </p>
      {revealed && <p className="alert alert-ok">{t("registry.helper.revealed", { contact: revealed })}</p>}
      {helper.contact_masked && !revealed && (
        <AppForm className="inline-form">
          <input type="hidden" name="intent" value="reveal" />
          <button type="submit">{t("registry.helper.reveal")}</button>
        </AppForm>
      )}
      <h2>{t("registry.helper.pairings")}</h2>
      <ul>
        {pairings.map((p) => (
          <li key={p.id}>
            <Link to={`/registry/counties/${p.county_id}`}>
              {p.county_name} ({p.county_code})
            </Link>{" "}
            · {t(`registry.tier.${p.tier}`)}
          </li>
        ))}
      </ul>
      <h2>{t("projects.heading")}</h2>
      <ProjectList projects={projects} show="county" />
      <h2>{t("registry.helper.edit")}</h2>
      <ErrorSummary state={state} />
      <AppForm className="stack card">
        <input type="hidden" name="intent" value="edit" />
        <TextField
          name="name"
          label={t("registry.helper.name")}
          state={state}
          defaultValue={helper.name}
          required
          maxLength={100}
        />
        <TextField
          name="city"
          label={t("registry.helper.city")}
          state={state}
          defaultValue={helper.city}
          required
          maxLength={100}
        />
        <TextField
          name="skills"
          label={t("registry.helper.skills")}
          state={state}
          defaultValue={helper.skills}
          hint={t("registry.county.needsHint")}
          maxLength={500}
        />
        <TextField
          name="capacity"
          type="number"
          label={t("registry.helper.capacity")}
          state={state}
          defaultValue={String(helper.capacity)}
          required
        />
        <SelectField
          name="level"
          label={t("registry.helper.level")}
          state={state}
          defaultValue={helper.level ?? ""}
          options={options(HONOR_LEVELS, "registry.honor")}
        />
        <TextField
          name="title"
          label={t("registry.helper.title")}
          state={state}
          defaultValue={helper.title}
          maxLength={100}
        />
        <TextField
          name="year"
          label={t("registry.helper.year")}
          state={state}
          defaultValue={helper.year === null ? "" : String(helper.year)}
          maxLength={4}
        />
        {helper.kind === "unit" && (
          <SelectField
            name="ownership"
            label={t("registry.helper.ownership")}
            state={state}
            defaultValue={helper.ownership ?? ""}
            options={options(OWNERSHIPS, "registry.ownership")}
          />
        )}
        {helper.kind === "unit" || <input type="hidden" name="ownership" value="" />}
        <TextField
          name="workplace"
          label={t("registry.helper.workplace")}
          state={state}
          defaultValue={helper.workplace}
          maxLength={100}
        />
        <TextField
          name="contact"
          label={t("registry.helper.contact")}
          state={state}
          hint={t("registry.helper.contactHint")}
          maxLength={100}
        />
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
      </AppForm>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
