import { formatFen } from "~/domain/money";
import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { hasRole } from "~/domain/permissions";
import { STAT_KEYS, type StatsFen } from "~/domain/activities/stats";
import { Amount } from "~/components/amount";
import { formatNumber } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import { loadStatsReport } from "~/models/stats.server";
import { getUser } from "~/utils/auth.server";
import { parseStatsYear } from "~/utils/stats-query.server";
import { BarChart } from "~/components/stats-chart";
import { StatsTable } from "~/components/stats-table";
import { ErrorPage } from "~/components/error-page";
import statsHref from "~/styles/stats.css";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("stats.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: statsHref }];

/** Public: aggregates only (no team member, no row of an activity). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const year = parseStatsYear(request);
  const [report, user] = await Promise.all([loadStatsReport(context.db, year), getUser(request, context)]);
  return { year, report, admin: !!user && hasRole(user.grants, "admin") };
}

function Figures({ s }: { s: StatsFen }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="stats">
      {STAT_KEYS.map((k) => (
        <li key={k}>
          <span className="figure">
            {k === "funds_yuan" ? <Amount fen={s.funds_fen} locale={locale} /> : formatNumber(locale, s[k])}
          </span>
          {t(`stats.col.${k === "funds_yuan" ? "funds" : k}`)}
        </li>
      ))}
    </ul>
  );
}

function YearFilter({ year, years }: { year: number | null; years: number[] }) {
  const t = useT();
  return (
    <Form method="get" className="stats-filter">
      <div className="field">
        <label htmlFor="f-year">{t("stats.year")}</label>
        <select id="f-year" name="year" defaultValue={year ?? ""}>
          <option value="">{t("stats.allYears")}</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t("stats.show")}</button>
    </Form>
  );
}

function Charts({ report }: { report: ReturnType<typeof useLoaderData<typeof loader>>["report"] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="stats-charts">
      <BarChart
        title={t("stats.chartFunds")}
        bars={report.byCity.map((c) => ({
          label: c.key,
          value: c.stats.funds_fen,
          text: formatFen(c.stats.funds_fen, locale),
        }))}
      />
      <BarChart
        title={t("stats.chartLifted")}
        bars={report.byCity.map((c) => ({
          label: c.key,
          value: c.stats.people_lifted,
          text: formatNumber(locale, c.stats.people_lifted),
        }))}
      />
      <BarChart
        title={t("stats.chartYears")}
        bars={report.byYear.map((y) => ({
          label: String(y.key),
          value: y.stats.activities,
          text: formatNumber(locale, y.stats.activities),
        }))}
      />
    </div>
  );
}

export default function StatsPage() {
  const t = useT();
  const { year, report, admin } = useLoaderData<typeof loader>();
  const query = year === null ? "" : `&year=${year}`;
  return (
    <>
      <h1>{t("stats.title")}</h1>
      <p className="lead">{t("stats.intro")}</p>
      {admin && (
        <p className="actions">
          <Link to="/aid">{t("stats.manage")}</Link>
        </p>
      )}
      <YearFilter year={year} years={report.years} />
      <h2>
        {t("stats.province")}
        {year !== null && ` · ${year}`}
      </h2>
      {report.province.activities === 0 ? (
        <p className="card">{t("stats.empty")}</p>
      ) : (
        <>
          <Figures s={report.province} />
          <p className="actions">
            {t("stats.export")} <a href={`/stats/export?format=csv${query}`}>{t("stats.exportCsv")}</a>{" "}
            <a href={`/stats/export?format=xlsx${query}`}>{t("stats.exportXlsx")}</a>
          </p>
          <Charts report={report} />
          <StatsTable
            caption={t("stats.byCity")}
            head={[t("stats.col.city")]}
            lines={report.byCity.map((c) => ({ key: c.key, label: c.key, stats: c.stats }))}
          />
          <StatsTable
            caption={t("stats.byYear")}
            head={[t("stats.year")]}
            lines={report.byYear.map((y) => ({ key: String(y.key), label: String(y.key), stats: y.stats }))}
          />
          <StatsTable
            caption={t("stats.byKind")}
            head={[t("stats.scope.kind")]}
            lines={report.byKind.map((k) => ({ key: k.key, label: k.key, stats: k.stats }))}
          />
          <StatsTable
            caption={t("stats.byCounty")}
            head={[t("stats.scope.county"), t("stats.col.code"), t("stats.col.city")]}
            lines={report.byCounty.map((c) => ({
              key: c.code,
              label: c.key,
              extra: [c.code, c.city],
              stats: c.stats,
            }))}
          />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
