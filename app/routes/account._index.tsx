import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DELIVERIES, NOTIFICATION_KINDS, type NotificationKind } from "~/domain/notifications/vocabulary";
import { MailIntentSchema } from "~/domain/notifications/mail-address";
import { getUser as getUserRow } from "~/models/user.server";
import {
  getMailSettings,
  listPreferences,
  savePreferences,
  setMailSettings,
} from "~/models/notification-preferences.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { useT } from "~/i18n/use-t";
import { AppForm, ARRIVAL, ErrorSummary, SelectField } from "~/components/form-fields";
import { MailAddressForm } from "~/components/mail-address-form";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("inbox.account.title")]);

const DeliverySchema = z.enum(DELIVERIES, { message: "form.invalidChoice" });

const ActionSchema = z.discriminatedUnion("intent", [
  MailIntentSchema,
  z.object({
    intent: z.literal("prefs"),
    ...Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, DeliverySchema])),
  } as { intent: z.ZodLiteral<"prefs"> } & Record<NotificationKind, typeof DeliverySchema>),
]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [mail, prefs] = await Promise.all([
    getMailSettings(context.db, user.id),
    listPreferences(context.db, user.id),
  ]);
  return { mail, prefs, saved: new URL(request.url).searchParams.get("saved") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await readForm(request, context);
  const parsed = parseForm(form, ActionSchema);
  if (!parsed.ok) return formError(parsed);
  const input = parsed.data;
  const actor = actorOf(user, context);
  return runAction(context, form, async (trx) => {
    if (input.intent === "mail") {
      const row = await getUserRow(trx, user.id);
      await setMailSettings(
        trx,
        actor,
        { id: user.id, orgPath: row?.org_path ?? null },
        { email: input.email, mailLanguage: input.mailLanguage },
      );
    } else {
      const { intent: _, ...choices } = input;
      await savePreferences(trx, actor, user.id, choices);
    }
    return redirect(`/account?saved=${input.intent}`);
  });
}

export default function Account() {
  const t = useT();
  const { mail, prefs, saved } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const deliveryOptions = DELIVERIES.map((d) => ({ value: d, label: t(`inbox.delivery.${d}`) }));
  return (
    <>
      <h1>{t("inbox.account.title")}</h1>
      <p>
        <Link to="/account/password">{t("inbox.account.password")}</Link> ·{" "}
        <Link to="/inbox">{t("inbox.title")}</Link>
      </p>
      {!state && saved && (
        <p className="alert alert-ok" role="status" {...ARRIVAL} tabIndex={-1}>
          {t(saved === "prefs" ? "inbox.prefs.saved" : "inbox.address.saved")}
        </p>
      )}
      <ErrorSummary
        state={state}
        labels={{
          email: t("inbox.address.email"),
          mailLanguage: t("inbox.address.language"),
          ...Object.fromEntries(prefs.map((p) => [p.kind, t(`inbox.kind.${p.kind}`)])),
        }}
      />
      <section className="card stack" aria-labelledby="mail-title">
        <h2 id="mail-title">{t("inbox.address.title")}</h2>
        <MailAddressForm mail={mail} state={state} own className="stack" />
      </section>
      <section className="card stack" aria-labelledby="prefs-title">
        <h2 id="prefs-title">{t("inbox.prefs.title")}</h2>
        <p className="muted">{t("inbox.prefs.intro")}</p>
        {!mail.email && <p className="muted">{t("inbox.prefs.noAddress")}</p>}
        <AppForm className="stack">
          <input type="hidden" name="intent" value="prefs" />
          {prefs.map((p) => (
            <SelectField
              key={p.kind}
              name={p.kind}
              label={t(`inbox.kind.${p.kind}`)}
              defaultValue={p.delivery}
              options={deliveryOptions}
              state={state}
            />
          ))}
          <button type="submit" className="primary">
            {t("inbox.prefs.save")}
          </button>
        </AppForm>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
