import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/i18n/page-title";
import { useT } from "~/i18n/use-t";
import { listOpenBoards } from "~/models/contest-board.server";
import { publishedPageHeaders } from "~/models/honor-page-cache.server";
import { DataText } from "~/components/data-text";
import { ErrorPage } from "~/components/error-page";
import boardHref from "~/styles/contest-board.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestBoard.public.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardHref }];
export const headers: HeadersFunction = () => publishedPageHeaders();

/** The contests whose organizer opened the board to the public (no sign-in). */
export async function loader({ context }: LoaderFunctionArgs) {
  const boards = await listOpenBoards(context.db);
  return { boards: boards.map(({ id, title, year, org }) => ({ id, title, year, org })) };
}

export default function ContestBoards() {
  const t = useT();
  const { boards } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("contestBoard.public.title")}</h1>
      <p className="lead">{t("contestBoard.public.intro")}</p>
      {boards.length === 0 ? (
        <p>{t("contestBoard.public.none")}</p>
      ) : (
        <ul className="board-list">
          {boards.map((b) => (
            <li key={b.id}>
              <Link to={`/contests/${b.id}`}>
                <DataText text={b.title} />
              </Link>{" "}
              <span className="muted">
                {t("contestBoard.public.organizer", { org: b.org, year: b.year })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
