import type { ReactNode } from "react";
import { orgGroupsByParent } from "~/domain/org-tree";
import { useT } from "~/i18n/use-t";
import { TableRegion } from "./table-region";

/**
 * Nomination places per union, the unions grouped under their parent as the tree has them: a
 * row group per parent, its name as the group's header, so 72 unions read as the hierarchy.
 */
export function AllocationTable({
  orgs,
  value,
  error,
}: {
  orgs: { id: number; name: string; path: string }[];
  value: (orgId: number) => string;
  error: (name: string) => ReactNode;
}) {
  const t = useT();
  return (
    <TableRegion label={t("competitions.allocations")}>
      <table className="rows">
        {orgGroupsByParent(orgs).map(([group, members], i) => (
          <tbody key={i}>
            {group && (
              <tr>
                <th colSpan={2} scope="rowgroup" className="group-heading">
                  {group}
                </th>
              </tr>
            )}
            {members.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <label htmlFor={`alloc_${o.id}`}>{o.name}</label>
                </th>
                <td>
                  <input
                    id={`alloc_${o.id}`}
                    name={`alloc_${o.id}`}
                    type="number"
                    min={0}
                    defaultValue={value(o.id)}
                  />
                  {error(`alloc_${o.id}`)}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </TableRegion>
  );
}
