import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import {
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseNomination } from "~/domain/nominations/nomination-schema";
import { listCategories } from "~/models/competition.server";
import { createNomination, transitionNomination } from "~/models/nomination.server";
import {
  addNominationFiles,
  formValues,
  issuesToErrors,
  readNominationForm,
  vetUploads,
} from "~/models/nomination-files.server";
import { nominatingOrgsOf, placesOf, type NominatingOrg } from "~/models/nomination-query.server";
import { canFileNominations } from "~/domain/nominations/stage-windows";
import { actorOf, requireUser } from "~/utils/auth.server";
import { authorize, findCompetition, requireNominatingOrg } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError } from "~/utils/form.server";
import { errorResponse, notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { NominationFields, nominationLabels } from "~/components/nomination-form";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [
    args.data?.category
      ? t("nominations.new.titleIn", { category: args.data.category.name })
      : t("nominations.new.title"),
    args.data?.competition.title,
  ]);

/** A nominator of an org inside the organizer's subtree, while nominations are open. */
async function guard(request: Request, context: AppLoadContext, rawCompetitionId: string | undefined) {
  const user = await requireUser(request, context);
  const c = await findCompetition(context, rawCompetitionId);
  const nominating = nominatingOrgsOf(user, c);
  authorize(user, "nomination:create", { organizerPath: c.org_path, orgPath: nominating[0]?.path ?? null });
  if (!canFileNominations(c.stage)) throw errorResponse(403, "nominations.closed");
  return { user, c, nominating };
}

const blankIsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);
const Target = z.object({
  category: z.preprocess(blankIsAbsent, idParam.optional()),
  org: z.preprocess(blankIsAbsent, idParam.optional()),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, c, nominating } = await guard(request, context, params.competitionId);
  const q = Target.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw notFound();
  const org = q.data.org ? requireNominatingOrg(user, c, q.data.org) : nominating[0];
  const places = await placesOf(context.db, c.id, org.id);
  const category = q.data.category ? places.find((p) => p.categoryId === q.data.category) : undefined;
  if (q.data.category && !category) throw notFound();
  return {
    competition: { id: c.id, title: c.title },
    org: { id: org.id, name: org.name },
    nominating: nominating.map(({ id, name }) => ({ id, name })),
    places,
    category: category ?? null,
  };
}

const Intent = z.object({ category: idParam, org: idParam, intent: z.enum(["draft", "submit"]) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, c } = await guard(request, context, params.competitionId);
  const { form, uploads } = await readNominationForm(request, context);
  const values = formValues(form);
  const target = Intent.safeParse(values);
  if (!target.success) {
    const field = String(target.error.issues[0].path[0]);
    return formError({
      errors: { [field]: { key: values[field] ? "form.invalidChoice" : "form.required" } },
      values,
    });
  }
  const org = requireNominatingOrg(user, c, target.data.org);
  const category = (await listCategories(context.db, c.id)).find((cat) => cat.id === target.data.category);
  if (!category) return formError({ errors: { category: { key: "form.invalidChoice" } }, values });
  const parsed = parseNomination({ ...values, kind: category.kind });
  if (!parsed.ok) return formError({ errors: issuesToErrors(parsed.issues), values });
  const files = vetUploads(uploads);
  if (!files.ok) return formError({ errors: { files: files.error }, values }, files.status);
  const actor = actorOf(user, context);
  return runAction(context, form, async (trx) => {
    const created = await createNomination(
      trx,
      actor,
      context.secrets.dataKey,
      {
        competitionId: c.id,
        competitionYear: c.year,
        categoryId: category.id,
        categoryKind: category.kind,
        org,
      },
      parsed.value,
    );
    await addNominationFiles(trx, actor, { id: created.id, org_path: org.path }, files.files);
    if (target.data.intent === "submit")
      await transitionNomination(
        trx,
        actor,
        { id: created.id, status: "draft", org_path: org.path },
        "submitted",
        "nominator",
      );
    return redirect(
      `/nominations/${created.id}?done=${target.data.intent === "submit" ? "submitted" : "saved"}`,
    );
  });
}

export default function NewNomination() {
  const t = useT();
  const { competition: c, org, nominating, places, category } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}/nominations?org=${org.id}`}>{c.title}</Link> · {org.name}
      </p>
      <h1>
        {category ? t("nominations.new.titleIn", { category: category.name }) : t("nominations.new.title")}
      </h1>
      {!category ? (
        <ChooseCategory org={org} nominating={nominating} places={places} />
      ) : category.used >= category.places ? (
        <p className="alert alert-error">{t("nomination.noPlaces", { places: category.places })}</p>
      ) : (
        <>
          <p>{t("nominations.places.usedOf", { used: category.used, places: category.places })}</p>
          <ErrorSummary state={state} labels={nominationLabels(t, category.kind)} />
          <AppForm encType="multipart/form-data">
            <input type="hidden" name="category" value={category.categoryId} />
            <input type="hidden" name="org" value={org.id} />
            <NominationFields kind={category.kind} defaults={{}} state={state} />
            <p className="hint">{t("nominations.submitHint")}</p>
            <div className="actions">
              <button type="submit" name="intent" value="submit" className="primary">
                {t("nominations.step.submit")}
              </button>
              <button type="submit" name="intent" value="draft" className="secondary">
                {t("nominations.saveDraft")}
              </button>
            </div>
          </AppForm>
        </>
      )}
    </>
  );
}

function ChooseCategory({
  org,
  nominating,
  places,
}: {
  org: Pick<NominatingOrg, "id" | "name">;
  nominating: Pick<NominatingOrg, "id" | "name">[];
  places: Awaited<ReturnType<typeof placesOf>>;
}) {
  const t = useT();
  return (
    <>
      {nominating.length > 1 && (
        <p className="actions">
          {nominating.map((o) =>
            o.id === org.id ? (
              <strong key={o.id}>{o.name}</strong>
            ) : (
              <Link key={o.id} to={`?org=${o.id}`}>
                {o.name}
              </Link>
            ),
          )}
        </p>
      )}
      <ul>
        {places.map((p) => (
          <li key={p.categoryId}>
            {p.used < p.places ? (
              <Link to={`?category=${p.categoryId}&org=${org.id}`}>{p.name}</Link>
            ) : (
              p.name
            )}{" "}
            <span className="muted">
              ({t(`nominationKind.${p.kind}`)} ·{" "}
              {t("nominations.places.usedOf", { used: p.used, places: p.places })})
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
