import type { MetaFunction } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/i18n/page-title";
import { contestLoose, hasVerifiedReport } from "~/models/contest.server";
import { loadScheme } from "~/models/contest-data.server";
import { requireUser } from "~/utils/auth.server";
import { allows, requireCompetition } from "~/utils/authorize.server";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import { ErrorPage } from "~/components/error-page";
import { StatusMessage } from "~/components/form-fields";
import { TableRegion } from "~/components/table-region";
import { ContestLooseEnds } from "~/components/contest-loose-ends";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestSetup.hub"), args.data?.competition.title]);

/** The contest's hub (docs/domain.md#contest): its scheme, its stage, and the way to every contest page. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:read");
  const isAdmin = allows(user, "competition:manage", { orgPath: c.org_path });
  const scheme = await loadScheme(context.db, c.id);
  return {
    competition: c,
    scheme,
    isAdmin,
    editable:
      isAdmin && ["draft", "running"].includes(c.stage) && !(await hasVerifiedReport(context.db, c.id)),
    loose: isAdmin && scheme && c.stage === "running" ? await contestLoose(context.db, c.id) : null,
    saved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

const PAGES = [
  ["participants", true],
  ["apply", false],
  ["applications", false],
  ["targets", true],
  ["reports", false],
  ["standings", false],
  ["board", true],
] as const;

export default function ContestHub() {
  const t = useT();
  const { competition: c, scheme, isAdmin, editable, loose, saved } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}`}>{c.title}</Link>
      </p>
      <h1>
        {t("contestSetup.hub")} · {c.title}
      </h1>
      {saved && <StatusMessage>{t("contestSetup.saved")}</StatusMessage>}
      <p>{t("contestSetup.stage", { stage: t(`stage.${c.stage}`) })}</p>
      {!scheme ? (
        <p className="muted">{t("contestSetup.none")}</p>
      ) : (
        <>
          {loose && <ContestLooseEnds loose={loose} />}
          <nav aria-label={t("contestSetup.pages")}>
            <ul className="actions">
              {PAGES.filter(([, adminOnly]) => isAdmin || !adminOnly).map(([page]) => (
                <li key={page}>
                  <Link to={`/competitions/${c.id}/contest/${page}`}>{t(`contestSetup.page.${page}`)}</Link>
                </li>
              ))}
            </ul>
          </nav>
          <SchemeSummary scheme={scheme} />
        </>
      )}
      {editable && (
        <p>
          <Link className="button primary" to={`/competitions/${c.id}/contest/setup`}>
            {t(scheme ? "contestSetup.edit" : "contestSetup.setUpLink")}
          </Link>
        </p>
      )}
      {isAdmin && scheme && !editable && <p className="muted">{t("contestSetup.lockedNote")}</p>}
    </>
  );
}

type Scheme = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["scheme"]>;

function SchemeSummary({ scheme }: { scheme: Scheme }) {
  const t = useT();
  const locale = useLocale();
  const dash = t("contestSetup.none.value");
  return (
    <>
      <h2>{t("contestSetup.groups")}</h2>
      <TableRegion label={t("contestSetup.groups")}>
        <table>
          <thead>
            <tr>
              <th>{t("contestSetup.groups")}</th>
              <th>{t("contestSetup.topN")}</th>
            </tr>
          </thead>
          <tbody>
            {scheme.groups.map((g) => (
              <tr key={g.id}>
                <td>{g.name}</td>
                <td>{g.topN ?? dash}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t("contestSetup.periods")}</h2>
      <TableRegion label={t("contestSetup.periods")}>
        <table>
          <thead>
            <tr>
              <th>{t("contestSetup.label")}</th>
              <th>
                {t("contestSetup.opens")} – {t("contestSetup.closes")}
              </th>
              <th>{t("contestSetup.covers")}</th>
            </tr>
          </thead>
          <tbody>
            {scheme.periods.map((p) => (
              <tr key={p.id}>
                <td>{p.label}</td>
                <td>
                  {formatDate(locale, p.opens)} – {formatDate(locale, p.closes)}
                </td>
                <td>
                  {p.coversFrom <= p.coversTo
                    ? `${formatDate(locale, p.coversFrom)} – ${formatDate(locale, p.coversTo)}`
                    : dash}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t("contestSetup.indicators")}</h2>
      <TableRegion label={t("contestSetup.indicators")}>
        <table>
          <thead>
            <tr>
              <th>{t("contestSetup.code")}</th>
              <th>{t("contestSetup.title")}</th>
              <th>{t("contestSetup.method")}</th>
              <th>{t("contestSetup.weight")}</th>
              <th>{t("contestSetup.points")}</th>
              <th>{t("contestSetup.unit")}</th>
              <th>{t("contestSetup.aggregation")}</th>
              <th>{t("contestSetup.measure")}</th>
              <th>{t("contestSetup.confidential")}</th>
            </tr>
          </thead>
          <tbody>
            {scheme.indicators.map((i) => (
              <tr key={i.id}>
                <td>
                  <code>{i.code}</code>
                </td>
                <td>{i.title}</td>
                <td>{t(`contest.method.${i.method}`)}</td>
                <td>{i.weight ?? dash}</td>
                <td>
                  {i.method === "target" && t("contestSetup.capIs", { cap: i.cap ?? 1 })}
                  {i.method === "rank" && i.direction && t(`contestSetup.direction.${i.direction}`)}
                  {(i.method === "bonus" || i.method === "deduction") &&
                    t("contestSetup.pointsAre", { perUnit: i.per_unit ?? 0, max: i.max_points ?? 0 })}
                  {i.method === "veto" && dash}
                </td>
                <td>{i.unit}</td>
                <td>{t(`contestSetup.aggregation.${i.aggregation}`)}</td>
                <td>{i.measure ?? dash}</td>
                <td>{i.confidential ? t("contestSetup.confidential") : dash}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
