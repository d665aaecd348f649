import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AppForm, ErrorSummary, TextField } from "~/components/form-fields";
import { useT } from "~/i18n/use-t";
import { actorOf, commitLogin, requireUser } from "~/utils/auth.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { MIN_PASSWORD_LENGTH, verifyPassword } from "~/utils/password.server";
import { getCredentialsById, getUser as getUserRow, setPassword } from "~/models/user.server";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("account.title")]);

const PasswordSchema = z
  .object({
    current: z.string().min(1, "form.required").max(1024),
    next: z.string().min(MIN_PASSWORD_LENGTH, "form.passwordLength").max(1024),
    confirm: z.string().max(1024),
  })
  .refine((v) => v.next === v.confirm, { message: "account.mismatch", path: ["confirm"] });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  return { saved: new URL(request.url).searchParams.get("saved") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = parseForm(await readForm(request, context), PasswordSchema);
  if (!parsed.ok) return formError(parsed);
  const creds = await getCredentialsById(context.db, user.id);
  if (!(await verifyPassword(creds?.password_hash ?? null, parsed.data.current))) {
    return formError({ errors: { current: { key: "account.wrongCurrent" } }, values: {} });
  }
  const row = await getUserRow(context.db, user.id);
  const epoch = await context.db
    .transaction()
    .execute((trx) =>
      setPassword(trx, actorOf(user, context), user.id, parsed.data.next, row?.org_path ?? null),
    );
  // The new epoch ended every session, this request's included: this browser continues under a
  // fresh one, which the redirect hands over before any loader reads the session again.
  return redirect("/account/password?saved=1", { headers: await commitLogin(context, user.id, epoch) });
}

export default function ChangePassword() {
  const t = useT();
  const result = useActionData<typeof action>();
  const { saved } = useLoaderData<typeof loader>();
  return (
    <section className="card" style={{ maxWidth: "32rem" }}>
      <h1>{t("account.title")}</h1>
      {saved && !result && (
        <p className="alert alert-ok" role="status">
          {t("account.saved")}
        </p>
      )}
      <ErrorSummary
        state={result}
        labels={{ current: t("account.current"), next: t("account.new"), confirm: t("account.confirm") }}
      />
      <AppForm className="stack">
        <TextField
          name="current"
          label={t("account.current")}
          type="password"
          autoComplete="current-password"
          required
          state={result}
        />
        <TextField
          name="next"
          label={t("account.new")}
          type="password"
          autoComplete="new-password"
          required
          state={result}
          hint={t("form.passwordLength")}
        />
        <TextField
          name="confirm"
          label={t("account.confirm")}
          type="password"
          autoComplete="new-password"
          required
          state={result}
        />
        <button type="submit" className="primary">
          {t("account.submit")}
        </button>
      </AppForm>
    </section>
  );
}
