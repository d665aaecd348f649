import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { NOMINATION_STATUSES } from "~/domain/nominations/vocabulary";
import { listCategories } from "~/models/competition.server";
import {
  countNominations,
  listAllocatedOrgs,
  listNominations,
  nominatingOrgsOf,
  placesOf,
} from "~/models/nomination-query.server";
import { canFileNominations } from "~/domain/nominations/stage-windows";
import { requireUser } from "~/utils/auth.server";
import { allows, authorize, findCompetition, requireNominatingOrg } from "~/utils/authorize.server";
import { badRequest } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { useT } from "~/i18n/use-t";
import { ErrorPage } from "~/components/error-page";
import { NominationCounts, NominationFilters, NominationTable } from "~/components/nomination-list";
import { TableRegion } from "~/components/table-region";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("nominations.list.title"), args.data?.competition.title]);

const blankIsAbsent = (v: unknown) => (v === "" ? undefined : v);
const ListQuery = z.object({
  org: z.preprocess(blankIsAbsent, idParam.optional()),
  category: z.preprocess(blankIsAbsent, idParam.optional()),
  status: z.preprocess(blankIsAbsent, z.enum(NOMINATION_STATUSES).optional()),
});

/**
 * Admins of the organizer see every nomination with filters and counts. A nominator sees its
 * org's (and the orgs' below it), with the places used per category; one nominating for several
 * orgs picks one with ?org=. Anyone else: 403.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await findCompetition(context, params.competitionId);
  authorize(user, "nomination:list", { organizerPath: c.org_path });
  const admin = allows(user, "competition:manage", { orgPath: c.org_path });
  const nominating = nominatingOrgsOf(user, c);
  const q = ListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw badRequest();
  const { org, category, status } = q.data;
  const categories = (await listCategories(context.db, c.id)).map(({ id, name, kind }) => ({
    id,
    name,
    kind,
  }));
  if (category && !categories.some((cat) => cat.id === category)) throw badRequest();

  let own = null;
  if (nominating.length > 0) {
    // Admins see every org; a nominator only one of theirs.
    const selected =
      org && !admin
        ? requireNominatingOrg(user, c, org)
        : (nominating.find((o) => o.id === org) ?? nominating[0]);
    const places = await placesOf(context.db, c.id, selected.id);
    const open = canFileNominations(c.stage);
    own = {
      org: selected,
      places: places.map((p) => ({ ...p, canAdd: open && p.used < p.places })),
      rows: admin
        ? []
        : await listNominations(context.db, {
            competitionId: c.id,
            within: selected.path,
            categoryId: category,
            status,
          }),
    };
  }
  const all = admin
    ? {
        rows: await listNominations(context.db, {
          competitionId: c.id,
          categoryId: category,
          orgId: org,
          status,
        }),
        counts: await countNominations(context.db, { competitionId: c.id, categoryId: category }),
        orgs: await listAllocatedOrgs(context.db, c.id),
      }
    : null;
  return {
    competition: { id: c.id, title: c.title, stage: c.stage, org_name: c.org_name },
    categories,
    nominating: nominating.map(({ id, name }) => ({ id, name })),
    own,
    all,
    filter: { org, category, status },
  };
}

export default function NominationsList() {
  const t = useT();
  const { competition: c, categories, nominating, own, all, filter } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const withParam = (param: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(param, value);
    return `?${next}`;
  };
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}`}>{c.title}</Link> · {t(`stage.${c.stage}`)}
      </p>
      <h1>{t("nominations.list.title")}</h1>
      {c.stage === "nominating" && (
        <p className="actions">
          <Link to={`/competitions/${c.id}/nominations/import`}>{t("import.upload.link")}</Link>
        </p>
      )}
      {own && (
        <section aria-labelledby="own-places">
          <h2 id="own-places">{t("nominations.places.title", { org: own.org.name })}</h2>
          {nominating.length > 1 && (
            <p className="actions">
              {nominating.map((o) =>
                o.id === own.org.id ? (
                  <strong key={o.id}>{o.name}</strong>
                ) : (
                  <Link key={o.id} to={`?org=${o.id}`}>
                    {o.name}
                  </Link>
                ),
              )}
            </p>
          )}
          <TableRegion label={t("nominations.places.title", { org: own.org.name })}>
            <table>
              <thead>
                <tr>
                  <th>{t("nominations.field.category")}</th>
                  <th>{t("nominations.places.used")}</th>
                  <th>{t("nominations.places.available")}</th>
                  <th>{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {own.places.map((p) => (
                  <tr key={p.categoryId}>
                    <td>
                      {p.name} <span className="muted">({t(`nominationKind.${p.kind}`)})</span>
                    </td>
                    <td>{t("nominations.places.usedOf", { used: p.used, places: p.places })}</td>
                    <td>{Math.max(0, p.places - p.used)}</td>
                    <td>
                      {p.canAdd ? (
                        <Link
                          className="button"
                          to={`/competitions/${c.id}/nominations/new?category=${p.categoryId}&org=${own.org.id}`}
                        >
                          {t("nominations.new")}
                        </Link>
                      ) : (
                        <span className="muted">
                          {c.stage !== "nominating"
                            ? t("nominations.closed.short")
                            : p.places === 0
                              ? t("nominations.places.notAllotted")
                              : t("nominations.places.none")}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      )}
      {all ? (
        <section aria-labelledby="all-nominations">
          <h2 id="all-nominations">{t("nominations.list.all")}</h2>
          <NominationCounts byOrg={all.counts.byOrg} byStatus={all.counts.byStatus} link={withParam} />
          <NominationFilters categories={categories} orgs={all.orgs} current={filter} />
          <p className="actions">
            {c.stage === "reviewing" && (
              <Link to={`/competitions/${c.id}/nominations/review`}>{t("review.bulk.link")}</Link>
            )}
            <a href={`/competitions/${c.id}/nominations/export${exportQuery(search, "csv")}`}>
              {t("review.export.csv")}
            </a>
            <a href={`/competitions/${c.id}/nominations/export${exportQuery(search, "xlsx")}`}>
              {t("review.export.xlsx")}
            </a>
          </p>
          <NominationTable rows={all.rows} />
        </section>
      ) : (
        own && (
          <section aria-labelledby="own-nominations">
            <h2 id="own-nominations">{t("nominations.list.own")}</h2>
            <NominationFilters categories={categories} current={filter} keep={{ org: String(own.org.id) }} />
            <NominationTable rows={own.rows} />
          </section>
        )
      )}
    </>
  );
}

function exportQuery(search: URLSearchParams, format: "csv" | "xlsx") {
  const q = new URLSearchParams();
  for (const key of ["category", "org", "status"]) {
    const v = search.get(key);
    if (v) q.set(key, v);
  }
  q.set("format", format);
  return `?${q}`;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
