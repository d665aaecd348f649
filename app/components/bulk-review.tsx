import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { statusLabelKey } from "~/domain/nominations/lifecycle";
import type { NominationStatus } from "~/domain/nominations/vocabulary";
import { TableRegion } from "./table-region";

interface Row {
  id: number;
  ref: string;
  name: string;
  status: NominationStatus;
  category_name: string;
  org_name: string;
}

/** The undecided nominations with a checkbox each; `selected` keeps a refused submit's choice. */
export function BulkReviewTable({
  rows,
  selected,
  invalid,
}: {
  rows: Row[];
  selected: Set<string> | "all";
  invalid: boolean;
}) {
  const t = useT();
  return (
    <fieldset className={invalid ? "field-invalid" : undefined}>
      <legend>{t("review.bulk.legend", { count: rows.length })}</legend>
      <TableRegion label={t("review.bulk.title")}>
        <table className="bulk-review">
          <thead>
            <tr>
              <th scope="col">{t("review.bulk.pick")}</th>
              <th scope="col">{t("nominations.field.ref")}</th>
              <th scope="col">{t("nominations.field.name")}</th>
              <th scope="col">{t("nominations.field.category")}</th>
              <th scope="col">{t("nominations.field.org")}</th>
              <th scope="col">{t("nominations.field.status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr key={n.id}>
                <td>
                  <input
                    type="checkbox"
                    name="ids"
                    value={n.id}
                    id={`pick-${n.id}`}
                    defaultChecked={selected === "all" || selected.has(String(n.id))}
                    aria-label={t("review.bulk.pickOne", { name: n.name, ref: n.ref })}
                  />
                </td>
                <td>
                  <label htmlFor={`pick-${n.id}`}>{n.ref}</label>
                </td>
                <td>
                  <Link to={`/nominations/${n.id}`}>{n.name}</Link>
                </td>
                <td>{n.category_name}</td>
                <td>{n.org_name}</td>
                <td>{t(statusLabelKey(n.status))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </fieldset>
  );
}
