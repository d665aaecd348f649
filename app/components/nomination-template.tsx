import { Link } from "@remix-run/react";
import { columnGuide, type TemplateColumn } from "~/domain/nominations/nomination-columns";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { TableRegion } from "./table-region";

interface CategoryChoice {
  id: number;
  name: string;
  kind: string;
}

/** The categories as links (no JavaScript needed): the chosen one's columns and templates show below. */
export function CategoryPicker({
  categories,
  chosen,
}: {
  categories: CategoryChoice[];
  chosen: number | null;
}) {
  const t = useT();
  return (
    <p className="actions" id="category-picker">
      <span>{t("import.template.choose")}</span>
      {categories.map((cat) => {
        const label = `${cat.name}（${t(`nominationKind.${cat.kind}` as MessageKey)}）`;
        return cat.id === chosen ? (
          <strong key={cat.id} aria-current="page">
            {label}
          </strong>
        ) : (
          <Link key={cat.id} to={`?category=${cat.id}`}>
            {label}
          </Link>
        );
      })}
    </p>
  );
}

/** The chosen category's columns, which are required and what each accepts, and its two templates. */
export function CategoryColumns({
  competitionId,
  template,
}: {
  competitionId: number;
  template: { category: CategoryChoice; columns: TemplateColumn[] };
}) {
  const t = useT();
  const href = (format: "xlsx" | "csv") =>
    `/competitions/${competitionId}/nominations/template?category=${template.category.id}&format=${format}`;
  const title = t("import.template.title", { category: template.category.name });
  return (
    <section aria-labelledby="template-columns" className="card">
      <h2 id="template-columns">{title}</h2>
      <p>{t("import.template.intro")}</p>
      <p className="actions">
        <span>{t("import.template.download")}</span>
        <a href={href("xlsx")} download>
          {t("import.template.xlsx")}
        </a>
        <a href={href("csv")} download>
          {t("import.template.csv")}
        </a>
      </p>
      <p className="hint">{t("import.template.csvNote")}</p>
      <TableRegion label={title}>
        <table className="template-columns">
          <thead>
            <tr>
              <th>{t("import.template.column")}</th>
              <th>{t("import.template.english")}</th>
              <th>{t("import.template.needed")}</th>
              <th>{t("import.template.accepted")}</th>
            </tr>
          </thead>
          <tbody>
            {template.columns.map((c) => (
              <tr key={c.key} data-column={c.key} data-required={c.required ? "yes" : "no"}>
                <th scope="row">{c.zh}</th>
                <td>
                  <code>{c.en}</code>
                </td>
                <td>{t(c.required ? "import.template.requiredYes" : "import.template.requiredNo")}</td>
                <td>{columnGuide(t, c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
