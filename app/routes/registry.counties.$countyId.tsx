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
import { PAIRING_TIERS, POVERTY_LEVELS } from "~/domain/registry/vocabulary";
import { countyCoverage } from "~/domain/registry/coverage";
import { CountyRowSchema, type CountyRow } from "~/domain/registry/registry-rows";
import { countyInScope, helperInScope } from "~/domain/registry/registry-scope";
import { getCounty, registryAuditPath, saveCounty } from "~/models/county.server";
import { getHelperByRef } from "~/models/helper.server";
import { createPairing, deletePairing, listCountyPairings } from "~/models/pairing.server";
import { listProjectsOf } from "~/models/project.server";
import { ProjectList } from "~/components/project-list";
import { requireRegistryAdmin } from "~/utils/authorize.server";
import { actorOf } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { badRequest, notFound } from "~/utils/http.server";
import { idParam, isoDate } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary, SelectField, TextField } from "~/components/form-fields";
import { CoverageState, RegistryNav } from "~/components/registry-nav";
import { ErrorPage } from "~/components/error-page";
import { ListTable } from "~/components/registry-list";
import registryStyles from "~/styles/registry.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [args.data?.county.name, t("registry.nav.counties"), t("registry.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryStyles }];

async function guard(request: Request, context: LoaderFunctionArgs["context"], raw: string | undefined) {
  const { user, scope } = await requireRegistryAdmin(request, context);
  const id = idParam.safeParse(raw);
  const county = id.success ? await getCounty(context.db, id.data) : undefined;
  if (!county || !countyInScope(scope, county)) throw notFound();
  return { user, scope, county };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { scope, county } = await guard(request, context, params.countyId);
  const pairings = await listCountyPairings(context.db, county.id);
  const live = pairings.filter((p) => !p.helper_revoked_at);
  const counts = {
    units: live.filter((p) => p.helper_kind === "unit").length,
    workers: live.filter((p) => p.helper_kind === "worker").length,
  };
  const projects = await listProjectsOf(context.db, { countyId: county.id });
  return { county, pairings, coverage: countyCoverage(county, counts), mayMatch: scope.all, projects };
}

const EditSchema = CountyRowSchema.omit({ code: true });
const AddSchema = z.object({
  helper_ref: z.string().trim().min(1, "form.required").max(50),
  tier: z.enum(PAIRING_TIERS),
  started_on: z.union([z.literal(""), isoDate]).transform((v) => v || null),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope, county } = await guard(request, context, params.countyId);
  const form = await readForm(request, context);
  const actor = actorOf(user, context);
  const auditPath = await registryAuditPath(context.db);
  const intent = form.get("intent");
  return runAction(context, form, async (trx) => {
    if (intent === "edit") {
      const parsed = parseForm(form, EditSchema);
      if (!parsed.ok) return formError(parsed);
      const row = { ...parsed.data, code: county.code } as CountyRow;
      await saveCounty(trx, actor, row, auditPath);
    } else if (intent === "add") {
      const parsed = parseForm(form, AddSchema);
      if (!parsed.ok) return formError(parsed);
      const helper = await getHelperByRef(trx, parsed.data.helper_ref);
      if (!helper || !helperInScope(scope, helper.org_path)) {
        return formError({
          errors: {
            helper_ref: { key: "registry.pairing.unknownHelper", params: { id: parsed.data.helper_ref } },
          },
          values: { helper_ref: parsed.data.helper_ref },
        });
      }
      const p = {
        helper,
        county,
        tier: parsed.data.tier,
        startedOn: parsed.data.started_on,
        source: "form" as const,
      };
      await createPairing(trx, actor, p, auditPath);
    } else if (intent === "remove") {
      const pairingId = idParam.safeParse(form.get("pairing"));
      const pairing = pairingId.success
        ? (await listCountyPairings(trx, county.id)).find((p) => p.id === pairingId.data)
        : undefined;
      if (!pairing) throw notFound();
      await deletePairing(trx, actor, county, pairing, auditPath);
    } else throw badRequest();
    return redirect(`/registry/counties/${county.id}`);
  });
}

export default function CountyPage() {
  const t = useT();
  const { county, pairings, coverage, mayMatch, projects } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>
        {county.name} <span className="muted">{county.code}</span>
      </h1>
      <RegistryNav mayMatch={mayMatch} />
      <ErrorSummary state={state} />
      <dl className="card">
        <dt>{t("registry.city")}</dt>
        <dd>{county.city}</dd>
        <dt>{t("registry.county.level")}</dt>
        <dd>{t(`registry.level.${county.poverty_level}`)}</dd>
        <dt>{t("registry.county.exitedYear")}</dt>
        <dd>{county.exited_year ?? "—"}</dd>
        <dt>{t("registry.county.needs")}</dt>
        <dd>{county.needs.split(";").join("、") || "—"}</dd>
        <dt>{t("registry.county.state")}</dt>
        <dd>
          <CoverageState
            covered={coverage.covered}
            short={coverage.short}
            closerKind={coverage.closer_kind}
          />
        </dd>
      </dl>
      <h2>{t("registry.nav.pairings")}</h2>
      <ListTable
        label={t("registry.nav.pairings")}
        empty={pairings.length === 0 && t("registry.county.noPairings")}
        head={[
          t("registry.helper.ref"),
          t("registry.helper.name"),
          t("registry.helper.kind"),
          t("registry.helper.city"),
          t("registry.tier"),
          t("registry.startedOn"),
          t("common.actions"),
        ]}
      >
        {pairings.map((p) => (
          <tr key={p.id}>
            <td>{p.helper_ref}</td>
            <td>
              <Link to={`/registry/helpers/${p.helper_id}`}>{p.helper_name}</Link>
              {p.helper_revoked_at && (
                <span className="status status-revoked">
                  {t("registry.helper.revoked", { date: p.helper_revoked_at.slice(0, 10) })}
                </span>
              )}
            </td>
            <td>{t(`registry.kind.${p.helper_kind}`)}</td>
            <td>{p.helper_city}</td>
            <td>{t(`registry.tier.${p.tier}`)}</td>
            <td>{p.started_on ?? "—"}</td>
            <td>
              <AppForm className="inline-form">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="pairing" value={p.id} />
                <button type="submit">{t("registry.pairing.remove")}</button>
              </AppForm>
            </td>
          </tr>
        ))}
      </ListTable>
      <h3>{t("registry.county.addPairing")}</h3>
      <AppForm className="inline-form card">
        <input type="hidden" name="intent" value="add" />
        <TextField
          name="helper_ref"
          label={t("registry.county.helperRef")}
          state={state}
          required
          maxLength={50}
        />
        <SelectField
          name="tier"
          label={t("registry.tier")}
          state={state}
          options={PAIRING_TIERS.map((v) => ({ value: v, label: t(`registry.tier.${v}`) }))}
        />
        <TextField name="started_on" type="date" label={t("registry.startedOn")} state={state} />
        <button type="submit" className="primary">
          {t("registry.county.addPairing")}
        </button>
      </AppForm>
      {/* Aid projects: the activities area renders this county's project list here. */}
      <section id="projects">
        <h2>{t("registry.county.projects")}</h2>
        <ProjectList projects={projects} show="helper" />
      </section>
      <h2>{t("registry.county.edit")}</h2>
      <AppForm className="stack card">
        <input type="hidden" name="intent" value="edit" />
        <TextField
          name="name"
          label={t("registry.county.name")}
          state={state}
          defaultValue={county.name}
          required
          maxLength={100}
        />
        <TextField
          name="city"
          label={t("registry.city")}
          state={state}
          defaultValue={county.city}
          required
          maxLength={100}
        />
        <SelectField
          name="poverty_level"
          label={t("registry.county.level")}
          state={state}
          defaultValue={county.poverty_level}
          options={POVERTY_LEVELS.map((v) => ({ value: v, label: t(`registry.level.${v}`) }))}
        />
        <TextField
          name="exited_year"
          label={t("registry.county.exitedYear")}
          state={state}
          defaultValue={county.exited_year === null ? "" : String(county.exited_year)}
          maxLength={4}
        />
        <TextField
          name="needs"
          label={t("registry.county.needs")}
          state={state}
          defaultValue={county.needs}
          hint={t("registry.county.needsHint")}
          maxLength={500}
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
