import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { notFound } from "~/utils/http.server";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (_t) => []);

// Any path no other route claims: a 404 page in the reader's language, for GET and POST alike.
export async function loader() {
  throw notFound();
}

export async function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
