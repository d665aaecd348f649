import { useRef, useState, type ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import { TableRegion } from "./table-region";

export interface CriterionRow {
  title: string;
  max: string;
  desc: string;
}

/**
 * The rubric's rows. With JavaScript "add a row" and "remove" change the table in place; without
 * it they are submit buttons the action answers by showing the form again with a row more or
 * less, every typed value kept, nothing saved. Inputs are named by position (criterion_title_0 …),
 * so the rows after a removed one take the names the server reads.
 */
export function CriteriaRows({
  initial,
  error,
}: {
  initial: CriterionRow[];
  error: (name: string) => ReactNode;
}) {
  const t = useT();
  const next = useRef(initial.length);
  const [rows, setRows] = useState(() => initial.map((r, i) => ({ ...r, key: i })));
  const table = useRef<HTMLTableSectionElement>(null);
  const add = () => {
    setRows((list) => [...list, { title: "", max: "", desc: "", key: next.current++ }]);
    // The new row's first box, once rendered: keyboard users carry on typing.
    requestAnimationFrame(() =>
      table.current?.querySelector<HTMLInputElement>("tr:last-child input")?.focus(),
    );
  };
  return (
    <>
      <input type="hidden" name="criterionRows" value={rows.length} />
      <TableRegion label={t("competitions.criteria")}>
        <table className="rows">
          <thead>
            <tr>
              <th>{t("competitions.criterionTitle")}</th>
              <th>{t("competitions.criterionMax")}</th>
              <th>{t("competitions.criterionDescription")}</th>
              <th>{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody ref={table}>
            {rows.map((row, i) => (
              <tr key={row.key}>
                <td>
                  <input
                    name={`criterion_title_${i}`}
                    aria-label={`${t("competitions.criterionTitle")} ${i + 1}`}
                    defaultValue={row.title}
                  />
                  {error(`criterion_title_${i}`)}
                </td>
                <td>
                  <input
                    name={`criterion_max_${i}`}
                    inputMode="decimal"
                    aria-label={`${t("competitions.criterionMax")} ${i + 1}`}
                    defaultValue={row.max}
                  />
                  {error(`criterion_max_${i}`)}
                </td>
                <td>
                  <input
                    name={`criterion_desc_${i}`}
                    aria-label={`${t("competitions.criterionDescription")} ${i + 1}`}
                    defaultValue={row.desc}
                  />
                </td>
                <td>
                  {rows.length > 1 && (
                    <button
                      type="submit"
                      name="removeCriterion"
                      value={i}
                      className="link-button"
                      formNoValidate
                      onClick={(e) => {
                        e.preventDefault();
                        setRows((list) => list.filter((r) => r.key !== row.key));
                      }}
                    >
                      {t("competitions.removeCriterion", { n: i + 1 })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p>
        <button
          type="submit"
          name="intent"
          value="addCriterion"
          className="secondary"
          formNoValidate
          onClick={(e) => {
            e.preventDefault();
            add();
          }}
        >
          {t("competitions.addCriterion")}
        </button>
      </p>
    </>
  );
}
