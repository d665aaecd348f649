import { Link } from "@remix-run/react";
import type { Org } from "../../db/schema";
import { useT } from "~/i18n/use-t";

export function OrgBreadcrumbs({ ancestors }: { ancestors: Pick<Org, "id" | "name">[] }) {
  const t = useT();
  return (
    <nav className="breadcrumbs" aria-label={t("orgs.path")}>
      <ol>
        <li>
          <Link to="/orgs">{t("orgs.title")}</Link>
        </li>
        {ancestors.map((a) => (
          <li key={a.id}>
            <Link to={`/orgs/${a.id}`}>{a.name}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
