import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CONTEST_SCOPES, type ContestScope } from "~/domain/contest/scheme";
import { NO_NUL } from "~/domain/input-bounds";
import { pageMeta } from "~/i18n/page-title";
import { useT } from "~/i18n/use-t";
import { publicBoard } from "~/models/contest-board.server";
import { publishedPageHeaders } from "~/models/honor-page-cache.server";
import { badRequest, notFound } from "~/utils/http.server";
import { idParam } from "~/utils/zod";
import { DataText } from "~/components/data-text";
import { ErrorPage } from "~/components/error-page";
import { LeadersChart } from "~/components/contest/leaders-chart";
import { PublicStanding } from "~/components/contest/public-standing";
import boardHref from "~/styles/contest-board.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [args.data?.board.competition.title, t("contestBoard.public.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardHref }];
export const headers: HeadersFunction = () => publishedPageHeaders();

const BoardQuery = z.object({
  period: z.string().min(1).max(30).regex(NO_NUL).nullable(),
  scope: z.enum(CONTEST_SCOPES).nullable(),
});

/** A contest's public board (no sign-in): 404 while the organizer keeps it closed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam.safeParse(params.competitionId);
  if (!id.success) throw notFound();
  const search = new URL(request.url).searchParams;
  const query = BoardQuery.safeParse({ period: search.get("period"), scope: search.get("scope") });
  if (!query.success) throw badRequest();
  const board = await publicBoard(context.db, id.data, {
    period: query.data.period,
    scope: query.data.scope ?? "cumulative",
  });
  if (!board) throw notFound();
  return { board };
}

const hrefOf = (id: number, period: string, scope: ContestScope) =>
  `/contests/${id}?${new URLSearchParams({ period, scope })}`;

export default function ContestBoard() {
  const t = useT();
  const { board } = useLoaderData<typeof loader>();
  const { competition: c, period, scope } = board;
  return (
    <div className="contest-board">
      <p className="muted no-print">
        <Link to="/contests">{t("contestBoard.public.back")}</Link>
      </p>
      <h1>
        <DataText text={c.title} />
      </h1>
      <p className="muted">{t("contestBoard.public.organizer", { org: c.org, year: c.year })}</p>
      <nav className="board-choice no-print" aria-label={t("contestBoard.period")}>
        <strong>{t("contestBoard.period")}</strong>
        <ul>
          {board.periods.map((p) => (
            <li key={p}>
              <Link to={hrefOf(c.id, p, scope)} aria-current={p === period ? "page" : undefined}>
                {p}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav className="board-choice no-print" aria-label={t("contestBoard.scope")}>
        <strong>{t("contestBoard.scope")}</strong>
        <ul>
          {(["cumulative", "period"] as const).map((s) => (
            <li key={s}>
              <Link to={hrefOf(c.id, period, s)} aria-current={s === scope ? "page" : undefined}>
                {t(`contestBoard.scope.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="board-showing">
        {t("contestBoard.showing", { period, scope: t(`contestBoard.scope.${scope}`) })}
      </p>
      <p className="hint">{t("contestBoard.confidentialNote")}</p>
      {board.groups.map((g, n) => (
        <section key={g.name} className="board-group" aria-labelledby={`group-${n}`}>
          <h2 id={`group-${n}`}>{t("contestBoard.group", { group: g.name })}</h2>
          {g.entries.length === 0 ? (
            <p>{t("contestBoard.noEntries")}</p>
          ) : (
            <PublicStanding
              caption={`${t("contestBoard.group", { group: g.name })} · ${period}`}
              indicators={board.indicators}
              entries={g.entries}
            />
          )}
          <h3>{t("contestBoard.redFlags")}</h3>
          <ul className="red-flags">
            {g.redFlags.map((f) => (
              <li key={f.period}>
                <span className="flag-period">{f.period}</span>{" "}
                {f.winners.length ? (
                  f.winners.join("、")
                ) : (
                  <span className="muted">{t("contestBoard.redFlags.none")}</span>
                )}
              </li>
            ))}
          </ul>
          <LeadersChart
            id={`chart-${n}`}
            group={g.name}
            period={period}
            labels={g.chart.labels}
            series={g.chart.series}
          />
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
