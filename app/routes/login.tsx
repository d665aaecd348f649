import { pageMeta } from "~/i18n/page-title";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { AppForm, ErrorSummary, TextField } from "~/components/form-fields";
import { useT } from "~/i18n/use-t";
import { commitLogin, getUser, safeRedirect } from "~/utils/auth.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { signIn } from "~/models/login.server";

const LoginSchema = z.object({
  username: z.string().trim().min(1, "form.required").max(64, "login.invalid"),
  password: z.string().min(1, "form.required").max(1024, "login.invalid"),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("login.title")]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getUser(request, context))
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const parsed = parseForm(form, LoginSchema);
  if (!parsed.ok) return formError(parsed);
  const { username, password, redirectTo } = parsed.data;
  const outcome = await signIn(context.db, { username, password, ip: context.clientIp });
  if (!outcome.ok) {
    const status = outcome.reason === "locked" ? 429 : 400;
    const key =
      outcome.reason === "locked"
        ? "login.locked"
        : outcome.reason === "disabled"
          ? "login.disabled"
          : "login.invalid";
    return formError(
      { errors: { _form: { key, params: { minutes: outcome.minutes ?? 15 } } }, values: { username } },
      status,
    );
  }
  return redirect(safeRedirect(redirectTo), {
    headers: await commitLogin(context, outcome.userId, outcome.epoch),
  });
}

export default function Login() {
  const t = useT();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="card" style={{ maxWidth: "28rem" }}>
      <h1>{t("login.title")}</h1>
      <ErrorSummary state={state} labels={{ username: t("login.username"), password: t("login.password") }} />
      <AppForm className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField
          name="username"
          label={t("login.username")}
          autoComplete="username"
          required
          state={state}
        />
        <TextField
          name="password"
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
          required
          state={state}
        />
        <button type="submit" className="primary">
          {t("login.submit")}
        </button>
      </AppForm>
    </section>
  );
}

/** Its own boundary, so the root loader still runs and a refused form (413) is explained in the reader's language. */
export function ErrorBoundary() {
  return <ErrorPage />;
}
