import { MAIL_LANGUAGES, MAX_MAIL_ADDRESS } from "~/domain/notifications/mail-address";
import { useT } from "~/i18n/use-t";
import type { FormState } from "~/utils/form-state";
import { AppForm, SelectField, TextField } from "./form-fields";
import { MailProblem } from "./mail-problem";

interface MailSettings {
  email: string | null;
  mailLanguage: string;
  problem: { answer: string; at: string | null } | null;
}

/**
 * A user's mail address and mail language, with the mail server's last refusal of the address above
 * it: the user's own account page and the admin's user page post the same "mail" intent.
 */
export function MailAddressForm({
  mail,
  state,
  own,
  className,
}: {
  mail: MailSettings;
  state?: FormState;
  /** The user's own address: the browser may offer to fill it in. */
  own: boolean;
  className: string;
}) {
  const t = useT();
  return (
    <>
      {mail.problem && <MailProblem problem={mail.problem} />}
      <AppForm className={className}>
        <input type="hidden" name="intent" value="mail" />
        <TextField
          name="email"
          type="email"
          autoComplete={own ? "email" : "off"}
          maxLength={MAX_MAIL_ADDRESS}
          label={t("inbox.address.email")}
          hint={t("inbox.address.hint")}
          defaultValue={mail.email}
          state={state}
        />
        <SelectField
          name="mailLanguage"
          label={t("inbox.address.language")}
          defaultValue={mail.mailLanguage}
          options={MAIL_LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
          state={state}
        />
        <button type="submit" className="primary">
          {t("inbox.address.save")}
        </button>
      </AppForm>
    </>
  );
}
