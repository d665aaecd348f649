import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { BoardEntry } from "~/domain/contest/board";
import type { Gap, IndicatorGap } from "~/domain/contest/gap";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";
import { pageMeta } from "~/i18n/page-title";
import { useLocale, useT } from "~/i18n/use-t";
import { requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import {
  standingsView,
  type IndicatorHead,
  type StandingsView,
} from "~/utils/contest-standings-query.server";
import standingsHref from "~/styles/contest-standings.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: standingsHref }];

/** Points as the rules round them: up to 4 decimals. */
const points = (locale: string, x: number) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(x);

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestStandings.title"), args.data?.competition.title]);

/** Readers of the competition see the official standings; a participant's own users their provisional one too. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, params.competitionId, user, "competition:read");
  const view = await standingsView(context, request, c, user);
  return { competition: { id: c.id, title: c.title }, view };
}

function Chooser({ view }: { view: StandingsView }) {
  const t = useT();
  const select = (name: string, label: string, value: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={`s-${name}`}>{label}</label>
      <select id={`s-${name}`} name={name} defaultValue={value}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Form method="get" className="standings-filter" aria-label={t("contestStandings.choose")}>
      {select(
        "period",
        t("contestStandings.period"),
        view.period,
        view.periods.map((p) => [p, p]),
      )}
      {select("scope", t("contestStandings.scope"), view.scope, [
        ["cumulative", t("contest.scope.cumulative")],
        ["period", t("contest.scope.period")],
      ])}
      {select(
        "group",
        t("contestStandings.group"),
        view.group,
        view.groups.map((g) => [g, g]),
      )}
      {view.own &&
        select("view", t("contestStandings.view"), view.provisional ? "provisional" : "official", [
          ["official", t("contestStandings.view.official")],
          ["provisional", t("contestStandings.view.provisional")],
        ])}
      <button type="submit">{t("contestStandings.show")}</button>
    </Form>
  );
}

function Movement({ entry }: { entry: BoardEntry }) {
  const t = useT();
  const m = entry.movement;
  if (!m) return null;
  if (m.kind === "up") return <span className="up">{t("contest.movement.up", { by: m.by })}</span>;
  if (m.kind === "down") return <span className="down">{t("contest.movement.down", { by: m.by })}</span>;
  return <>{t(`contest.movement.${m.kind}`)}</>;
}

function RankCell({ entry }: { entry: BoardEntry }) {
  const t = useT();
  if (entry.rank === null)
    return (
      <>
        {t("contestStandings.unranked")}
        {entry.vetoed && ` · ${t("contest.vetoed")}`}
        {entry.disqualified && ` · ${t("contest.disqualified")}`}
      </>
    );
  return (
    <>
      {entry.rank}
      {entry.tied && ` (${t("contestStandings.tied")})`}
    </>
  );
}

function StandingTable({ view, caption }: { view: StandingsView; caption: string }) {
  const t = useT();
  const locale = useLocale();
  const n = (x: number) => points(locale, x);
  return (
    <TableRegion label={caption}>
      <table className="contest-standings">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("contestStandings.col.rank")}</th>
            <th scope="col">{t("contestStandings.col.org")}</th>
            <th scope="col" className="num">
              {t("contestStandings.col.total")}
            </th>
            {view.indicators.map((i) => (
              <th key={i.code} scope="col" className="num">
                {t("contestStandings.col.indicator", { title: i.title, unit: i.unit })}
              </th>
            ))}
            <th scope="col">{t("contestStandings.col.movement")}</th>
            <th scope="col">{t("contestStandings.col.redFlags")}</th>
          </tr>
        </thead>
        <tbody>
          {view.entries.map((e) => (
            <tr key={e.orgId} className={e.orgId === view.own?.orgId ? "own" : undefined}>
              <td>
                <RankCell entry={e} />
              </td>
              <th scope="row">{e.name}</th>
              <td className="num">{n(e.total)}</td>
              {e.points.map((p, i) => (
                <td key={view.indicators[i].code} className="num">
                  {n(p)}
                  {e.noTarget.includes(view.indicators[i].code) && (
                    <small className="hint"> {t("contest.noTarget")}</small>
                  )}
                  {e.actual[i] === null && (
                    <small className="hint"> {t("contestStandings.notReported")}</small>
                  )}
                </td>
              ))}
              <td>
                <Movement entry={e} />
              </td>
              <td>{e.redFlags.join("、")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function gapText(t: ReturnType<typeof useT>, g: IndicatorGap, head: IndicatorHead, locale: string) {
  if (!g.closes) return t(`contest.gap.${g.reason}`);
  const amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(g.amount);
  return t(g.strict ? "contest.gap.moreThan" : "contest.gap.more", { amount, unit: head.unit });
}

function GapCard({ view, gap }: { view: StandingsView; gap: Gap }) {
  const t = useT();
  const locale = useLocale();
  const org = view.own!.name;
  return (
    <section className="card" aria-labelledby="gap-title">
      <h2 id="gap-title">{t("contestStandings.gap.title", { org })}</h2>
      <p>
        {t("contest.gap.points", { rank: gap.nextRank, points: points(locale, gap.points) })}
        {gap.points === 0 && ` · ${t("contestStandings.gap.tieBreak")}`}
      </p>
      <TableRegion label={t("contestStandings.gap.title", { org })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("contestStandings.gap.indicator")}</th>
              <th scope="col">{t("contestStandings.gap.what")}</th>
            </tr>
          </thead>
          <tbody>
            {gap.byIndicator.map((g, i) => (
              <tr key={g.code}>
                <th scope="row">{view.indicators[i].title}</th>
                <td>{gapText(t, g, view.indicators[i], locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

function Gap({ view }: { view: StandingsView }) {
  const t = useT();
  if (!view.gap || !view.own) return null;
  if (view.gap.state === "gap") return <GapCard view={view} gap={view.gap.gap} />;
  return <p className="card">{t(`contestStandings.gap.${view.gap.state}`, { org: view.own.name })}</p>;
}

export default function ContestStandingsPage() {
  const t = useT();
  const { competition, view } = useLoaderData<typeof loader>();
  const hub = `/competitions/${competition.id}/contest`;
  if (!view)
    return (
      <>
        <h1>{t("contestStandings.title")}</h1>
        <p className="card">{t("contestStandings.noContest")}</p>
        <p>
          <Link to={hub}>{t("contestStandings.backToHub")}</Link>
        </p>
      </>
    );
  const scope = t(`contest.scope.${view.scope}`);
  const caption = t(view.provisional ? "contestStandings.captionProvisional" : "contestStandings.caption", {
    group: view.group,
    period: view.period,
    scope,
  });
  const query = new URLSearchParams({
    period: view.period,
    scope: view.scope,
    group: view.group,
    ...(view.provisional ? { view: "provisional" } : {}),
  });
  return (
    <>
      <p>
        <Link to={hub}>{t("contestStandings.backToHub")}</Link>
      </p>
      <h1>
        {t("contestStandings.title")} · {competition.title}
      </h1>
      <Chooser view={view} />
      {view.provisional && (
        <p className="notice" role="note">
          {t("contestStandings.provisionalNote", { org: view.own!.name })}
        </p>
      )}
      {view.entries.length === 0 ? (
        <p className="card">{t("contestStandings.empty")}</p>
      ) : (
        <StandingTable view={view} caption={caption} />
      )}
      <Gap view={view} />
      <p className="actions">
        {t("contestStandings.export")}{" "}
        <a href={`${hub}/standings/export?${query}&format=csv`} download>
          {t("contestStandings.exportCsv")}
        </a>{" "}
        <a href={`${hub}/standings/export?${query}&format=xlsx`} download>
          {t("contestStandings.exportXlsx")}
        </a>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
