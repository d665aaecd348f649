import { statusLabelKey } from "~/domain/nominations/lifecycle";
import type { NominationStatus } from "~/domain/nominations/vocabulary";
import type { MessageKey } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { useLocale, useT } from "~/i18n/use-t";
import type { listNominationEvents } from "~/models/nomination-query.server";
import { TableRegion } from "./table-region";

export type NominationEventData = Awaited<ReturnType<typeof listNominationEvents>>[number];

/** Every step of the nomination: who, when, from which status to which, and why. */
export function NominationHistory({ events }: { events: NominationEventData[] }) {
  const t = useT();
  const locale = useLocale();
  const status = (s: NominationStatus) => t(statusLabelKey(s));
  const action = (a: string) => {
    const key = `nominations.action.${a}`;
    return t(key as MessageKey) === key ? a : t(key as MessageKey);
  };
  if (events.length === 0) return <p className="muted">{t("nominations.history.empty")}</p>;
  return (
    <TableRegion label={t("nominations.history.title")}>
      <table>
        <thead>
          <tr>
            <th>{t("nominations.history.at")}</th>
            <th>{t("nominations.history.actor")}</th>
            <th>{t("nominations.history.action")}</th>
            <th>{t("nominations.history.status")}</th>
            <th>{t("nominations.history.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(locale, e.at)}</td>
              <td>{e.actor_label}</td>
              <td>{action(e.action)}</td>
              <td>
                {e.from_status ? `${status(e.from_status)} → ${status(e.to_status)}` : status(e.to_status)}
              </td>
              <td>{e.reason ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/**
 * A returned nomination's reason at the top of its page: the nominator opens the page to learn
 * what to fix, and the history table puts it last. The latest return is the one that counts.
 */
export function ReturnNotice({ status, events }: { status: string; events: NominationEventData[] }) {
  const t = useT();
  const locale = useLocale();
  if (status !== "returned") return null;
  const last = events.filter((e) => e.to_status === "returned").at(-1);
  if (!last) return null;
  return (
    <div className="alert alert-warning return-notice">
      <p>
        <strong>
          {t("nominations.returnedBecause", { at: formatDateTime(locale, last.at), by: last.actor_label })}
        </strong>
      </p>
      <p style={{ whiteSpace: "pre-wrap" }}>{last.reason ?? "—"}</p>
    </div>
  );
}
