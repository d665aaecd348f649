import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { StatusMessage } from "~/components/form-fields";
import { useT } from "~/i18n/use-t";
import { listJudgeQueue } from "~/models/judge-desk.server";
import { requireJudge } from "~/utils/authorize.server";
import { ErrorPage } from "~/components/error-page";
import judgingStyles from "~/styles/judging.css";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("nav.judging")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

/** The judge's desk: every nomination assigned to them, grouped by category, with progress. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireJudge(request, context);
  const rows = await listJudgeQueue(context.db, user.id);
  const groups = new Map<
    number,
    {
      id: number;
      title: string;
      category: string;
      stage: string;
      items: { nominationId: number; label: string; status: string }[];
    }
  >();
  for (const r of rows) {
    const g = groups.get(r.category_id) ?? {
      id: r.category_id,
      title: r.competition_title,
      category: r.category_name,
      stage: r.stage,
      items: [],
    };
    g.items.push({
      nominationId: r.nomination_id,
      label: r.blind ? r.ref : `${r.ref} ${r.name}`,
      status: r.sheet_status ?? "none",
    });
    groups.set(r.category_id, g);
  }
  return { groups: [...groups.values()] };
}

export default function JudgeDesk() {
  const t = useT();
  const { groups } = useLoaderData<typeof loader>();
  const submitted = Number(useSearchParams()[0].get("submitted"));
  const done = groups
    .flatMap((g) => g.items)
    .find((i) => i.nominationId === submitted && i.status === "submitted");
  return (
    <>
      <h1>{t("nav.judging")}</h1>
      {done && <StatusMessage>{t("confirm.sheetSubmitted", { label: done.label })}</StatusMessage>}
      {groups.length === 0 && <p className="muted">{t("judging.desk.empty")}</p>}
      {groups.map((g) => {
        const done = g.items.filter((i) => i.status === "submitted").length;
        return (
          <section key={g.id} className="judging-queue">
            <h2>
              {g.title} · {g.category}
            </h2>
            <p>
              <progress max={g.items.length} value={done} />{" "}
              {t("judging.desk.progress", { done, total: g.items.length })}
              {g.stage !== "judging" && <span className="badge">{t("judging.desk.closed")}</span>}
            </p>
            <ol>
              {g.items.map((i) => (
                <li key={i.nominationId}>
                  <Link to={`/judging/${i.nominationId}`}>{i.label}</Link>{" "}
                  <span className={`sheet-status sheet-${i.status}`}>
                    {t(`judging.sheet.status.${i.status as "none"}`)}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
