import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import { AppForm, TextField } from "~/components/form-fields";
import { TableRegion } from "~/components/table-region";

export interface AdminRollRow {
  id: number;
  category_name: string;
  position: number;
  name: string;
  org_name: string;
  revoked: number;
  revoked_on: string | null;
  revoked_reason: string | null;
}

/** The admin's view of a published list, with a revoke form per honoree (each with its own ids). */
export function AdminRoll({ roll, today }: { roll: AdminRollRow[]; today: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <TableRegion label={t("publication.roll")}>
      <table>
        <thead>
          <tr>
            <th>{t("honors.col.category")}</th>
            <th>{t("honors.col.position")}</th>
            <th>{t("notice.col.name")}</th>
            <th>{t("notice.col.org")}</th>
            <th>{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {roll.map((h) => (
            <tr key={h.id}>
              <td>{h.category_name}</td>
              <td>{h.position}</td>
              <td>{h.name}</td>
              <td>{h.org_name}</td>
              <td>
                {h.revoked ? (
                  <span className="status status-revoked">
                    {t("publication.revoked", {
                      date: formatDate(locale, h.revoked_on ?? ""),
                      reason: h.revoked_reason ?? "",
                    })}
                  </span>
                ) : (
                  <details>
                    <summary>{t("publication.revoke")}</summary>
                    <AppForm>
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="honoree" value={h.id} />
                      <TextField
                        name="reason"
                        id={`f-reason-${h.id}`}
                        label={t("publication.revokeReason")}
                        required
                        maxLength={1000}
                      />
                      <TextField
                        name="revoked_on"
                        id={`f-revoked_on-${h.id}`}
                        type="date"
                        label={t("publication.revokedOn")}
                        defaultValue={today}
                        required
                      />
                      <button type="submit" className="secondary">
                        {t("publication.revoke")}
                      </button>
                    </AppForm>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
