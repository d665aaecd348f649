import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";

/** The mail server's refusal of a user's address, on the user's own page and the admin's. */
export function MailProblem({ problem }: { problem: { answer: string; at: string | null } }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="alert alert-error" role="status">
      {problem.at
        ? t("inbox.address.problem", { at: formatDateTime(locale, problem.at), answer: problem.answer })
        : t("inbox.address.problemNoDate", { answer: problem.answer })}
    </p>
  );
}
