import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { pageLink } from "~/utils/page-link";
import { AppForm } from "./form-fields";
import { TableRegion } from "./table-region";

/** The GET form above a registry list; its fields are FilterSelect and FilterText. */
export function FilterForm({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <AppForm method="get" className="inline-form card">
      {children}
      <button type="submit" className="primary">
        {t("registry.filter")}
      </button>
    </AppForm>
  );
}

/** A filter choice: "" (the first option, `allLabel`) means no filter. */
export function FilterSelect({
  name,
  label,
  value,
  allLabel,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  allLabel: string;
  options: readonly (readonly [string, string])[];
}) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{allLabel}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterText({
  name,
  label,
  value,
}: {
  name: string;
  label: string;
  value: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} name={name} defaultValue={value ?? ""} maxLength={50} />
    </div>
  );
}

/** A registry table with its column heads, named by `label`; `empty` stands in for a table without rows. */
export function ListTable({
  label,
  head,
  empty,
  children,
}: {
  label: string;
  head: string[];
  empty?: string | false;
  children: ReactNode;
}) {
  if (empty) return <p className="muted">{empty}</p>;
  return (
    <TableRegion label={label}>
      <table>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableRegion>
  );
}

export function Pager({
  filter,
  hasMore,
}: {
  filter: Record<string, unknown> & { page: number };
  hasMore: boolean;
}) {
  const t = useT();
  return (
    <nav className="pager">
      {filter.page > 1 && <Link to={pageLink(filter, filter.page - 1)}>{t("registry.prev")}</Link>}
      {hasMore && <Link to={pageLink(filter, filter.page + 1)}>{t("registry.next")}</Link>}
    </nav>
  );
}
